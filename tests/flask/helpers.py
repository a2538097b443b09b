"""Assertions shared by the Flask extension tests."""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from flask import Flask, got_request_exception
from werkzeug.test import TestResponse

from error_core import CODES

MakeApp = Callable[..., Flask]

REQUEST_ID = re.compile(r"req_[0-9A-HJKMNP-TV-Z]{26}")


def default_message(code: str) -> str:
    """The catalogue's default message of ``code``."""
    return CODES[code].message


def assert_envelope(
    response: TestResponse,
    status: int,
    code: str,
    message: str | None = None,
    *,
    request_id_header: str = "Request-Id",
    request_id: str | None = None,
) -> str:
    """Check every part of an error response a client relies on; return its request id.

    The body is compared byte for byte: compact JSON, keys in the documented
    order, UTF-8 without ``\\u`` escapes for printable non-ASCII text. The id
    is a fresh ``req_`` ULID unless ``request_id`` (an adopted one) is given.
    ``message`` (default: the code's) must need no JSON escaping.
    """
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    sent_id = response.headers[request_id_header]
    if request_id is None:
        assert REQUEST_ID.fullmatch(sent_id), sent_id
    else:
        assert sent_id == request_id
    text = default_message(code) if message is None else message
    expected = f'{{"code":"{code}","message":"{text}","request_id":"{sent_id}"}}'
    assert response.get_data() == expected.encode()
    assert response.headers["Content-Length"] == str(len(response.get_data()))
    return sent_id


@contextmanager
def sent_exceptions(app: Flask) -> Iterator[list[BaseException]]:
    """Collect what ``got_request_exception`` reports for ``app``."""
    seen: list[BaseException] = []

    def receiver(sender: Flask, exception: BaseException, **extra: Any) -> None:
        seen.append(exception)

    with got_request_exception.connected_to(receiver, app):
        yield seen


def traceback_records(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    """The records, on any logger, that carry a traceback."""
    return [r for r in records if r.exc_info is not None and r.exc_info[0] is not None]


def error_core_records(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    """The records of the ``error_core`` logger."""
    return [r for r in records if r.name == "error_core"]
