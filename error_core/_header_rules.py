"""Which of an error's own headers reach the server, and how: one rule for every adapter.

An ``APIError(headers=...)`` may carry anything an application (or an
upstream service it copies from) put there. What leaves is the same on
Flask, Django WSGI and Django ASGI:

- the envelope's own headers (``Content-Type``, ``Content-Length``,
  ``Cache-Control``, the request-id header) cannot be given again;
- headers that frame the message or belong to one connection are the
  server's, and ``Location``/``Content-Location`` mean nothing on an error
  (Werkzeug rewrites both, and refuses some): dropped, with one WARNING per
  name and process on ``error_core``;
- a name that is not a token, or a value that is not printable ASCII, is
  dropped (CR/LF would split the response; servers treat the rest apart);
- one header per name (case-insensitive), under its first spelling and at its
  first place: list-valued fields join their values with ``", "`` (RFC 9110
  5.3), single-valued fields keep the last value (as a ``dict`` would).
"""

from __future__ import annotations

from ._log import error_logger
from ._settings import is_header_name

OWN_HEADERS = frozenset(("content-type", "content-length", "cache-control"))
# Hop-by-hop (RFC 9110 7.6.1) and framing fields: a server that passes one on
# sends chunked with Content-Length, drops a pipelined request, labels plain
# JSON as gzip, or refuses the response.
FRAMING_HEADERS = frozenset(
    (
        "connection",
        "content-encoding",
        "http2-settings",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    )
)
# Meaningful on a redirect or a 201, not on an error; Werkzeug re-spells them
# and rewrites their URL (and fails on some), so the adapters could not agree.
NOT_FOR_ERRORS = frozenset(("content-location", "location"))
# Fields that hold one value: two cannot be joined into one line (Set-Cookie's
# Expires has a comma; "30, 60" is no Retry-After), so the last one given wins.
SINGLE_VALUE_HEADERS = frozenset(
    (
        "access-control-allow-credentials",
        "access-control-allow-origin",
        "access-control-max-age",
        "age",
        "content-disposition",
        "content-range",
        "date",
        "etag",
        "expires",
        "last-modified",
        "retry-after",
        "set-cookie",
        "strict-transport-security",
        "x-content-type-options",
        "x-frame-options",
    )
)
_DROPPED = OWN_HEADERS | FRAMING_HEADERS | NOT_FOR_ERRORS
_warned: set[str] = set()


def error_headers(headers: list[tuple[str, str]], request_id_header: str) -> list[tuple[str, str]]:
    """The headers of an error that are sent after the envelope's own, by the rules above."""
    if not headers:
        return []
    own = request_id_header.lower()
    kept: list[tuple[str, str]] = []
    places: dict[str, int] = {}  # lower-case name -> its place in kept
    for name, value in headers:
        lowered = name.lower()
        if lowered in _DROPPED or lowered == own or not _sendable(name, value):
            if lowered in FRAMING_HEADERS:
                _warn_dropped(lowered, name, "the server sets the framing and connection headers")
            elif lowered in NOT_FOR_ERRORS:
                _warn_dropped(lowered, name, "it has no meaning on an error response")
            continue
        place = places.get(lowered)
        if place is None:
            places[lowered] = len(kept)
            kept.append((name, value))
        elif lowered in SINGLE_VALUE_HEADERS:
            kept[place] = (kept[place][0], value)
        else:
            kept[place] = (kept[place][0], f"{kept[place][1]}, {value}")
    return kept


def _sendable(name: str, value: str) -> bool:
    """Whether a header survives every server: a token name, a printable ASCII value.

    CR/LF would split the response; non-ASCII is sent differently by test
    clients and real servers. Such a header is dropped, the error is not.
    """
    return is_header_name(name) and value.isascii() and value.isprintable()


def _warn_dropped(lowered: str, name: str, reason: str) -> None:
    # Once per name: the names are a fixed few, and a view that sets one does
    # so on every error, which must not flood the log.
    if lowered in _warned:
        return
    _warned.add(lowered)
    error_logger().warning(
        "%s dropped from an APIError's headers: %s (the error is sent without it)", name, reason
    )
