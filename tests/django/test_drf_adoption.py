"""An application's own DRF exception handler composed with error-core's; Django's
``ValidationError`` and SimpleJWT's token errors in DRF views."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from django_errors._checks import check_drf_exception_handler

from .drf_adoption_views import application_handler
from .utils import assert_envelope

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

pytestmark = [pytest.mark.urls("tests.django.drf_adoption_views"), pytest.mark.usefixtures("logs")]

VIEWS = "tests.django.drf_adoption_views"
FIELDS_BLANK = "app_label: This field cannot be blank. model: This field cannot be blank."


def _errors(logs: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in logs.records if r.levelno >= logging.ERROR]


@pytest.fixture
def app_handler(settings: Settings) -> None:
    """error-core's handler in REST_FRAMEWORK, the application's own one in the setting."""
    settings.ERRORS_DRF_EXCEPTION_HANDLER = f"{VIEWS}.application_handler"


# Django's ValidationError in a DRF view: 400 invalid_request, per field ------


def test_djangos_validation_error_from_full_clean_in_a_drf_view_is_400_per_field(
    client: Client, signals: list[Any], logs: pytest.LogCaptureFixture
) -> None:
    response = client.post("/full-clean")

    assert_envelope(response, 400, "invalid_request", FIELDS_BLANK)
    assert signals == []
    assert _errors(logs) == []


@pytest.mark.parametrize(
    ("raised", "message"),
    [
        ("plain", "Quantity exceeds the stock."),
        ("list", "Too early. Too late."),
        ("dict", "email: Enter a valid email address. Dates overlap."),
        ("params", "Ensure this value is at most 3."),
        ("quoting-input", "uuid: Enter a valid value."),
    ],
)
def test_djangos_validation_error_in_a_drf_view_says_its_messages(
    client: Client, raised: str, message: str
) -> None:
    response = client.get(f"/raise?raise={raised}")

    assert_envelope(response, 400, "invalid_request", message)


# SimpleJWT: 401 authentication with its challenge --------------------------
# Its token errors carry a dict of details ({"detail", "code", "messages"}):
# as for any dict of details, the envelope says the code's default message.


@pytest.mark.parametrize(
    "authorization", [None, "Bearer not-a-token", "Bearer two parts", "Basic dXNlcjpwdw=="]
)
def test_simplejwt_authentication_failures_are_401_with_its_challenge(
    client: Client, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}

    response = client.get("/jwt", headers=headers)

    assert_envelope(response, 401, "authentication")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_simplejwt_refresh_with_an_invalid_token_is_401_with_its_challenge(
    client: Client,
) -> None:
    response = client.post(
        "/token/refresh", json.dumps({"refresh": "nope"}), content_type="application/json"
    )

    assert_envelope(response, 401, "authentication")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


# The application's handler asked first (ERRORS_DRF_EXCEPTION_HANDLER) ------


@pytest.mark.usefixtures("app_handler")
def test_application_handler_mapping_djangos_validation_error_still_gives_400(
    client: Client, signals: list[Any], logs: pytest.LogCaptureFixture
) -> None:
    response = client.post("/full-clean")

    assert_envelope(response, 400, "invalid_request", FIELDS_BLANK)
    assert signals == []
    assert _errors(logs) == []


@pytest.mark.usefixtures("app_handler")
@pytest.mark.parametrize(
    ("raised", "status", "code", "message"),
    [
        ("out-of-stock", 409, "conflict", "This item is out of stock."),
        ("payment", 402, "invalid_request", "error: card_declined; reason: Insufficient funds."),
    ],
)
def test_application_handlers_own_mapping_becomes_the_envelope(
    client: Client,
    signals: list[Any],
    logs: pytest.LogCaptureFixture,
    raised: str,
    status: int,
    code: str,
    message: str,
) -> None:
    response = client.get(f"/raise?raise={raised}")

    assert_envelope(response, status, code, message)
    assert signals == []
    assert _errors(logs) == []


@pytest.mark.usefixtures("app_handler")
def test_application_handlers_5xx_is_the_envelope_with_its_traceback_logged_once(
    client: Client, logs: pytest.LogCaptureFixture
) -> None:
    response = client.get("/raise?raise=service-down")

    assert_envelope(response, 503, "unavailable", "Payments are down, try again later.")
    [record] = _errors(logs)
    assert record.exc_info is not None and record.exc_info[0].__name__ == "ServiceDown"


@pytest.mark.parametrize(
    ("raised", "status", "code", "message"),
    [
        ("not-found", 404, "not_found", None),
        ("drf-validation", 400, "invalid_request", "name: This field is required."),
    ],
)
def test_drf_answer_passed_on_by_the_application_handler_is_answered_as_without_it(
    client: Client, settings: Settings, raised: str, status: int, code: str, message: str | None
) -> None:
    alone = client.get(f"/raise?raise={raised}")
    settings.ERRORS_DRF_EXCEPTION_HANDLER = f"{VIEWS}.application_handler"
    composed = client.get(f"/raise?raise={raised}")

    assert_envelope(composed, status, code, message)
    assert _without_id(composed) == _without_id(alone)


@pytest.mark.usefixtures("app_handler")
def test_exception_the_application_handler_leaves_is_answered_by_error_core(
    quiet_client: Client, signals: list[Any], logs: pytest.LogCaptureFixture
) -> None:
    response = quiet_client.get("/raise?raise=unexpected")

    assert_envelope(response, 500, "internal")
    assert len(signals) == 1
    assert len(_errors(logs)) == 1


def test_application_handlers_success_is_kept(client: Client, settings: Settings) -> None:
    settings.ERRORS_DRF_EXCEPTION_HANDLER = f"{VIEWS}.success_handler"

    response = client.get("/raise?raise=out-of-stock")

    assert response.status_code == 202
    assert response.json() == {"queued": True}


def test_application_handler_that_calls_error_cores_does_not_loop(
    client: Client, settings: Settings
) -> None:
    settings.ERRORS_DRF_EXCEPTION_HANDLER = f"{VIEWS}.delegating_handler"

    assert_envelope(
        client.get("/raise?raise=out-of-stock"), 409, "conflict", "This item is out of stock."
    )
    assert_envelope(client.post("/full-clean"), 400, "invalid_request", FIELDS_BLANK)


# The other way round: the application's handler in REST_FRAMEWORK delegates --


def test_application_handler_delegating_to_error_core_gives_the_envelope(
    client: Client, settings: Settings
) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "EXCEPTION_HANDLER": f"{VIEWS}.delegating_handler",
    }

    assert_envelope(
        client.get("/raise?raise=out-of-stock"), 409, "conflict", "This item is out of stock."
    )
    assert_envelope(client.post("/full-clean"), 400, "invalid_request", FIELDS_BLANK)
    assert_envelope(client.get("/raise?raise=not-found"), 404, "not_found")


# The setting is checked ------------------------------------------------------


@pytest.mark.parametrize("value", ["tests.django.nowhere.handler", f"{VIEWS}.SECRET"])
def test_drf_exception_handler_setting_naming_no_callable_is_a_check_error(
    client: Client, settings: Settings, value: str
) -> None:
    settings.ERRORS_DRF_EXCEPTION_HANDLER = value

    [error] = check_drf_exception_handler()
    assert error.id == "django_errors.E101"
    assert "ERRORS_DRF_EXCEPTION_HANDLER" in error.msg
    with pytest.raises(ImproperlyConfigured):
        client.get("/raise?raise=not-found")


@pytest.mark.parametrize("value", [None, f"{VIEWS}.application_handler", application_handler])
def test_drf_exception_handler_setting_absent_or_callable_passes_the_check(
    settings: Settings, value: str | None
) -> None:
    settings.ERRORS_DRF_EXCEPTION_HANDLER = value

    assert check_drf_exception_handler() == []


def test_drf_exception_handler_setting_may_be_the_handler_itself(
    client: Client, settings: Settings
) -> None:
    settings.ERRORS_DRF_EXCEPTION_HANDLER = application_handler

    assert_envelope(
        client.get("/raise?raise=out-of-stock"), 409, "conflict", "This item is out of stock."
    )


def _without_id(response: Any) -> tuple[int, dict[str, str], list[tuple[str, str]]]:
    body = json.loads(response.content)
    del body["request_id"]
    headers = sorted((k, v) for k, v in response.items() if k != "Request-Id")
    return response.status_code, body, headers
