"""The properties every answer to a fuzzed request must have."""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

from error_core import CODES, APIError, EscapingFormatter
from error_core._log_escaping import INDENT
from error_core._request_id import is_valid_incoming
from tests.raw import Answer, RawRequest, latin1

from .apps import Seen

FRESH_ID = re.compile(r"req_[0-9A-HJKMNP-TV-Z]{26}")
# Texts that would show a traceback or where the code lives.
LEAKS = ["Traceback", 'File "', str(Path(__file__).resolve().parents[2]), sys.prefix]
# Werkzeug's explanation for get_json() on another media type (the README: shown).
WERKZEUG_415 = (
    "Did not attempt to load JSON data because the request Content-Type was not 'application/json'."
)
FORMATTER = EscapingFormatter("%(levelname)s [%(request_id)s] %(name)s %(message)s")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def incoming_id(request: RawRequest) -> str | None:
    """The X-Request-Id value the framework reads (a server joins repeats with commas)."""
    values = [latin1(value) for name, value in request.headers if name == "X-Request-Id"]
    return ",".join(values) if values else None


def check_answer(answer: Answer, request: RawRequest, seen: Seen, *, trust: bool) -> None:
    """Every property of one answer; fails with the first one broken."""
    request_id = answer.header("Request-Id")
    assert request_id is not None, "no Request-Id header"
    incoming = incoming_id(request)
    if trust and incoming is not None and is_valid_incoming(incoming):
        assert request_id == incoming, "a valid trusted id was not adopted"
    else:
        assert FRESH_ID.fullmatch(request_id), f"not a fresh id: {request_id!r}"
        assert request_id != incoming

    body = answer.body
    # An adopted id is the client's text, echoed by design (checked above): the
    # searches below look at the body without it ("OSError" is a valid id).
    text = body.decode("utf-8", "replace").replace(f'"request_id":"{request_id}"', "")
    plan, raised = seen.plan, seen.raised
    assert plan.marker not in text, "the text of an exception reached the client"
    if not isinstance(raised, APIError):  # an APIError's message is the application's choice
        for leak in LEAKS:
            assert leak not in text, f"{leak!r} reached the client"
    if raised is not None and not isinstance(raised, APIError):
        assert type(raised).__name__ not in text, "an exception's type name reached the client"

    if answer.status >= 500:
        chose_5xx = isinstance(raised, APIError) and raised.status >= 500
        allowed = seen.returned >= 500 or chose_5xx or _unexpected(raised)
        assert allowed, f"{answer.status} without an unexpected exception"
    if answer.status < 400:
        return

    assert answer.header("Content-Type") == "application/json"
    assert answer.header("Cache-Control") == "no-store"
    if not body and request.method.upper() == "HEAD":
        return
    assert answer.header("Content-Length") in (None, str(len(body)))
    envelope = json.loads(body)
    assert list(envelope) == ["code", "message", "request_id"], envelope
    code, message = envelope["code"], envelope["message"]
    assert code in CODES, code
    assert envelope["request_id"] == request_id, "header and body ids differ"
    if isinstance(raised, APIError):
        if raised.status == answer.status and raised.code == code:
            # What any JSON reader makes of the text: escaped lone surrogates that
            # form a pair ("\ud800\udfff") read back as the one character they encode.
            assert message == json.loads(json.dumps(raised.message))
            return
        raise AssertionError(f"{raised!r} was answered {answer.status} {code}")
    if _unexpected(raised):
        assert (answer.status, code) == (500, "internal")
    assert message in (CODES[code].message, WERKZEUG_415), message
    # Nothing else the client sent (Host, path) is in the body: it is exactly the
    # three fields. A search of the text for the path would also find it in the
    # code ("not_found"), a key ("code") or an adopted id, which are no echo.
    assert body == _compact(envelope), "the body is not the compact envelope of its fields"


def _unexpected(raised: BaseException | None) -> bool:
    """Whether the view raised something the adapters answer with 500 ``internal``."""
    if raised is None or isinstance(raised, APIError):
        return False
    module = type(raised).__module__
    return not module.startswith(("django.", "werkzeug."))


def _compact(envelope: dict[str, str]) -> bytes:
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def check_logs(records: list[logging.LogRecord], answer: Answer) -> None:
    """No record can forge a log line; error_core's records carry the response's id."""
    request_id = answer.header("Request-Id")
    for record in records:
        formatted = FORMATTER.format(record)
        first, *rest = formatted.split("\n")
        assert not CONTROL.search(first), f"control character in {first[:200]!r}"
        for line in rest:
            assert line.startswith(INDENT), f"forged line {line[:200]!r}"
            assert not CONTROL.search(line), f"control character in {line[:200]!r}"
        if record.name == "error_core":
            assert not CONTROL.search(record.getMessage())
            assert record.request_id == request_id  # type: ignore[attr-defined]
            assert record.getMessage().endswith(f"(request_id={request_id})")
