from __future__ import annotations

import json
import threading
from typing import Callable

import pytest

from error_core import CODES, Code, CodeConflictError, ErrorCode, register_code
from error_core._codes import CLASSES, for_status, lookup

BUILT_IN = [
    ("invalid_request", 400),
    ("authentication", 401),
    ("permission_denied", 403),
    ("not_found", 404),
    ("method_not_allowed", 405),
    ("not_acceptable", 406),
    ("conflict", 409),
    ("payload_too_large", 413),
    ("unsupported_media_type", 415),
    ("rate_limited", 429),
    ("internal", 500),
    ("unavailable", 503),
]


@pytest.mark.parametrize(("code", "status"), BUILT_IN)
def test_built_in_codes_have_their_documented_status(code: str, status: int) -> None:
    entry = CODES[code]
    assert entry == Code(code, status, entry.message)
    assert entry.message.endswith(".")


def test_error_code_enum_lists_exactly_the_built_in_codes() -> None:
    assert {member.value for member in ErrorCode} == {code for code, _ in BUILT_IN}


@pytest.mark.parametrize("member", list(ErrorCode))
def test_error_code_members_behave_as_their_strings(member: ErrorCode) -> None:
    value = member.value
    assert member == value
    assert value == member
    assert hash(member) == hash(value)
    assert str(member) == value
    assert f"{member}" == value
    assert f"{member:>30}|{member!s}" == f"{value:>30}|{value}"
    assert "%s" % member == value  # noqa: UP031 - the %-format logging uses
    assert repr(member) == f"<ErrorCode.{member.name}: {value!r}>"
    assert json.dumps(member) == json.dumps(value)
    assert json.dumps({member: [member]}) == json.dumps({value: [value]})
    assert CODES[member] is CODES[value]
    assert lookup(member) is CODES[value]


def test_codes_mapping_is_read_only() -> None:
    with pytest.raises(TypeError):
        CODES["not_found"] = Code("not_found", 410, "Gone.")  # type: ignore[index]
    assert CODES["not_found"].status == 404


def test_register_code_adds_an_application_code(unique_code: Callable[[], str]) -> None:
    code = unique_code()
    entry = register_code(code, 402, "Your card was declined.")
    assert entry == Code(code, 402, "Your card was declined.")
    assert CODES[code] is entry
    assert lookup(code) is entry


def test_registering_again_with_the_same_status_keeps_the_first_message(
    unique_code: Callable[[], str],
) -> None:
    code = unique_code()
    first = register_code(code, 422, "First message.")
    again = register_code(code, 422, "Second message.")
    assert again is first
    assert CODES[code].message == "First message."


def test_registering_a_code_with_a_second_status_is_refused(
    unique_code: Callable[[], str],
) -> None:
    code = unique_code()
    register_code(code, 402, "Payment required.")
    with pytest.raises(CodeConflictError) as excinfo:
        register_code(code, 403, "Forbidden.")
    message = str(excinfo.value)
    assert repr(code) in message
    assert "402" in message and "403" in message
    # The message lists what is registered, so the fix is obvious.
    assert f"{code}=402" in message
    assert "not_found=404" in message
    assert "internal=500" in message
    assert CODES[code].status == 402


def test_code_conflict_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="already registered with status 404"):
        register_code("not_found", 410, "Gone.")
    assert CODES["not_found"].status == 404


def test_registering_an_enum_member_registers_its_string() -> None:
    assert register_code(ErrorCode.CONFLICT, 409, "ignored") is CODES["conflict"]


@pytest.mark.parametrize("code", ["", "card declined", "card-declined", "card.declined", "cárd"])
def test_code_names_are_ascii_letters_digits_and_underscores(code: str) -> None:
    with pytest.raises(ValueError, match="must be non-empty ASCII letters, digits or '_'"):
        register_code(code, 402, "Nope.")
    assert code not in CODES


@pytest.mark.parametrize("status", [200, 302, 399, 600, 0, -400, True, "402", 402.0, None])
def test_code_status_must_be_an_error_status(
    status: object, unique_code: Callable[[], str]
) -> None:
    code = unique_code()
    with pytest.raises(ValueError, match="status must be an int from 400 to 599"):
        register_code(code, status, "Nope.")  # type: ignore[arg-type]
    assert code not in CODES


def test_lookup_of_an_unknown_code_names_the_registered_ones() -> None:
    with pytest.raises(KeyError) as excinfo:
        lookup("no_such_code_anywhere")
    message = str(excinfo.value)
    assert "no_such_code_anywhere" in message
    assert "register it with a status first" in message
    assert "invalid_request" in message and "unavailable" in message


@pytest.mark.parametrize(
    ("status", "code"),
    [
        *((status, code) for code, status in BUILT_IN),
        (402, "invalid_request"),
        (410, "invalid_request"),
        (418, "invalid_request"),
        (451, "invalid_request"),
        (499, "invalid_request"),
        (501, "internal"),
        (502, "internal"),
        (504, "internal"),
        (599, "internal"),
    ],
)
def test_for_status_maps_framework_statuses(status: int, code: str) -> None:
    assert for_status(status) is CODES[code]


def test_application_codes_do_not_change_the_status_table(
    unique_code: Callable[[], str],
) -> None:
    register_code(unique_code(), 451, "Unavailable for legal reasons.")
    assert for_status(451) is CODES["invalid_request"]


def test_concurrent_registration_yields_one_entry(unique_code: Callable[[], str]) -> None:
    code = unique_code()
    barrier = threading.Barrier(8)
    results: list[Code] = []

    def register(n: int) -> None:
        barrier.wait()
        results.append(register_code(code, 422, f"Message {n}."))

    threads = [threading.Thread(target=register, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    assert all(entry is CODES[code] for entry in results)


def test_the_table_knows_the_class_that_defines_each_built_in_code() -> None:
    from error_core import (
        AuthenticationError,
        Conflict,
        InternalError,
        InvalidRequest,
        NotFound,
        PermissionDenied,
        RateLimited,
    )

    classes = [
        InvalidRequest,
        AuthenticationError,
        PermissionDenied,
        NotFound,
        Conflict,
        RateLimited,
        InternalError,
    ]
    assert {code: CLASSES[code] for code in CLASSES if code in set(ErrorCode)} == {
        cls.code: cls for cls in classes
    }


def test_an_application_subclass_is_its_codes_class_and_register_code_names_none(
    unique_code: Callable[[], str],
) -> None:
    from error_core import APIError

    defined, registered = unique_code(), unique_code()
    cls = type("CardDeclined", (APIError,), {"code": defined, "status": 402})
    register_code(registered, 402, "Declined.")
    assert CLASSES[defined] is cls
    assert registered not in CLASSES
    # A second class for the same code and status does not take the code over.
    type("Again", (APIError,), {"code": defined, "status": 402})
    assert CLASSES[defined] is cls
