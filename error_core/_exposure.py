"""Where the request id is made visible beyond the response: CORS and Sentry."""

from __future__ import annotations

import sys
from functools import partial
from operator import itemgetter
from typing import Callable, Iterable

from ._settings import Settings

EXPOSE_HEADERS = "Access-Control-Expose-Headers"
ALLOW_ORIGIN = "Access-Control-Allow-Origin"
_NAME = itemgetter(0)


def outgoing_headers(
    settings: Settings,
    request_id: str,
    has: Callable[[str], bool],
    get: Callable[[str], str | None],
) -> list[tuple[str, str]]:
    """The headers to set on a response that ``has(name)`` and ``get(name)`` read.

    ``Request-Id`` unless the response has it already, and on a CORS response
    (one with ``Access-Control-Allow-Origin``) the id header appended to
    ``Access-Control-Expose-Headers`` (``ERRORS_EXPOSE_REQUEST_ID_HEADER``).
    Both look a header up in any case; ``get`` is called for CORS responses only.
    """
    headers = []
    if not has(settings.request_id_header):
        headers.append((settings.request_id_header, request_id))
    if settings.expose_request_id_header and has(ALLOW_ORIGIN):
        current = get(EXPOSE_HEADERS)
        exposed = expose_header(current, settings.request_id_header)
        if exposed != current:
            headers.append((EXPOSE_HEADERS, exposed))
    return headers


def add_outgoing_headers(
    settings: Settings, request_id: str, headers: list[tuple[str, str]], names: str | None = None
) -> None:
    """:func:`outgoing_headers` set on a WSGI header list, replacing any of the same name.

    ``names``: :func:`wsgi_header_names` of ``headers``, when the caller has it.
    """
    if names is None:
        names = wsgi_header_names(headers)
    if not (settings.expose_request_id_header and has_header(names, ALLOW_ORIGIN)):
        # Not a CORS response, nearly every one: what outgoing_headers would
        # give, without building its list (measured: 1 µs of a 45 µs request).
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


def expose_header(current: str | None, header: str) -> str:
    """``Access-Control-Expose-Headers`` with ``header`` appended, unless already listed.

    What a CORS library already set is kept, never overwritten, so that
    browser code can read the request id of a cross-origin response.
    """
    if not current or not current.strip():
        return header
    listed = {name.strip().lower() for name in current.split(",")}
    if header.lower() in listed:
        return current
    return f"{current}, {header}"


def tag_sentry_scope(request_id: str) -> None:
    """Tag the current Sentry scope with ``request_id``, if the app uses Sentry.

    Looked up in ``sys.modules``: an app that never imported ``sentry_sdk``
    pays nothing. With Sentry's Flask or Django integration each request has
    its own scope, so every event of the request carries the tag.
    """
    sentry_sdk = sys.modules.get("sentry_sdk")
    if sentry_sdk is not None:
        sentry_sdk.set_tag("request_id", request_id)
