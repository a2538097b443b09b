"""Settings are read lazily, follow override_settings and fail loudly when invalid."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import Client, override_settings

from django_errors._conf import get_settings, validated_settings
from django_errors.middleware import ErrorMiddleware
from error_core._settings import Settings as ErrorSettings

from .utils import assert_envelope

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings


def test_defaults() -> None:
    assert get_settings() == ErrorSettings(
        request_id_header="Request-Id",
        trust_incoming_request_id=False,
        incoming_request_id_header="X-Request-Id",
        handle_unexpected_in_debug=False,
    )


def test_override_settings_is_followed_and_undone() -> None:
    get_settings()  # read once before the override

    with override_settings(ERRORS_REQUEST_ID_HEADER="X-Trace-Id"):
        assert get_settings().request_id_header == "X-Trace-Id"

    assert get_settings().request_id_header == "Request-Id"


def test_other_settings_changes_keep_the_errors_settings(settings: Settings) -> None:
    settings.ERRORS_TRUST_INCOMING_REQUEST_ID = True

    settings.DEBUG = True

    assert get_settings().trust_incoming_request_id is True


def test_invalid_setting_raises_improperly_configured(settings: Settings) -> None:
    settings.ERRORS_REQUEST_ID_HEADER = "Request Id"
    settings.ERRORS_HANDLE_UNEXPECTED_IN_DEBUG = "no"

    with pytest.raises(ImproperlyConfigured) as raised:
        validated_settings()

    message = str(raised.value)
    assert "django_errors.E001: ERRORS_REQUEST_ID_HEADER" in message
    assert "django_errors.E004: ERRORS_HANDLE_UNEXPECTED_IN_DEBUG" in message


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("ERRORS_REQUEST_ID_HEADER", "Request-Id\r\nX-Evil: 1"),
        ("ERRORS_TRUST_INCOMING_REQUEST_ID", "False"),
        ("ERRORS_INCOMING_REQUEST_ID_HEADER", None),
        ("ERRORS_HANDLE_UNEXPECTED_IN_DEBUG", 0),
    ],
)
def test_middleware_refuses_to_start_with_an_invalid_setting(
    settings: Settings, setting: str, value: object
) -> None:
    setattr(settings, setting, value)

    with pytest.raises(ImproperlyConfigured, match=setting):
        ErrorMiddleware(lambda request: HttpResponse())


def test_middleware_starts_again_once_the_setting_is_fixed(settings: Settings) -> None:
    settings.ERRORS_TRUST_INCOMING_REQUEST_ID = "yes"
    with pytest.raises(ImproperlyConfigured):
        ErrorMiddleware(lambda request: HttpResponse())

    settings.ERRORS_TRUST_INCOMING_REQUEST_ID = True

    assert ErrorMiddleware(lambda request: HttpResponse()).async_mode is False


def test_a_setting_made_invalid_at_run_time_still_answers_the_envelope_with_request_id(
    logs: pytest.LogCaptureFixture,
) -> None:
    client = Client()
    client.get("/ok")  # the middleware started with valid settings

    with override_settings(ERRORS_REQUEST_ID_HEADER="Request Id"):
        first = client.get("/nope")
        second = client.get("/nope")

    for response in (first, second):
        envelope = assert_envelope(response, 404, "not_found")
        assert response["Request-Id"] == envelope["request_id"]
    [problem] = [r for r in logs.records if r.levelno == logging.ERROR]
    assert problem.name == "error_core"
    assert "django_errors.E001: ERRORS_REQUEST_ID_HEADER" in problem.getMessage()


def test_each_run_time_change_to_an_invalid_setting_is_logged_once(
    logs: pytest.LogCaptureFixture,
) -> None:
    get_settings()
    for value in ("Request Id", "Set-Cookie"):
        with override_settings(ERRORS_REQUEST_ID_HEADER=value):
            get_settings()
            get_settings()

    assert len([r for r in logs.records if r.levelno == logging.ERROR]) == 2
    assert get_settings().request_id_header == "Request-Id"
