"""The one place that turns an error into status, headers and body bytes."""

from __future__ import annotations

import json
from typing import NamedTuple

from .codes import CODES
from .errors import APIError

CONTENT_TYPE = "application/json"
DEFAULT_REQUEST_ID_HEADER = "Request-Id"

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
# Lone surrogates cannot be UTF-8: such text is sent \u-escaped instead.
_encode_ascii = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
_INTERNAL = CODES["internal"]
_FALLBACK_PREFIX = _encode({"code": _INTERNAL.code, "message": _INTERNAL.message, "request_id": ""})[:-3]


class Rendered(NamedTuple):
    """An error response ready for any framework to send."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def render(
    error: APIError,
    request_id: str,
    *,
    request_id_header: str = DEFAULT_REQUEST_ID_HEADER,
) -> Rendered:
    """Status, headers and UTF-8 JSON body of ``error`` for the request ``request_id``.

    Never raises: if the error itself cannot be rendered, the result is the
    ``internal`` envelope with the same request id.
    """
    try:
        envelope = {"code": str(error.code), "message": str(error.message), "request_id": request_id}
        try:
            body = _encode(envelope).encode("utf-8")
        except UnicodeEncodeError:
            body = _encode_ascii(envelope).encode("ascii")
        status = int(error.status)
        extra = error.headers()
    except Exception:
        return render_fallback(request_id, request_id_header=request_id_header)
    return Rendered(status, [*_base_headers(request_id, request_id_header), *extra], body)


def render_fallback(
    request_id: str, *, request_id_header: str = DEFAULT_REQUEST_ID_HEADER
) -> Rendered:
    """The fixed ``internal`` envelope, for when nothing else can be rendered."""
    body = f"{_FALLBACK_PREFIX}{_encode(str(request_id))}}}".encode()
    return Rendered(500, _base_headers(request_id, request_id_header), body)


def _base_headers(request_id: str, request_id_header: str) -> list[tuple[str, str]]:
    return [
        ("Content-Type", CONTENT_TYPE),
        ("Cache-Control", "no-store"),
        (request_id_header, request_id),
    ]
