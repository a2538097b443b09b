"""``ERRORS_MESSAGES``: the default message per code, validated, applied once by the core."""

from __future__ import annotations

import json

import pytest

from error_core import APIError, AuthenticationError, NotFound, SettingsError
from error_core._envelope import render
from error_core._settings import Problem, Settings
from error_core._statuses import from_status

MESSAGES = {"authentication": "Authentication credentials are missing or invalid."}


def _message(error: APIError, settings: Settings) -> str:
    body = render(error, "req_1", messages=settings.messages).body
    message: str = json.loads(body)["message"]
    return message


def test_configured_default_replaces_the_code_default() -> None:
    settings = Settings.load({"ERRORS_MESSAGES": MESSAGES}.get)

    assert _message(AuthenticationError(), settings) == MESSAGES["authentication"]
    assert _message(from_status(401), settings) == MESSAGES["authentication"]
    assert _message(APIError(code="authentication"), settings) == MESSAGES["authentication"]


def test_an_explicit_message_is_kept() -> None:
    settings = Settings.load({"ERRORS_MESSAGES": MESSAGES}.get)

    assert _message(AuthenticationError("Token expired."), settings) == "Token expired."
    assert _message(from_status(401, "Werkzeug description."), settings) == "Werkzeug description."


def test_codes_not_configured_keep_the_specification_default() -> None:
    settings = Settings.load({"ERRORS_MESSAGES": MESSAGES}.get)

    assert _message(NotFound(), settings) == "The requested resource does not exist."
    assert _message(AuthenticationError(), Settings()) == "The API key is missing or invalid."


def test_the_setting_is_copied_at_start_up() -> None:
    messages = dict(MESSAGES)
    settings = Settings.load({"ERRORS_MESSAGES": messages}.get)
    messages["authentication"] = "Changed later."

    assert _message(AuthenticationError(), settings) == MESSAGES["authentication"]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ({"no_such_code": "Hi."}, "'no_such_code' is not an error code"),
        ({"authentication": ""}, "must be a non-empty string"),
        ({"authentication": "  "}, "must be a non-empty string"),
        ({"authentication": 401}, "must be a non-empty string"),
        ([("authentication", "Hi.")], "must be a dict from error codes to messages"),
        ("Hi.", "must be a dict from error codes to messages"),
    ],
)
def test_invalid_messages_fail_at_start_up(value: object, says: str) -> None:
    with pytest.raises(SettingsError) as excinfo:
        Settings.load({"ERRORS_MESSAGES": value}.get)

    (problem,) = excinfo.value.problems
    assert problem[:2] == Problem("ERRORS_MESSAGES", 6, "")[:2]
    assert says in problem.message
