"""The fuzz properties themselves: they hold for a correct answer, and fail on a wrong one."""

from __future__ import annotations

import json

import pytest

from error_core import CODES
from tests.raw import Answer, RawRequest

from .apps import Plan, Seen
from .properties import check_answer

ADOPTED = "a" * 128


def compact(code: str, request_id: str) -> str:
    fields = {"code": code, "message": CODES[code].message, "request_id": request_id}
    return json.dumps(fields, separators=(",", ":"))


def answer(request_id: str, body: str, status: int = 404) -> Answer:
    headers = [
        ("Content-Type", "application/json"),
        ("Cache-Control", "no-store"),
        ("Request-Id", request_id),
        ("Content-Length", str(len(body.encode()))),
    ]
    return Answer(status, headers, body.encode())


def adopting(request_id: str, path: bytes = b"/fuzz/") -> RawRequest:
    return RawRequest(path=path, headers=[("X-Request-Id", request_id.encode())])


@pytest.mark.parametrize("path", [b"aaaa", b"not_found", b"code", b"request_id"])
def test_a_path_found_in_the_id_code_or_keys_is_not_an_echo_of_the_path(path: bytes) -> None:
    not_found = answer(ADOPTED, compact("not_found", ADOPTED))
    check_answer(not_found, adopting(ADOPTED, path), Seen(), trust=True)


def test_a_path_in_the_body_beside_the_fields_is_an_echo() -> None:
    # The fields intact, the path written in a second, repeated "message" key.
    body = compact("not_found", ADOPTED).replace('"message"', '"message":"/x-path","message"', 1)
    with pytest.raises(AssertionError, match="compact envelope"):
        check_answer(answer(ADOPTED, body), adopting(ADOPTED, b"/x-path"), Seen(), trust=True)


@pytest.mark.parametrize("request_id", ["Traceback", "ValueError", "SECRET"])
def test_an_adopted_id_that_spells_a_leak_is_not_a_leak(request_id: str) -> None:
    seen = Seen(plan=Plan(action="unexpected", marker="SECRET"), raised=ValueError("SECRET"))
    internal = answer(request_id, compact("internal", request_id), status=500)
    check_answer(internal, adopting(request_id), seen, trust=True)


def test_a_leak_beside_an_adopted_id_is_still_a_leak() -> None:
    seen = Seen(plan=Plan(action="unexpected", marker="SECRET"), raised=ValueError("SECRET"))
    body = compact("internal", "id-1").replace("An unexpected", "SECRET An unexpected")
    with pytest.raises(AssertionError, match="text of an exception"):
        check_answer(answer("id-1", body, status=500), adopting("id-1"), seen, trust=True)
