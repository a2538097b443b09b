"""An ad hoc ``APIError(message, code=..., status=...)`` belongs to that instance only.

Raising an error never changes the code table: no message, status or code
of one request can reach another request, the catalogue or the OpenAPI
export, and the table does not grow with the codes a view makes up.
"""

from __future__ import annotations

import json
from typing import Callable

import pytest

from error_core import CODES, APIError, CodeConflictError, openapi, register_code
from error_core._cli import catalogue
from error_core._envelope import render

RID = "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"


def body_of(error: APIError) -> dict[str, str]:
    rendered = render(error, RID)
    envelope: dict[str, str] = json.loads(rendered.body)
    return envelope


def test_a_later_ad_hoc_error_with_the_same_code_does_not_show_the_first_ones_message(
    unique_code: Callable[[], str],
) -> None:
    code = unique_code()
    first = APIError("Widget 42 is locked by alice@example.com.", code=code, status=423)
    later = APIError(code=code, status=423)

    assert body_of(first)["message"] == "Widget 42 is locked by alice@example.com."
    assert body_of(later) == {
        "code": code,
        "message": CODES["invalid_request"].message,  # the default of a 4xx
        "request_id": RID,
    }
    assert "alice" not in later.message


def test_an_ad_hoc_code_is_not_added_to_the_code_table(unique_code: Callable[[], str]) -> None:
    code = unique_code()
    APIError("Quota exceeded.", code=code, status=403)
    assert code not in CODES


def test_the_catalogue_and_the_openapi_export_contain_no_ad_hoc_message(
    unique_code: Callable[[], str],
) -> None:
    code = unique_code()
    secret = "Widget 42 is locked by alice@example.com."
    render(APIError(secret, code=code, status=423), RID)

    assert all(row["code"] != code for row in catalogue())
    assert secret not in json.dumps(catalogue())
    for version in ("3.0", "3.1"):
        document = json.dumps(openapi.components(version))
        assert code not in document
        assert secret not in document


def test_distinct_ad_hoc_codes_do_not_grow_the_code_table() -> None:
    before = dict(CODES)
    for n in range(50_000):
        render(APIError(f"Upstream said {n}.", code=f"upstream_{n}", status=502), RID)
    assert dict(CODES) == before


def test_the_same_ad_hoc_code_with_two_statuses_gives_both_statuses(
    unique_code: Callable[[], str],
) -> None:
    code = unique_code()
    locked = render(APIError("Locked.", code=code, status=423), RID)
    gone = render(APIError("Gone.", code=code, status=410), RID)

    assert (locked.status, json.loads(locked.body)["code"]) == (423, code)
    assert (gone.status, json.loads(gone.body)["code"]) == (410, code)
    assert json.loads(gone.body)["message"] == "Gone."


def test_an_ad_hoc_5xx_without_message_gets_the_internal_default(
    unique_code: Callable[[], str],
) -> None:
    error = APIError(code=unique_code(), status=507)
    assert (error.status, error.message) == (507, CODES["internal"].message)


def test_a_registered_code_without_status_takes_its_status_and_message(
    unique_code: Callable[[], str],
) -> None:
    code = unique_code()
    register_code(code, 402, "Your card was declined.")
    error = APIError(code=code)
    assert (error.code, error.status, error.message) == (code, 402, "Your card was declined.")
    assert APIError("Try another card.", code=code).message == "Try another card."


def test_a_registered_code_with_its_own_status_keeps_its_registered_message(
    unique_code: Callable[[], str],
) -> None:
    code = unique_code()
    register_code(code, 402, "Your card was declined.")
    assert APIError(code=code, status=402).message == "Your card was declined."


def test_a_registered_code_cannot_be_raised_with_another_status() -> None:
    # The table says what not_found means; a 410 not_found would contradict it.
    with pytest.raises(CodeConflictError, match="'not_found' is already registered"):
        APIError(code="not_found", status=410)
    assert CODES["not_found"].status == 404


def test_an_unknown_code_without_status_is_a_value_error_naming_the_registered_codes() -> None:
    with pytest.raises(ValueError, match="Unknown error code 'never_registered'") as excinfo:
        APIError(code="never_registered")
    message = str(excinfo.value)
    assert "status=" in message
    assert "invalid_request" in message and "unavailable" in message
    assert "never_registered" not in CODES


@pytest.mark.parametrize("code", ["", "card declined", "card-declined", "x\nINFO forged", "cárd"])
def test_an_ad_hoc_code_must_have_the_format_of_a_registered_one(code: str) -> None:
    with pytest.raises(ValueError, match="must be non-empty ASCII letters, digits or '_'"):
        APIError("Nope.", code=code, status=422)
    assert code not in CODES


def test_an_ad_hoc_code_with_a_non_error_status_is_refused(unique_code: Callable[[], str]) -> None:
    code = unique_code()
    with pytest.raises(ValueError, match="status must be an int from 400 to 599"):
        APIError("Nope.", code=code, status=200)
    assert code not in CODES
