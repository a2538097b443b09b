"""The same ``ERRORS_MESSAGES`` gives the same bytes on Flask and Django."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings
from flask import Flask

from error_core import SettingsError

MESSAGES = {
    "authentication": "Authentication credentials are missing or invalid.",
    "not_found": "Nothing here.",
}
PATHS = ["/errors/authentication", "/no/such/route", "/errors/not-found", "/framework/404"]


def _flask_app() -> Flask:
    import tests.apps.flask_app as flask_app

    original = Flask.__init__

    def configured(self: Flask, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.config["ERRORS_MESSAGES"] = MESSAGES

    Flask.__init__ = configured  # type: ignore[method-assign]
    try:
        return flask_app.create_app()
    finally:
        Flask.__init__ = original  # type: ignore[method-assign]


def _without_id(body: bytes) -> dict[str, str]:
    envelope: dict[str, str] = json.loads(body)
    envelope.pop("request_id")
    return envelope


@override_settings(ERRORS_MESSAGES=MESSAGES)
def test_same_setting_same_bytes_on_both_frameworks() -> None:
    flask_client, django_client = _flask_app().test_client(), Client()
    for path in PATHS:
        flask_response, django_response = flask_client.get(path), django_client.get(path)
        flask_id = flask_response.headers["Request-Id"]
        assert (
            flask_response.get_data().replace(
                flask_id.encode(), django_response["Request-Id"].encode()
            )
            == django_response.content
        ), path

    assert (
        _without_id(flask_client.get(PATHS[0]).get_data())["message"] == MESSAGES["authentication"]
    )
    assert _without_id(django_client.get(PATHS[1]).content)["message"] == "Nothing here."
    # Raised with its own message: kept.
    assert _without_id(django_client.get(PATHS[2]).content)["message"] == (
        "Widget wid_123 does not exist."
    )


def test_flask_init_app_refuses_an_unknown_code() -> None:
    from flask_errors import Errors

    app = Flask(__name__)
    app.config["ERRORS_MESSAGES"] = {"nope": "Hi."}
    with pytest.raises(SettingsError, match="ERRORS_MESSAGES"):
        Errors(app)


@override_settings(ERRORS_MESSAGES={"authentication": ""})
def test_django_system_check_reports_e006() -> None:
    from django_errors._checks import check_settings

    assert [message.id for message in check_settings()] == ["django_errors.E006"]
