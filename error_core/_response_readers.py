"""Status, headers and body of any HTTP response object, without importing its library.

Duck-typed for Flask/Werkzeug and Django/DRF (test client) responses,
``requests`` and ``httpx`` responses and ``http.client.HTTPResponse`` /
``urllib.error.HTTPError``.
"""

from __future__ import annotations

from typing import Any


def status_of(response: Any) -> int:
    """The HTTP status: ``status_code`` (most libraries) or ``status`` (urllib)."""
    # Werkzeug's ``status`` is the "404 NOT FOUND" string: status_code first.
    for attribute in ("status_code", "status"):
        status = getattr(response, attribute, None)
        if isinstance(status, int) and not isinstance(status, bool):
            return status
    raise TypeError(f"Cannot read an HTTP status from {type(response).__name__} objects.")


def header_of(response: Any, name: str) -> str | None:
    """The value of header ``name`` (any case), or ``None``."""
    headers = getattr(response, "headers", None)
    value = None if headers is None else headers.get(name)
    return None if value is None else str(value)


def body_of(response: Any) -> bytes:
    """The body: ``content`` (Django, requests, httpx), ``get_data()`` (Flask) or ``read()``."""
    for attribute in ("content", "get_data", "read"):
        try:
            value = getattr(response, attribute)
            if callable(value):
                value = value()
        except Exception:  # noqa: BLE001 - an unread or streamed body: try the next way
            continue
        if isinstance(value, bytes):
            return value
    raise TypeError(f"Cannot read the body of {type(response).__name__} objects.")
