"""Test helpers for applications that use error-core.

:func:`assert_error` checks an error response from Flask's or Django's (and
DRF's) test client, or from ``requests`` or ``httpx``.
"""

from __future__ import annotations

import json
from typing import Any

from . import _codes as codes
from ._envelope import CONTENT_TYPE, DEFAULT_REQUEST_ID_HEADER
from ._response_readers import body_of, header_of, status_of

_KEYS = ["code", "message", "request_id"]


class _Pairs(list[tuple[str, Any]]):
    """A JSON object's items in order (a JSON array stays a plain list)."""


def assert_error(
    response: Any,
    code: str,
    *,
    status: int | None = None,
    message: str | None = None,
    request_id_header: str = DEFAULT_REQUEST_ID_HEADER,
) -> dict[str, str]:
    """Assert that ``response`` is the error-core envelope for ``code``; return the body.

    Checks the status (default: the code's registered status), the
    ``Content-Type: application/json`` header, the body's keys (exactly
    ``code``, ``message``, ``request_id``, in that order), the code, the
    message if given, and that the ``Request-Id`` header equals the body's
    ``request_id``. Raises :class:`AssertionError` listing every mismatch.
    """
    __tracebackhide__ = True  # pytest shows the caller's line, not this one
    code = str(code)
    if status is None:
        entry = codes.CODES.get(code)
        if entry is None:
            raise AssertionError(
                f"Unknown error code {code!r}: pass status=..., or register the code. "
                f"Registered: {', '.join(sorted(codes.CODES))}."
            )
        status = entry.status
    problems: list[str] = []
    actual_status = status_of(response)
    if actual_status != status:
        problems.append(f"status is {actual_status}, expected {status}")
    content_type = header_of(response, "Content-Type")
    if content_type != CONTENT_TYPE:
        problems.append(f"Content-Type is {content_type!r}, expected {CONTENT_TYPE!r}")
    body = body_of(response)
    envelope = _envelope(body, problems)
    if envelope is not None:
        if envelope.get("code") != code:
            problems.append(f"code is {envelope.get('code')!r}, expected {code!r}")
        if message is not None and envelope.get("message") != message:
            problems.append(f"message is {envelope.get('message')!r}, expected {message!r}")
        sent_id = header_of(response, request_id_header)
        if sent_id != envelope.get("request_id"):
            problems.append(
                f"{request_id_header} header is {sent_id!r}, "
                f"body request_id is {envelope.get('request_id')!r}"
            )
    if problems or envelope is None:
        shown = body[:500].decode("utf-8", "replace")
        raise AssertionError(
            f"Not the {code!r} error response: "
            + "; ".join(problems)
            + f". Response: {actual_status} {shown}"
        )
    return envelope


def _envelope(body: bytes, problems: list[str]) -> dict[str, str] | None:
    """The body as an envelope, or ``None`` with the reason added to ``problems``."""
    try:
        pairs = json.loads(body, object_pairs_hook=_Pairs)
    except ValueError:
        problems.append("the body is not JSON")
        return None
    keys = [key for key, _ in pairs] if isinstance(pairs, _Pairs) else None
    if keys != _KEYS:
        problems.append(f"the body's keys are {keys}, expected {_KEYS}")
        return None
    envelope = dict(pairs)
    if not all(isinstance(value, str) for value in envelope.values()):
        problems.append("the body's values are not all strings")
        return None
    return envelope
