"""Assertions shared by the Django adapter tests."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from typing import Any, Iterator

from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponseBase

from error_core import CODES
from tests.apps.errors import SECRET

REQUEST_ID = re.compile(r"req_[0-9A-HJKMNP-TV-Z]{26}")


def assert_envelope(
    response: HttpResponseBase,
    status: int,
    code: str,
    message: str | None = None,
    *,
    request_id_header: str = "Request-Id",
) -> dict[str, Any]:
    """``response`` is the error-core envelope; ``message`` defaults to the code's own."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    content = response.content  # type: ignore[attr-defined]
    assert response["Content-Length"] == str(len(content))
    envelope = json.loads(content)
    assert list(envelope) == ["code", "message", "request_id"]
    assert envelope["code"] == code
    assert envelope["message"] == (CODES[code].message if message is None else message)
    assert envelope["request_id"] == response[request_id_header]
    assert SECRET not in content.decode()
    return envelope  # type: ignore[no-any-return]


def assert_request_id(response: HttpResponseBase, header: str = "Request-Id") -> str:
    """The response carries a fresh request id in ``header``."""
    request_id = response[header]
    assert REQUEST_ID.fullmatch(request_id)
    return request_id


@contextmanager
def signals_sent() -> Iterator[list[HttpRequest | None]]:
    """The request of every ``got_request_exception`` sent inside the block."""
    sent: list[HttpRequest | None] = []

    def receiver(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        sent.append(request)

    got_request_exception.connect(receiver, dispatch_uid="tests.django.signals")
    try:
        yield sent
    finally:
        got_request_exception.disconnect(dispatch_uid="tests.django.signals")
