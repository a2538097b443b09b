"""init_app refuses a reserved header however it is spelled (the core's rule)."""

from __future__ import annotations

import pytest
from flask import Flask

from error_core import SettingsError
from flask_errors import Errors


@pytest.mark.parametrize("value", ["Proxy_Authorization", "AUTHORIZATION", "cookie", "HOST"])
def test_init_app_refuses_a_reserved_incoming_header_spelled_with_underscores_or_any_case(
    value: str,
) -> None:
    app = Flask(__name__)
    app.config["ERRORS_INCOMING_REQUEST_ID_HEADER"] = value

    with pytest.raises(SettingsError, match="ERRORS_INCOMING_REQUEST_ID_HEADER"):
        Errors().init_app(app)


def test_init_app_refuses_a_reserved_response_header_spelled_with_underscores() -> None:
    app = Flask(__name__)
    app.config["ERRORS_REQUEST_ID_HEADER"] = "Set_Cookie"

    with pytest.raises(SettingsError, match="ERRORS_REQUEST_ID_HEADER"):
        Errors(app)
