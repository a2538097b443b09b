"""Where the request id is made visible beyond the response: CORS and Sentry."""

from __future__ import annotations

import sys
from typing import Callable

from .settings import Settings

EXPOSE_HEADERS = "Access-Control-Expose-Headers"
ALLOW_ORIGIN = "Access-Control-Allow-Origin"


def outgoing_headers(
    settings: Settings, request_id: str, get: Callable[[str], str | None]
) -> list[tuple[str, str]]:
    """The headers to set on every response, given ``get(name)`` of its headers.

    ``Request-Id`` unless the response has it already, and on a CORS response
    (one with ``Access-Control-Allow-Origin``) the id header appended to
    ``Access-Control-Expose-Headers`` (``ERRORS_EXPOSE_REQUEST_ID_HEADER``).
    """
    headers = []
    if get(settings.request_id_header) is None:
        headers.append((settings.request_id_header, request_id))
    if settings.expose_request_id_header and get(ALLOW_ORIGIN) is not None:
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


def tag_sentry_scope(request_id: str) -> None:
    """Tag the current Sentry scope with ``request_id``, if the app uses Sentry.

    Looked up in ``sys.modules``: an app that never imported ``sentry_sdk``
    pays nothing. With Sentry's Flask or Django integration each request has
    its own scope, so every event of the request carries the tag.
    """
    sentry_sdk = sys.modules.get("sentry_sdk")
    if sentry_sdk is not None:
        sentry_sdk.set_tag("request_id", request_id)
