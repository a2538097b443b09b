"""django_errors.rest_framework.exception_handler: every DRF error is the envelope."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any, Iterator

import pytest
import rest_framework
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test import Client
from rest_framework import exceptions
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from django_errors.rest_framework import _drf_error as drf_error
from django_errors.rest_framework import exception_handler
from error_core import CODES
from tests.apps.errors import SECRET

from .utils import assert_envelope

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

pytestmark = pytest.mark.usefixtures("logs")


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """DRF's throttles count in the default (local memory) cache."""
    cache.clear()
    yield
    cache.clear()


def _post_json(client: Client, path: str, data: Any) -> Any:
    return client.post(path, json.dumps(data), content_type="application/json")


# ValidationError: 400 invalid_request, one line naming the fields ----------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "name: This field is required."),
        (
            {"name": "x", "period": {"start": "soon", "end": 1}},
            "period.start: A valid integer is required.",
        ),
        (
            {"name": "x", "period": {"start": 2, "end": 1}},
            "period: Start must be before end.",
        ),
        (
            {"name": "x", "lines": [{"sku": "ok", "qty": 1}, {"sku": "far-too-long", "qty": 0}]},
            "lines[1].sku: Ensure this field has no more than 5 characters. "
            "lines[1].qty: Ensure this value is greater than or equal to 1.",
        ),
        ({"name": "x", "tags": [1, "two"]}, "tags[1]: A valid integer is required."),
        (
            {"period": {"start": 1}, "tags": ["a"]},
            "name: This field is required. period.end: This field is required. "
            "tags[0]: A valid integer is required.",
        ),
    ],
)
def test_validation_error_names_the_offending_fields(
    client: Client, data: dict[str, Any], message: str
) -> None:
    response = _post_json(client, "/t/drf/orders", data)

    assert_envelope(response, 400, "invalid_request", message)


def test_list_serializer_errors_name_the_items(client: Client) -> None:
    response = _post_json(client, "/t/drf/orders?many=1", [{"sku": "a", "qty": 1}, {"sku": "b"}])

    assert_envelope(response, 400, "invalid_request", "[1].qty: This field is required.")


def test_non_field_errors_key_is_dropped_from_the_message(
    client: Client, settings: Settings
) -> None:
    data = {"name": "x", "period": {"start": 2, "end": 1}}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NON_FIELD_ERRORS_KEY": "errors"}

    response = _post_json(client, "/t/drf/orders", data)

    assert_envelope(response, 400, "invalid_request", "period: Start must be before end.")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("validation-default", None),  # DRF's "Invalid input.": the code's own message
        ("validation-text", "The order is closed."),
        ("validation-empty", None),
    ],
)
def test_validation_error_without_fields(client: Client, name: str, message: str | None) -> None:
    assert_envelope(client.get(f"/t/drf/raise/{name}"), 400, "invalid_request", message)


# Statuses, codes and headers ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status", "code", "message"),
    [
        # DRF's texts (the parser's complaint included) are not the application's.
        ("parse-error-text", 400, "invalid_request", None),
        ("permission-denied", 403, "permission_denied", None),
        ("permission-denied-text", 403, "permission_denied", "Only the owner may do this."),
        ("permission-denied-dict", 403, "permission_denied", None),
        ("csrf-failed", 403, "permission_denied", None),
        ("not-found", 404, "not_found", None),
        ("not-found-text", 404, "not_found", "Order ord_1 does not exist."),
        ("throttled-text", 429, "rate_limited", None),
        ("third-party-auth", 401, "authentication", None),
        # An application's APIException subclass: its status, its text.
        ("unavailable", 503, "unavailable", "Payments are down; try again in a minute."),
        ("payment-required", 402, "invalid_request", "A subscription is required."),
        # error-core's own errors keep their message and headers.
        ("api-error", 429, "rate_limited", "Slow down."),
        ("api-error-not-found", 404, "not_found", "Order ord_1 does not exist."),
        # Django's exceptions, as the middleware answers them outside DRF.
        ("django-http404", 404, "not_found", None),
        ("django-permission-denied", 403, "permission_denied", None),
        ("django-suspicious", 400, "invalid_request", None),
        ("django-too-big", 413, "payload_too_large", None),
    ],
)
def test_exception_is_the_envelope(
    client: Client, name: str, status: int, code: str, message: str | None
) -> None:
    response = client.get(f"/t/drf/raise/{name}")

    assert_envelope(response, status, code, message)
    # DRF's finalize_response adds the view's Allow and Vary to every response.
    assert "Allow" not in response
    assert "Vary" not in response


def test_parse_error_from_the_parser(client: Client) -> None:
    response = client.post("/t/drf/orders", b'{"name": ', content_type="application/json")

    assert_envelope(response, 400, "invalid_request")


@pytest.mark.skipif(
    tuple(int(part) for part in rest_framework.VERSION.split(".")[:3]) < (3, 17, 2),
    reason="DRF reads JSON bodies past DATA_UPLOAD_MAX_MEMORY_SIZE before 3.17.2",
)
def test_json_body_over_the_limit_is_413(client: Client, logs: pytest.LogCaptureFixture) -> None:
    body = json.dumps({"name": "x" * 2048})

    response = client.post("/t/drf/orders", body, content_type="application/json")

    assert_envelope(response, 413, "payload_too_large")
    assert [r.name for r in logs.records if r.exc_info] == ["django.security.RequestDataTooBig"]


def test_unsupported_media_type(client: Client) -> None:
    response = client.post("/t/drf/orders", b"name=x", content_type="text/plain")

    assert_envelope(response, 415, "unsupported_media_type")


def test_not_acceptable(client: Client) -> None:
    response = client.post(
        "/t/drf/orders", b"{}", content_type="application/json", HTTP_ACCEPT="text/csv"
    )

    assert_envelope(response, 406, "not_acceptable")


def test_method_not_allowed_keeps_allow_normalised(client: Client) -> None:
    response = client.delete("/t/drf/two-methods")

    assert_envelope(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, HEAD, OPTIONS, PUT"  # DRF: GET, PUT, HEAD, OPTIONS


def test_other_errors_carry_no_allow(client: Client) -> None:
    response = client.get("/t/drf/two-methods")

    assert_envelope(response, 404, "not_found")
    assert "Allow" not in response


def test_not_authenticated_keeps_the_challenge(client: Client) -> None:
    response = client.get("/t/drf/basic")

    assert_envelope(response, 401, "authentication")
    assert response["WWW-Authenticate"] == 'Basic realm="api"'


def test_authentication_failed_keeps_drf_text_and_the_challenge(client: Client) -> None:
    response = client.get("/t/drf/basic", HTTP_AUTHORIZATION="Basic")

    # BasicAuthentication's own text differs from AuthenticationFailed's default.
    assert_envelope(
        response, 401, "authentication", "Invalid basic header. No credentials provided."
    )
    assert response["WWW-Authenticate"] == 'Basic realm="api"'


def test_not_authenticated_without_a_challenge_is_still_401(client: Client) -> None:
    # DRF itself answers 403 here; the envelope says what happened.
    response = client.get("/t/drf/session")

    assert_envelope(response, 401, "authentication")
    assert "WWW-Authenticate" not in response


def test_csrf_failure_of_session_authentication_is_permission_denied() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/t/drf/csrf", HTTP_ORIGIN="https://evil.example")

    assert_envelope(response, 403, "permission_denied")
    assert b"evil.example" not in response.content


@pytest.mark.parametrize(("name", "retry_after"), [("throttled", "3"), ("throttled-none", None)])
def test_throttled_retry_after(client: Client, name: str, retry_after: str | None) -> None:
    response = client.get(f"/t/drf/raise/{name}")

    assert_envelope(response, 429, "rate_limited")
    assert response.get("Retry-After") == retry_after


def test_throttled_with_a_wait_that_is_no_number_sends_no_header(client: Client) -> None:
    response = client.get("/t/drf/raise/throttled-odd-wait")

    assert_envelope(response, 429, "rate_limited")
    assert "Retry-After" not in response


def test_drf_throttle_gives_retry_after(client: Client) -> None:
    assert client.get("/t/drf/throttled").status_code == 200

    response = client.get("/t/drf/throttled")

    assert_envelope(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60


def test_non_error_status_is_left_to_drf(client: Client) -> None:
    response = client.get("/t/drf/raise/not-modified")

    assert response.status_code == 304


# Unexpected exceptions are the middleware's ------------------------------------


def test_unexpected_exception_propagates_to_the_middleware(
    quiet_client: Client, signals: list[Any], logs: pytest.LogCaptureFixture
) -> None:
    response = quiet_client.get("/t/drf/raise/unexpected")

    assert_envelope(response, 500, "internal")
    assert len(signals) == 1
    tracebacks = [r for r in logs.records if r.exc_info]
    assert len(tracebacks) == 1
    assert tracebacks[0].name == "error_core"


def test_unexpected_exception_reaches_the_test_client(client: Client) -> None:
    with pytest.raises(RuntimeError, match=SECRET):
        client.get("/t/drf/raise/unexpected")


def test_handler_answers_an_unexpected_exception_itself(
    signals: list[Any], logs: pytest.LogCaptureFixture
) -> None:
    request = APIView().initialize_request(APIRequestFactory().get("/"))

    response = exception_handler(RuntimeError(SECRET), {"request": request, "view": None})

    assert response is not None
    assert_envelope(response, 500, "internal")
    assert SECRET not in response.content.decode()
    assert len(signals) == 1
    assert len([r for r in logs.records if r.exc_info]) == 1


def test_handler_clears_the_view_headers_on_an_unexpected_exception() -> None:
    view = APIView()
    request = view.initialize_request(APIRequestFactory().get("/"))
    view.headers = {"Allow": "GET"}

    response = exception_handler(RuntimeError(SECRET), {"request": request, "view": view})

    assert response is not None
    assert view.headers == {}


@pytest.mark.parametrize(
    ("debug", "propagate", "handle_in_debug", "answered"),
    [
        (True, False, False, False),  # Django's technical 500 page
        (False, True, False, False),  # Django re-raises to the server
        (True, False, True, True),  # ERRORS_HANDLE_UNEXPECTED_IN_DEBUG
    ],
)
def test_handler_leaves_an_unexpected_exception_where_django_would(
    settings: Settings,
    signals: list[Any],
    debug: bool,
    propagate: bool,
    handle_in_debug: bool,
    answered: bool,
) -> None:
    settings.DEBUG = debug
    settings.DEBUG_PROPAGATE_EXCEPTIONS = propagate
    settings.ERRORS_HANDLE_UNEXPECTED_IN_DEBUG = handle_in_debug
    request = APIView().initialize_request(APIRequestFactory().get("/"))

    response = exception_handler(RuntimeError(SECRET), {"request": request, "view": None})

    assert (response is not None) is answered
    assert len(signals) == (1 if answered else 0)


def test_debug_shows_djangos_page_for_an_unexpected_exception(
    quiet_client: Client, settings: Settings
) -> None:
    settings.DEBUG = True

    response = quiet_client.get("/t/drf/raise/unexpected")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_handler_called_without_a_view_answers_the_envelope() -> None:
    request = APIView().initialize_request(APIRequestFactory().get("/"))

    response = exception_handler(exceptions.NotFound(), {"request": request, "view": None})

    assert response is not None
    assert_envelope(response, 404, "not_found")


# Logging, HEAD, DEBUG, request id -----------------------------------------------


def test_each_error_is_logged_once(client: Client, logs: pytest.LogCaptureFixture) -> None:
    response = client.get("/t/drf/raise/not-found")

    records = [r for r in logs.records if r.name in ("error_core", "django.request")]
    assert [(r.name, r.levelno) for r in records] == [("error_core", logging.INFO)]
    assert records[0].getMessage() == (
        f"GET /t/drf/raise/not-found -> 404 not_found (request_id={response['Request-Id']})"
    )


def test_head_gets_no_body(client: Client) -> None:
    response = client.head("/t/drf/raise/not-found")

    assert response.status_code == 404
    assert response.content == b""
    assert int(response["Content-Length"]) > 0


def test_debug_still_answers_drf_errors_with_the_envelope(
    client: Client, settings: Settings
) -> None:
    settings.DEBUG = True

    assert_envelope(client.get("/t/drf/raise/not-found"), 404, "not_found")


def test_drf_test_client_sees_the_envelope() -> None:
    response = APIClient().post("/t/drf/orders", {"name": ""}, format="json")

    envelope = assert_envelope(
        response, 400, "invalid_request", "name: This field may not be blank."
    )
    assert envelope["request_id"] == response["Request-Id"]


# Transactions: DRF's set_rollback is kept ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fail", "status", "kept"),
    [
        ("validation", 400, False),
        ("api-error", 404, False),
        ("unexpected", 500, False),
        ("", 201, True),
    ],
)
def test_atomic_requests_roll_back_on_errors(
    client: Client, monkeypatch: pytest.MonkeyPatch, fail: str, status: int, kept: bool
) -> None:
    monkeypatch.setitem(connection.settings_dict, "ATOMIC_REQUESTS", True)

    response = Client(raise_request_exception=False).post(f"/t/drf/rollback?fail={fail}")

    assert response.status_code == status
    assert ContentType.objects.filter(app_label="tests", model="rollback").exists() is kept


# The mapping as a function ----------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (exceptions.ValidationError({"a": ["b"]}), 400, "invalid_request"),
        (exceptions.ParseError(), 400, "invalid_request"),
        (exceptions.NotAuthenticated(), 401, "authentication"),
        (exceptions.AuthenticationFailed(), 401, "authentication"),
        (exceptions.PermissionDenied(), 403, "permission_denied"),
        (exceptions.NotFound(), 404, "not_found"),
        (exceptions.MethodNotAllowed("PATCH"), 405, "method_not_allowed"),
        (exceptions.NotAcceptable(), 406, "not_acceptable"),
        (exceptions.UnsupportedMediaType("text/csv"), 415, "unsupported_media_type"),
        (exceptions.Throttled(3), 429, "rate_limited"),
        (exceptions.APIException(), 500, "internal"),
    ],
)
def test_every_drf_exception_has_its_code(
    exc: exceptions.APIException, status: int, code: str
) -> None:
    error = drf_error(exc)

    assert (error.status, error.code) == (status, code)
    assert CODES[code].status == status


def test_not_authenticated_coerced_to_403_by_drf_is_401() -> None:
    exc = exceptions.NotAuthenticated()
    exc.status_code = 403  # what APIView.handle_exception does without a challenge

    assert drf_error(exc).status == 401


def test_the_readme_settings_are_the_example_projects(settings: Settings) -> None:
    assert settings.REST_FRAMEWORK["EXCEPTION_HANDLER"] == (
        "django_errors.rest_framework.exception_handler"
    )
