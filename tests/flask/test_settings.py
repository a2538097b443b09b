"""ERRORS_* config: validated when the extension is installed."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from error_core import SettingsError
from error_core._settings import Settings
from flask_errors import Errors

BAD_HEADER_NAMES = [
    "Request Id",
    "Request-Id\r\nX-Injected: 1",
    "Request-Id\n",
    "",
    "Request:Id",
    "Réquest-Id",
    42,
    None,
    b"Request-Id",
]
BAD_FLAGS = ["yes", "True", "false", 1, 0, None]
INVALID = [
    *(("ERRORS_REQUEST_ID_HEADER", value) for value in BAD_HEADER_NAMES),
    *(("ERRORS_INCOMING_REQUEST_ID_HEADER", value) for value in BAD_HEADER_NAMES),
    *(("ERRORS_TRUST_INCOMING_REQUEST_ID", value) for value in BAD_FLAGS),
    *(("ERRORS_HANDLE_UNEXPECTED_IN_DEBUG", value) for value in BAD_FLAGS),
    *(("ERRORS_EXPOSE_REQUEST_ID_HEADER", value) for value in BAD_FLAGS),
    ("ERRORS_REQUEST_ID_HEADER", "Content-Type"),
    ("ERRORS_REQUEST_ID_HEADER", "cache-control"),
    ("ERRORS_INCOMING_REQUEST_ID_HEADER", "Authorization"),
    ("ERRORS_INCOMING_REQUEST_ID_HEADER", "Cookie"),
]
# What each message says is allowed.
ALLOWED = {
    "ERRORS_REQUEST_ID_HEADER": "an HTTP header name (letters, digits and !#$%&'*+.^_`|~-) "
    "other than Allow, Cache-Control,",
    "ERRORS_INCOMING_REQUEST_ID_HEADER": "an HTTP header name (letters, digits and "
    "!#$%&'*+.^_`|~-) other than Authorization, Cookie, Host, Proxy-Authorization;",
    "ERRORS_TRUST_INCOMING_REQUEST_ID": "must be True or False",
    "ERRORS_HANDLE_UNEXPECTED_IN_DEBUG": "must be True or False",
    "ERRORS_EXPOSE_REQUEST_ID_HEADER": "must be True or False",
}


def test_defaults() -> None:
    app = Flask(__name__)
    Errors(app)

    assert app.extensions["errors"] == Settings(
        request_id_header="Request-Id",
        trust_incoming_request_id=False,
        incoming_request_id_header="X-Request-Id",
        handle_unexpected_in_debug=False,
    )


def test_valid_custom_values() -> None:
    app = Flask(__name__)
    app.config.update(
        ERRORS_REQUEST_ID_HEADER="X-Trace-Id",
        ERRORS_TRUST_INCOMING_REQUEST_ID=True,
        ERRORS_INCOMING_REQUEST_ID_HEADER="X-Amzn-Trace-Id",
        ERRORS_HANDLE_UNEXPECTED_IN_DEBUG=True,
    )
    Errors().init_app(app)

    assert app.extensions["errors"] == Settings(
        request_id_header="X-Trace-Id",
        trust_incoming_request_id=True,
        incoming_request_id_header="X-Amzn-Trace-Id",
        handle_unexpected_in_debug=True,
    )


@pytest.mark.parametrize("factory", [False, True], ids=["Errors(app)", "init_app"])
@pytest.mark.parametrize(("name", "value"), INVALID, ids=repr)
def test_invalid_value_raises_naming_the_setting(name: str, value: Any, factory: bool) -> None:
    app = Flask(__name__)
    app.config[name] = value

    with pytest.raises(SettingsError, match=name) as raised:
        if factory:
            Errors().init_app(app)
        else:
            Errors(app)

    assert [problem.setting for problem in raised.value.problems] == [name]
    assert ALLOWED[name] in str(raised.value)
    assert repr(value) in str(raised.value)
    assert "errors" not in app.extensions
    assert app.error_handler_spec == {}  # nothing half-installed


def test_every_invalid_setting_is_named_at_once() -> None:
    app = Flask(__name__)
    app.config.update(
        ERRORS_REQUEST_ID_HEADER="Request Id",
        ERRORS_TRUST_INCOMING_REQUEST_ID="yes",
    )

    with pytest.raises(SettingsError) as raised:
        Errors(app)

    message = str(raised.value)
    assert "ERRORS_REQUEST_ID_HEADER" in message
    assert "ERRORS_TRUST_INCOMING_REQUEST_ID" in message
    assert {p.setting for p in raised.value.problems} == {
        "ERRORS_REQUEST_ID_HEADER",
        "ERRORS_TRUST_INCOMING_REQUEST_ID",
    }


def test_settings_error_is_a_value_error() -> None:
    app = Flask(__name__)
    app.config["ERRORS_TRUST_INCOMING_REQUEST_ID"] = "yes"

    with pytest.raises(ValueError, match="ERRORS_TRUST_INCOMING_REQUEST_ID"):
        Errors(app)
