"""One request id per request: on the request, in the context, in headers and bodies."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings

from django_errors.middleware import ErrorMiddleware
from error_core import current_request_id

from .utils import REQUEST_ID, assert_envelope, assert_request_id

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

INCOMING = "client-01.trace:id_42"


def test_view_sees_the_id_of_the_success_response(client: Client) -> None:
    response = client.get("/t/ids")

    request_id = assert_request_id(response)
    assert json.loads(response.content) == {"request_id": request_id, "current": request_id}


def test_view_sees_the_id_of_the_error_response(client: Client) -> None:
    response = client.get("/t/ids/error")

    request_id = assert_request_id(response)
    assert_envelope(response, 400, "invalid_request", f"{request_id} {request_id}")


def test_every_request_gets_its_own_id(client: Client) -> None:
    first = assert_request_id(client.get("/t/ids"))
    second = assert_request_id(client.get("/t/ids"))

    assert first != second


def test_no_id_outside_a_request(client: Client) -> None:
    client.get("/t/ids")
    assert current_request_id() is None

    client.get("/no/such/route")
    assert current_request_id() is None


def test_no_id_after_an_exception_reaches_the_test_client(client: Client) -> None:
    with pytest.raises(RuntimeError):
        client.get("/t/raise/runtime")

    assert current_request_id() is None


def test_incoming_id_is_ignored_by_default(client: Client) -> None:
    response = client.get("/t/ids", headers={"X-Request-Id": INCOMING})

    assert assert_request_id(response) != INCOMING
    assert INCOMING not in response.content.decode()


@pytest.mark.parametrize("incoming", [INCOMING, "a", "A" * 128, "01H8Z9XJ7M3K4P5Q6R7S8T9V0W"])
def test_trusted_valid_incoming_id_is_used(
    client: Client, settings: Settings, incoming: str
) -> None:
    settings.ERRORS_TRUST_INCOMING_REQUEST_ID = True

    success = client.get("/t/ids", headers={"X-Request-Id": incoming})
    error = client.get("/t/ids/error", headers={"X-Request-Id": incoming})

    assert success["Request-Id"] == incoming
    assert json.loads(success.content) == {"request_id": incoming, "current": incoming}
    assert error["Request-Id"] == incoming
    assert_envelope(error, 400, "invalid_request", f"{incoming} {incoming}")


@pytest.mark.parametrize(
    "incoming",
    ["", "has space", "A" * 129, "café", "id\nInjected: yes", "<script>", "a/b"],
)
def test_trusted_invalid_incoming_id_is_replaced(
    client: Client, settings: Settings, incoming: str
) -> None:
    settings.ERRORS_TRUST_INCOMING_REQUEST_ID = True

    response = client.get("/errors/not-found", headers={"X-Request-Id": incoming})

    assert REQUEST_ID.fullmatch(response["Request-Id"])
    assert_envelope(response, 404, "not_found", "Widget wid_123 does not exist.")


def test_custom_response_header(client: Client, settings: Settings) -> None:
    settings.ERRORS_REQUEST_ID_HEADER = "X-Trace-Id"

    success = client.get("/t/ids")
    error = client.get("/no/such/route")

    for response in (success, error):
        assert "Request-Id" not in response
        assert_request_id(response, "X-Trace-Id")
    assert json.loads(success.content)["request_id"] == success["X-Trace-Id"]
    assert_envelope(error, 404, "not_found", request_id_header="X-Trace-Id")


def test_custom_incoming_header(client: Client, settings: Settings) -> None:
    settings.ERRORS_TRUST_INCOMING_REQUEST_ID = True
    settings.ERRORS_INCOMING_REQUEST_ID_HEADER = "X-Correlation-Id"

    adopted = client.get("/t/ids", headers={"X-Correlation-Id": INCOMING})
    ignored = client.get("/t/ids", headers={"X-Request-Id": INCOMING})

    assert adopted["Request-Id"] == INCOMING
    assert assert_request_id(ignored) != INCOMING


def test_override_settings_takes_effect_on_the_next_request(client: Client) -> None:
    before = client.get("/t/ids", headers={"X-Request-Id": INCOMING})  # middleware loaded
    with override_settings(
        ERRORS_REQUEST_ID_HEADER="X-Trace-Id", ERRORS_TRUST_INCOMING_REQUEST_ID=True
    ):
        inside = client.get("/t/ids", headers={"X-Request-Id": INCOMING})
    outside = client.get("/t/ids", headers={"X-Request-Id": INCOMING})

    assert assert_request_id(before) != INCOMING
    assert inside["X-Trace-Id"] == INCOMING
    assert "X-Trace-Id" not in outside
    assert assert_request_id(outside) != INCOMING


@pytest.mark.parametrize("trusted", [False, True])
def test_request_headers_are_parsed_only_to_read_a_trusted_incoming_id(
    rf: RequestFactory, settings: Settings, trusted: bool
) -> None:
    # request.headers is built from all of META on first use: a cost on every
    # request unless an incoming id is trusted.
    settings.ERRORS_TRUST_INCOMING_REQUEST_ID = trusted
    parsed: list[bool] = []

    def view(request: HttpRequest) -> HttpResponse:
        parsed.append("headers" in request.__dict__)
        return HttpResponse("ok")

    response = ErrorMiddleware(view)(rf.get("/x", HTTP_X_REQUEST_ID=INCOMING))

    assert parsed == [trusted]
    assert (response["Request-Id"] == INCOMING) is trusted
