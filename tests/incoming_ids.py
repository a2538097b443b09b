"""Checks shared by the adapters' incoming-id corpus tests (``tests/core/id_corpus.py``)."""

from __future__ import annotations

import logging
import re

from tests.core.id_corpus import HOSTILE, REPEATED, VALID
from tests.raw import Answer, RawRequest, as_bytes

FRESH_ID = re.compile(r"req_[0-9A-HJKMNP-TV-Z]{26}")
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def hostile_requests() -> list[tuple[str, RawRequest]]:
    """Every hostile value, as one header and (repeated pairs) as two."""
    requests = [
        (value, RawRequest(path=b"/missing", headers=[("X-Request-Id", as_bytes(value))]))
        for value in HOSTILE
    ]
    for first, second in REPEATED:
        headers = [("X-Request-Id", as_bytes(first)), ("X-Request-Id", as_bytes(second))]
        requests.append((f"{first},{second}", RawRequest(path=b"/missing", headers=headers)))
    return requests


def valid_requests() -> list[tuple[str, RawRequest]]:
    return [
        (value, RawRequest(path=b"/missing", headers=[("X-Request-Id", value.encode())]))
        for value in VALID
    ]


def assert_not_adopted(value: str, answer: Answer, records: list[logging.LogRecord]) -> None:
    """A hostile value: a fresh id, never echoed in a header, never logged raw."""
    request_id = answer.header("Request-Id")
    assert request_id is not None and FRESH_ID.fullmatch(request_id), (value, request_id)
    raw = as_bytes(value).decode("latin-1")  # what the framework read from the server
    for text in {value, raw}:
        if len(text) < 3:
            continue  # too short to tell from other text ("a,", "\r\n")
        for name, header in answer.headers:
            assert text not in header, (value, name)
        for record in records:
            assert text not in record.getMessage(), (value, record.name)
    for record in records:
        if record.name == "error_core":
            assert not CONTROL.search(record.getMessage()), record.getMessage()
            assert record.request_id == request_id  # type: ignore[attr-defined]


def assert_adopted(value: str, answer: Answer, records: list[logging.LogRecord]) -> None:
    assert answer.header("Request-Id") == value
    assert answer.body.endswith(f'"request_id":"{value}"}}'.encode())
    assert [r.request_id for r in records if r.name == "error_core"] == [value]  # type: ignore[attr-defined]
