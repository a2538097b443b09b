"""The request id on every response, readable by cross-origin scripts (CORS)."""

from __future__ import annotations

from typing import Callable

from ._header_lines import has_header
from ._settings import Settings

EXPOSE_HEADERS = "Access-Control-Expose-Headers"
ALLOW_ORIGIN = "Access-Control-Allow-Origin"
ALLOW_ORIGIN_LINE = f"\n{ALLOW_ORIGIN.lower()}\r"  # as has_header() looks it up


def outgoing_headers(
    settings: Settings,
    request_id: str,
    lines: str,
    get: Callable[[str], str | None],
) -> list[tuple[str, str]]:
    """The headers to set on a response: ``lines`` are its lower-cased header lines.

    (:func:`~error_core._header_lines.header_lines`). ``Request-Id`` unless
    the response has it already, and on a CORS response (one with
    ``Access-Control-Allow-Origin``) the id header appended to
    ``Access-Control-Expose-Headers`` (``ERRORS_EXPOSE_REQUEST_ID_HEADER``).
    ``get(name)`` reads a header in any case; it is called for CORS responses only.
    """
    headers = []
    if not has_header(lines, settings.request_id_header):
        headers.append((settings.request_id_header, request_id))
    if settings.expose_request_id_header and ALLOW_ORIGIN_LINE in lines:
        current = get(EXPOSE_HEADERS)
        exposed = expose_header(current, settings.request_id_header)
        if exposed != current:
            headers.append((EXPOSE_HEADERS, exposed))
    return headers


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
