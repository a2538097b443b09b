"""WSGI header lists: look-ups, and the request id headers set on them."""

from __future__ import annotations

from functools import partial

from ._cors import outgoing_headers
from ._header_lines import has_header, header_lines
from ._settings import Settings


def add_outgoing_headers(
    settings: Settings, request_id: str, headers: list[tuple[str, str]], lines: str | None = None
) -> None:
    """:func:`~error_core._cors.outgoing_headers` set on a WSGI header list.

    Each replaces any header of the same name. ``lines``: the lower-cased
    :func:`~error_core._header_lines.header_lines` of ``headers``, when the caller has it.
    """
    if lines is None:
        lines = header_lines(headers).lower()
    for name, value in outgoing_headers(settings, request_id, lines, partial(header, headers)):
        if has_header(lines, name):
            lowered = name.lower()
            headers[:] = [pair for pair in headers if pair[0].lower() != lowered]
        headers.append((name, value))


def header(headers: list[tuple[str, str]], name: str) -> str | None:
    """The first value of ``name`` (any case) in a WSGI header list, or ``None``."""
    name = name.lower()
    for key, value in headers:
        if key.lower() == name:
            return value
    return None
