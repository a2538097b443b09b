"""The one place that turns an error into status, headers and body bytes."""

from __future__ import annotations

import json
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Mapping, NamedTuple

from ._codes import CODES, check_code, check_status
from ._errors import APIError
from ._header_rules import error_headers

CONTENT_TYPE = "application/json"
DEFAULT_REQUEST_ID_HEADER = "Request-Id"

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
# Lone surrogates cannot be UTF-8: such text is sent \u-escaped instead.
_encode_ascii = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
_INTERNAL = CODES["internal"]
_FALLBACK_PREFIX = _encode(
    {"code": _INTERNAL.code, "message": _INTERNAL.message, "request_id": ""}
)[:-3]


class Rendered(NamedTuple):
    """An error response ready for any framework to send, and the code it carries."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    code: str

    def for_method(self, method: str) -> Rendered:
        """What to send in answer to a ``method`` request: ``Content-Length`` set.

        For ``HEAD`` (any case), the same status and headers, ``Content-Length``
        included (the length of the body a ``GET`` would get), and an empty body.
        """
        body = self.body
        headers = [*self.headers, ("Content-Length", str(len(body)))]
        # The constructor, not _replace(): on every error response, and a third of the cost.
        return Rendered(self.status, headers, b"" if method.upper() == "HEAD" else body, self.code)


def render(
    error: APIError,
    request_id: str,
    *,
    request_id_header: str = DEFAULT_REQUEST_ID_HEADER,
    messages: Mapping[str, str] | None = None,
) -> Rendered:
    """Status, headers and UTF-8 JSON body of ``error`` for the request ``request_id``.

    ``messages`` (the ``ERRORS_MESSAGES`` setting) replaces the default message
    of its codes on errors raised without one. Never raises: if the error
    itself cannot be rendered, the result is the ``internal`` envelope with
    the same request id.
    """
    try:
        code = str(error.code)
        # Only a code of the table's format with an error status reaches a client:
        # an attribute changed after construction cannot send a forged code or a 200.
        if code not in CODES:
            check_code(code)  # an ad hoc code: its format is all there is to check
        status = int(check_status(error.status, "error"))
        message = str(error.message)
        if messages and not error.explicit_message:
            message = messages.get(code, message)
        # The envelope written from a template: the bytes JSONEncoder(separators=(",", ":"))
        # makes for these three strings (tests/core/test_rendering.py), at a fraction of its cost.
        try:
            body = (
                f'{{"code":{encode_basestring(code)},"message":{encode_basestring(message)},'
                f'"request_id":{encode_basestring(request_id)}}}'
            ).encode()
        except UnicodeEncodeError:
            body = (
                f'{{"code":{encode_basestring_ascii(code)},'
                f'"message":{encode_basestring_ascii(message)},'
                f'"request_id":{encode_basestring_ascii(request_id)}}}'
            ).encode("ascii")
        headers = _base_headers(request_id, request_id_header)
        extra = error.headers()
        if extra:  # most errors have none: no call
            headers.extend(error_headers(extra, request_id_header))
    except Exception:  # noqa: BLE001 - render never raises: any failure is the fallback
        return render_fallback(request_id, request_id_header=request_id_header)
    return Rendered(status, headers, body, code)


def render_fallback(
    request_id: str, *, request_id_header: str = DEFAULT_REQUEST_ID_HEADER
) -> Rendered:
    """The fixed ``internal`` envelope, for when nothing else can be rendered.

    Never raises: the id is written with ``\\u`` escapes where it needs them.
    """
    body = f"{_FALLBACK_PREFIX}{_encode_ascii(str(request_id))}}}".encode("ascii")
    return Rendered(500, _base_headers(request_id, request_id_header), body, _INTERNAL.code)


def _base_headers(request_id: str, request_id_header: str) -> list[tuple[str, str]]:
    return [
        ("Content-Type", CONTENT_TYPE),
        ("Cache-Control", "no-store"),
        (request_id_header, request_id),
    ]
