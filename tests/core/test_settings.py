from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from error_core import SettingsError
from error_core._settings import (
    OPTIONS,
    RESERVED_REQUEST_HEADERS,
    RESERVED_RESPONSE_HEADERS,
    Problem,
    Settings,
    check,
)

VALID = {
    "ERRORS_REQUEST_ID_HEADER": "X-Trace-Id",
    "ERRORS_TRUST_INCOMING_REQUEST_ID": True,
    "ERRORS_INCOMING_REQUEST_ID_HEADER": "X-Correlation-ID",
    "ERRORS_HANDLE_UNEXPECTED_IN_DEBUG": True,
}


def defaults(name: str, default: Any) -> Any:
    return default


def test_defaults() -> None:
    settings = Settings.load(defaults)
    assert settings == Settings()
    assert settings == Settings(
        request_id_header="Request-Id",
        trust_incoming_request_id=False,
        incoming_request_id_header="X-Request-Id",
        handle_unexpected_in_debug=False,
    )
    assert check(defaults) == []


def test_load_reads_every_option_through_get() -> None:
    assert Settings.load(VALID.get) == Settings(
        request_id_header="X-Trace-Id",
        trust_incoming_request_id=True,
        incoming_request_id_header="X-Correlation-ID",
        handle_unexpected_in_debug=True,
    )
    assert check(VALID.get) == []


def test_partial_configuration_keeps_the_other_defaults() -> None:
    config = {"ERRORS_TRUST_INCOMING_REQUEST_ID": True}
    assert Settings.load(config.get) == Settings(trust_incoming_request_id=True)


def test_settings_are_immutable() -> None:
    settings = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.request_id_header = "X-Other"  # type: ignore[misc]


def test_check_numbers_are_stable() -> None:
    # These are the django_errors.E00n ids users silence and search for.
    assert [(option.name, option.number) for option in OPTIONS] == [
        ("ERRORS_REQUEST_ID_HEADER", 1),
        ("ERRORS_TRUST_INCOMING_REQUEST_ID", 2),
        ("ERRORS_INCOMING_REQUEST_ID_HEADER", 3),
        ("ERRORS_HANDLE_UNEXPECTED_IN_DEBUG", 4),
        ("ERRORS_EXPOSE_REQUEST_ID_HEADER", 5),
        ("ERRORS_MESSAGES", 6),
        ("ERRORS_KEEP_APP_HANDLERS", 7),
    ]


HEADER_SETTINGS = [("ERRORS_REQUEST_ID_HEADER", 1), ("ERRORS_INCOMING_REQUEST_ID_HEADER", 3)]
BOOLEAN_SETTINGS = [
    ("ERRORS_TRUST_INCOMING_REQUEST_ID", 2),
    ("ERRORS_HANDLE_UNEXPECTED_IN_DEBUG", 4),
]


RESERVED = {
    "ERRORS_REQUEST_ID_HEADER": RESERVED_RESPONSE_HEADERS,
    "ERRORS_INCOMING_REQUEST_ID_HEADER": RESERVED_REQUEST_HEADERS,
}


def header_message(name: str, value: object) -> str:
    reserved = ", ".join(RESERVED[name])
    return (
        f"{name} must be an HTTP header name (letters, digits and !#$%&'*+.^_`|~-) "
        f"other than {reserved}; not {value!r}."
    )


@pytest.mark.parametrize(("name", "number"), HEADER_SETTINGS)
@pytest.mark.parametrize(
    "value", ["", "Request Id", "Request-Id\r\n", "Req:Id", "Réquest-Id", None, 5, b"Request-Id"]
)
def test_a_header_setting_must_be_a_header_name(name: str, number: int, value: object) -> None:
    config = {name: value}
    with pytest.raises(SettingsError) as excinfo:
        Settings.load(config.get)
    message = header_message(name, value)
    assert excinfo.value.problems == [Problem(name, number, message)]
    assert str(excinfo.value) == message


@pytest.mark.parametrize("value", [*RESERVED_RESPONSE_HEADERS, "content-type", "CACHE-CONTROL"])
def test_regression_request_id_header_cannot_replace_an_envelope_header(value: str) -> None:
    # Accepted before: "Content-Type" sent the id as a second Content-Type.
    config = {"ERRORS_REQUEST_ID_HEADER": value}
    with pytest.raises(SettingsError) as excinfo:
        Settings.load(config.get)
    message = header_message("ERRORS_REQUEST_ID_HEADER", value)
    assert excinfo.value.problems == [Problem("ERRORS_REQUEST_ID_HEADER", 1, message)]
    assert "Content-Type, Date" in message  # the message lists what is not allowed


@pytest.mark.parametrize("value", [*RESERVED_REQUEST_HEADERS, "cookie", "AUTHORIZATION"])
def test_regression_incoming_header_cannot_be_a_credential(value: str) -> None:
    # Accepted before: trusting "Authorization" adopted, echoed and logged a token.
    config = {"ERRORS_INCOMING_REQUEST_ID_HEADER": value}
    with pytest.raises(SettingsError) as excinfo:
        Settings.load(config.get)
    message = header_message("ERRORS_INCOMING_REQUEST_ID_HEADER", value)
    assert excinfo.value.problems == [Problem("ERRORS_INCOMING_REQUEST_ID_HEADER", 3, message)]


def test_every_option_names_itself_and_its_allowed_values() -> None:
    wrong = {option.name: object() for option in OPTIONS}
    for problem in check(wrong.get):
        assert problem.message.startswith(f"{problem.setting} must be ")
        assert (
            "True or False" in problem.message
            or "HTTP header name" in problem.message
            or "a dict from error codes to messages" in problem.message
        )
    assert [p.setting for p in check(wrong.get)] == [option.name for option in OPTIONS]


@pytest.mark.parametrize(("name", "number"), BOOLEAN_SETTINGS)
@pytest.mark.parametrize("value", ["true", "False", 1, 0, None, "yes"])
def test_a_boolean_setting_must_be_a_bool(name: str, number: int, value: object) -> None:
    config = {name: value}
    with pytest.raises(SettingsError) as excinfo:
        Settings.load(config.get)
    message = f"{name} must be True or False, not {value!r}."
    assert excinfo.value.problems == [Problem(name, number, message)]
    assert str(excinfo.value) == message


@pytest.mark.parametrize("value", ["X-Request-ID", "Trace_Id", "x-b3-traceid", "a"])
def test_header_names_accepted(value: str) -> None:
    config = {"ERRORS_REQUEST_ID_HEADER": value, "ERRORS_INCOMING_REQUEST_ID_HEADER": value}
    settings = Settings.load(config.get)
    assert settings.request_id_header == settings.incoming_request_id_header == value


def test_every_invalid_setting_is_reported_at_once() -> None:
    config = {
        "ERRORS_REQUEST_ID_HEADER": "Request Id",
        "ERRORS_TRUST_INCOMING_REQUEST_ID": "yes",
        "ERRORS_INCOMING_REQUEST_ID_HEADER": "",
        "ERRORS_HANDLE_UNEXPECTED_IN_DEBUG": 1,
        "ERRORS_EXPOSE_REQUEST_ID_HEADER": "on",
        "ERRORS_MESSAGES": {"no_such_code": "Hello."},
        "ERRORS_KEEP_APP_HANDLERS": "no",
    }
    with pytest.raises(SettingsError) as excinfo:
        Settings.load(config.get)
    error = excinfo.value
    assert isinstance(error, ValueError)
    assert [(p.setting, p.number) for p in error.problems] == [
        ("ERRORS_REQUEST_ID_HEADER", 1),
        ("ERRORS_TRUST_INCOMING_REQUEST_ID", 2),
        ("ERRORS_INCOMING_REQUEST_ID_HEADER", 3),
        ("ERRORS_HANDLE_UNEXPECTED_IN_DEBUG", 4),
        ("ERRORS_EXPOSE_REQUEST_ID_HEADER", 5),
        ("ERRORS_MESSAGES", 6),
        ("ERRORS_KEEP_APP_HANDLERS", 7),
    ]
    assert str(error) == "; ".join(p.message for p in error.problems)
    assert check(config.get) == error.problems


def test_check_reports_without_raising() -> None:
    config = {"ERRORS_TRUST_INCOMING_REQUEST_ID": "on"}
    assert check(config.get) == [
        Problem(
            "ERRORS_TRUST_INCOMING_REQUEST_ID",
            2,
            "ERRORS_TRUST_INCOMING_REQUEST_ID must be True or False, not 'on'.",
        )
    ]
