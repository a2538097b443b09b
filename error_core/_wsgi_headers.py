"""WSGI header lists: look-ups, and the request id headers set on them."""

from __future__ import annotations

from functools import partial
from operator import itemgetter
from typing import Iterable

from ._cors import ALLOW_ORIGIN, outgoing_headers
from ._settings import Settings

_NAME = itemgetter(0)


def add_outgoing_headers(
    settings: Settings, request_id: str, headers: list[tuple[str, str]], names: str | None = None
) -> None:
    """:func:`~error_core._cors.outgoing_headers` set on a WSGI header list.

    Each replaces any header of the same name. ``names``:
    :func:`wsgi_header_names` of ``headers``, when the caller has it.
    """
    if names is None:
        names = wsgi_header_names(headers)
    if not (settings.expose_request_id_header and has_header(names, ALLOW_ORIGIN)):
        # Not a CORS response, nearly every one: what outgoing_headers would
        # give, without building its list.
        if not has_header(names, settings.request_id_header):
            headers.append((settings.request_id_header, request_id))
        return
    present = partial(has_header, names)
    for name, value in outgoing_headers(settings, request_id, present, partial(header, headers)):
        if has_header(names, name):
            lowered = name.lower()
            headers[:] = [pair for pair in headers if pair[0].lower() != lowered]
        headers.append((name, value))


def wsgi_header_names(headers: list[tuple[str, str]]) -> str:
    """:func:`header_names` of a WSGI header list."""
    return header_names(map(_NAME, headers))


def header_names(names: Iterable[str]) -> str:
    """Header names, lower case, each on its own ``\\n``-delimited line (see :func:`has_header`).

    One pass of C code, where a loop in Python per look-up would cost more.
    """
    return "\n" + "\n".join(names).lower() + "\n"


def has_header(names: str, name: str) -> bool:
    """Whether ``name`` (any case) is among :func:`header_names`' ``names``."""
    return f"\n{name.lower()}\n" in names


def header(headers: list[tuple[str, str]], name: str) -> str | None:
    """The first value of ``name`` (any case) in a WSGI header list, or ``None``."""
    name = name.lower()
    for key, value in headers:
        if key.lower() == name:
            return value
    return None
