"""ErrorMiddleware in a WSGI project: every error leaving Django is the envelope."""

from __future__ import annotations

import json
import logging
import sys
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotFound,
    JsonResponse,
)
from django.test import Client, RequestFactory

from django_errors.middleware import ErrorMiddleware
from error_core import NotFound, current_request_id
from tests.apps.errors import SECRET

from .middleware import HEADER as FAIL
from .utils import assert_envelope, assert_request_id

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

pytestmark = pytest.mark.usefixtures("logs")

TOO_LARGE = b"x" * 2048  # the project accepts 1024 bytes


# Exceptions raised by the view ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "status", "code", "message"),
    [
        ("http404", 404, "not_found", None),
        ("permission-denied", 403, "permission_denied", None),
        ("bad-request", 400, "invalid_request", None),
        ("suspicious", 400, "invalid_request", None),
        ("too-big", 413, "payload_too_large", None),
        ("multipart", 400, "invalid_request", None),
        ("conflict", 409, "conflict", "Widget wid_123 was changed by another request."),
        ("rate-limited", 429, "rate_limited", "Slow down."),
    ],
)
def test_view_exception_is_the_envelope(
    client: Client, name: str, status: int, code: str, message: str | None
) -> None:
    # The default client re-raises any exception that fired got_request_exception:
    # none of these is unexpected, so none does.
    response = client.get(f"/t/raise/{name}")

    assert_envelope(response, status, code, message)


def test_api_error_headers_are_kept(client: Client) -> None:
    response = client.get("/t/raise/rate-limited")

    assert response["Retry-After"] == "7"


@pytest.mark.parametrize(
    ("name", "logger"),
    [
        ("suspicious", "django.security.SuspiciousFileOperation"),
        ("too-big", "django.security.RequestDataTooBig"),
    ],
)
def test_suspicious_operation_is_logged_on_django_security(
    client: Client, logs: pytest.LogCaptureFixture, name: str, logger: str
) -> None:
    response = client.get(f"/t/raise/{name}")

    [record] = [r for r in logs.records if r.name == logger]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == SECRET  # Django logs the exception's text there
    assert record.exc_info is not None
    assert record.request_id == response["Request-Id"]  # type: ignore[attr-defined]


def test_body_over_the_limit_read_by_the_view_is_413(client: Client) -> None:
    response = client.post("/upload", TOO_LARGE, content_type="application/octet-stream")

    assert_envelope(response, 413, "payload_too_large")


def test_unexpected_exception_is_internal_without_details(
    quiet_client: Client, signals: list[HttpRequest | None]
) -> None:
    response = quiet_client.get("/t/raise/runtime")

    envelope = assert_envelope(response, 500, "internal")
    assert "RuntimeError" not in response.content.decode()
    assert len(signals) == 1  # for Sentry and the like, sent once
    assert signals[0] is not None
    assert signals[0].request_id == envelope["request_id"]  # type: ignore[attr-defined]


def test_unexpected_exception_traceback_is_logged_once(
    quiet_client: Client, logs: pytest.LogCaptureFixture
) -> None:
    response = quiet_client.get("/t/raise/runtime")

    [record] = [r for r in logs.records if r.exc_info is not None]
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], RuntimeError)
    assert record.request_id == response["Request-Id"]  # type: ignore[attr-defined]
    # Django would log the 500 again on django.request; the middleware already did.
    assert [r for r in logs.records if r.name == "django.request"] == []


def test_unexpected_exception_is_reraised_by_the_test_client(client: Client) -> None:
    # got_request_exception fired, so Django's test client shows the exception.
    with pytest.raises(RuntimeError, match=SECRET):
        client.get("/t/raise/runtime")


def test_header_that_cannot_be_sent_is_dropped_not_the_error(quiet_client: Client) -> None:
    # A newline would split the response: the header goes, the error stays.
    response = quiet_client.get("/t/raise/bad-header")

    assert_envelope(response, 409, "conflict")
    assert "X-Detail" not in response


# Responses Django renders outside the view ----------------------------------


@pytest.mark.parametrize("path", ["/no/such/route", "/no/such/caf%C3%A9", "/t/nope"])
def test_unknown_route_is_not_found(client: Client, path: str) -> None:
    response = client.get(path)

    assert_envelope(response, 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("delete", "/items", "GET, HEAD, OPTIONS, POST"),  # a class-based view
        ("put", "/methods", "GET, HEAD, OPTIONS, POST"),  # require_http_methods
        ("get", "/upload", "POST"),
    ],
)
def test_method_not_allowed_keeps_allow(client: Client, method: str, path: str, allow: str) -> None:
    response = getattr(client, method)(path)

    assert_envelope(response, 405, "method_not_allowed")
    assert response["Allow"] == allow


def test_csrf_failure_is_permission_denied() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/csrf", {"a": "1"})

    assert_envelope(response, 403, "permission_denied")


def test_disallowed_host_is_invalid_request(client: Client, logs: pytest.LogCaptureFixture) -> None:
    response = client.get("/ok", headers={"Host": "evil.example"})

    assert_envelope(response, 400, "invalid_request")
    assert "evil.example" not in response.content.decode()
    assert [r.name for r in logs.records if r.name.startswith("django.security")] == [
        "django.security.DisallowedHost"
    ]


def test_disallowed_host_with_a_body_over_the_limit_stays_400(client: Client) -> None:
    response = client.post(
        "/ok", TOO_LARGE, content_type="application/octet-stream", headers={"Host": "evil.example"}
    )

    assert_envelope(response, 400, "invalid_request")


@pytest.mark.parametrize(("content_length", "limit"), [("not-a-number", 1024), ("4096", None)])
def test_django_400_with_odd_content_length_or_no_limit_stays_400(
    client: Client, settings: Settings, content_length: str, limit: int | None
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = limit

    response = client.get("/ok", headers={"Host": "evil.example"}, CONTENT_LENGTH=content_length)

    assert_envelope(response, 400, "invalid_request")


def test_html_400_after_a_file_upload_over_the_limit_stays_400(client: Client) -> None:
    # Files do not count towards DATA_UPLOAD_MAX_MEMORY_SIZE: the body was fine.
    upload = SimpleUploadedFile("photo.png", TOO_LARGE * 2)

    response = client.post("/t/reject-upload", {"photo": upload})

    assert_envelope(response, 400, "invalid_request")


def test_body_over_the_limit_read_by_csrf_middleware_is_413() -> None:
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32  # well-formed, so the form body is read

    response = client.post(
        "/csrf", b"a=" + TOO_LARGE, content_type="application/x-www-form-urlencoded"
    )

    assert_envelope(response, 413, "payload_too_large")


@pytest.mark.usefixtures("failing_middleware")
def test_api_error_raised_by_inner_middleware_is_its_envelope(quiet_client: Client) -> None:
    response = quiet_client.get("/ok", headers={FAIL: "conflict"})

    assert_envelope(response, 409, "conflict", "Changed by another request.")


@pytest.mark.usefixtures("failing_middleware")
def test_api_error_headers_survive_inner_middleware(quiet_client: Client) -> None:
    response = quiet_client.get("/ok", headers={FAIL: "rate-limited"})

    assert_envelope(response, 429, "rate_limited")
    assert response["Retry-After"] == "9"


@pytest.mark.usefixtures("failing_middleware")
def test_unexpected_exception_in_inner_middleware_is_internal(
    quiet_client: Client, signals: list[HttpRequest | None], logs: pytest.LogCaptureFixture
) -> None:
    response = quiet_client.get("/ok", headers={FAIL: "runtime"})

    assert_envelope(response, 500, "internal")
    assert "RuntimeError" not in response.content.decode()
    assert len(signals) == 1  # sent by Django's handler
    [record] = [r for r in logs.records if r.exc_info is not None]  # logged by Django
    assert record.request_id == response["Request-Id"]  # type: ignore[attr-defined]


@pytest.mark.usefixtures("failing_middleware")
def test_html_error_answered_by_inner_middleware_is_converted(client: Client) -> None:
    response = client.get("/ok", headers={FAIL: "html-403"})

    assert_envelope(response, 403, "permission_denied")


def test_html_error_returned_by_a_view_is_converted(client: Client) -> None:
    response = client.get("/t/html-400")

    assert_envelope(response, 400, "invalid_request")


# HEAD ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/errors/not-found", "/no/such/route", "/t/raise/http404"])
def test_head_has_headers_and_no_body(client: Client, path: str) -> None:
    full = client.get(path)

    response = client.head(path)

    assert response.status_code == 404
    assert response.content == b""
    assert response["Content-Type"] == "application/json"
    assert response["Content-Length"] == str(len(full.content))
    assert_request_id(response)


def test_middleware_itself_empties_head_bodies() -> None:
    # Not every server drops a HEAD body as the test client does.
    middleware = ErrorMiddleware(lambda request: HttpResponseNotFound("<h1>Not Found</h1>"))

    response = middleware(RequestFactory().head("/missing"))

    assert response.content == b""
    assert int(response["Content-Length"]) > len('{"code":"not_found"}')


# Responses the application built itself ------------------------------------------


def test_application_json_error_passes_untouched(
    client: Client, logs: pytest.LogCaptureFixture
) -> None:
    response = client.get("/app-json-error")

    assert response.status_code == 418
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"error": "teapot"}
    assert "Cache-Control" not in response
    assert_request_id(response)
    assert [r for r in logs.records if r.name == "error_core"] == []


def test_application_text_error_passes_untouched(client: Client) -> None:
    response = client.get("/t/text-400")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain"
    assert response.content == b"name is required"
    assert_request_id(response)


def test_streaming_error_passes_untouched(client: Client) -> None:
    response = client.get("/t/streaming-error")

    assert response.status_code == 500
    assert response.streaming
    assert b"".join(response.streaming_content) == b"<p>partial</p>"  # type: ignore[attr-defined]
    assert_request_id(response)


def test_success_gets_a_request_id_only(client: Client) -> None:
    response = client.get("/ok")

    assert response.status_code == 200
    assert "Cache-Control" not in response
    assert json.loads(response.content) == {"ok": True, "request_id": assert_request_id(response)}


# DEBUG = True ------------------------------------------------------------------


@pytest.fixture
def debug(settings: Settings) -> None:
    settings.DEBUG = True


@pytest.mark.usefixtures("debug")
def test_debug_unexpected_exception_is_djangos_technical_500(
    quiet_client: Client, signals: list[HttpRequest | None]
) -> None:
    response = quiet_client.get("/t/raise/runtime", headers={"Accept": "application/json"})

    assert response.status_code == 500
    assert not response["Content-Type"].startswith("application/json")
    assert "RuntimeError" in response.content.decode()
    assert len(signals) == 1
    assert_request_id(response)


@pytest.mark.usefixtures("debug")
@pytest.mark.parametrize(
    ("path", "headers", "status", "code", "message"),
    [
        ("/no/such/route", {}, 404, "not_found", None),
        ("/t/raise/http404", {}, 404, "not_found", None),
        ("/t/raise/bad-request", {}, 400, "invalid_request", None),
        ("/errors/conflict", {}, 409, "conflict", "Widget wid_123 was changed by another request."),
        ("/ok", {"Host": "evil.example"}, 400, "invalid_request", None),
    ],
)
def test_debug_client_errors_are_still_the_envelope(
    client: Client, path: str, headers: dict[str, str], status: int, code: str, message: str | None
) -> None:
    response = client.get(path, headers=headers)

    assert_envelope(response, status, code, message)


@pytest.mark.usefixtures("debug")
def test_debug_body_over_the_limit_read_by_csrf_middleware_is_413() -> None:
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32

    response = client.post(
        "/csrf", b"a=" + TOO_LARGE, content_type="application/x-www-form-urlencoded"
    )

    assert_envelope(response, 413, "payload_too_large")


@pytest.mark.usefixtures("debug")
def test_debug_api_error_chosen_500_is_the_envelope(client: Client) -> None:
    response = client.get("/errors/internal")

    assert_envelope(response, 500, "internal", "Payments are down; try again in a minute.")


@pytest.mark.usefixtures("debug", "failing_middleware")
def test_debug_api_error_raised_by_inner_middleware_is_its_envelope(
    quiet_client: Client,
) -> None:
    response = quiet_client.get("/ok", headers={FAIL: "conflict"})

    assert_envelope(response, 409, "conflict", "Changed by another request.")


@pytest.mark.usefixtures("debug")
def test_debug_handle_unexpected_renders_the_envelope(
    quiet_client: Client,
    settings: Settings,
    signals: list[HttpRequest | None],
    logs: pytest.LogCaptureFixture,
) -> None:
    settings.ERRORS_HANDLE_UNEXPECTED_IN_DEBUG = True

    response = quiet_client.get("/t/raise/runtime")

    assert_envelope(response, 500, "internal")
    assert len(signals) == 1
    assert len([r for r in logs.records if r.exc_info is not None]) == 1


@pytest.mark.usefixtures("debug", "failing_middleware")
def test_debug_handle_unexpected_covers_inner_middleware(
    quiet_client: Client, settings: Settings
) -> None:
    settings.ERRORS_HANDLE_UNEXPECTED_IN_DEBUG = True

    response = quiet_client.get("/ok", headers={FAIL: "runtime"})

    assert_envelope(response, 500, "internal")


def test_debug_propagate_exceptions_lets_the_exception_through(
    quiet_client: Client, settings: Settings
) -> None:

    settings.DEBUG_PROPAGATE_EXCEPTIONS = True

    with pytest.raises(RuntimeError, match=SECRET):
        quiet_client.get("/t/raise/runtime")

    assert current_request_id() is None


# Using the middleware outside Django's handler --------------------------------------


def test_exception_escaping_get_response_is_internal_and_unbinds_the_request_id(
    logs: pytest.LogCaptureFixture,
) -> None:
    def get_response(request: HttpRequest) -> HttpResponseBase:
        assert current_request_id() == request.request_id  # type: ignore[attr-defined]
        raise RuntimeError(SECRET)

    response = ErrorMiddleware(get_response)(RequestFactory().get("/"))

    assert_envelope(response, 500, "internal")
    assert current_request_id() is None
    [record] = [r for r in logs.records if r.exc_info]
    assert record.name == "error_core"
    assert record.request_id == response["Request-Id"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("setting", ["DEBUG_PROPAGATE_EXCEPTIONS", "DEBUG"])
def test_exception_escaping_get_response_propagates_where_django_would(
    settings: Settings, setting: str
) -> None:
    setattr(settings, setting, True)

    def get_response(request: HttpRequest) -> HttpResponseBase:
        raise RuntimeError(SECRET)

    with pytest.raises(RuntimeError):
        ErrorMiddleware(get_response)(RequestFactory().get("/"))

    assert current_request_id() is None


def test_process_exception_without_a_started_request_uses_a_fresh_id() -> None:
    middleware = ErrorMiddleware(lambda request: HttpResponse())

    response = middleware.process_exception(RequestFactory().get("/"), NotFound())

    assert response is not None
    assert_envelope(response, 404, "not_found")
    assert_request_id(response)


def test_process_exception_called_directly_still_reports_the_exception(
    signals: list[HttpRequest | None],
) -> None:
    seen = []
    exception = RuntimeError(SECRET)

    def receiver(sender: Any, **kwargs: Any) -> None:
        seen.append(sys.exc_info()[1])  # what Sentry and the test client read

    got_request_exception.connect(receiver, dispatch_uid="tests.django.exc_info")
    try:
        response = ErrorMiddleware(lambda request: HttpResponse()).process_exception(
            RequestFactory().get("/"), exception
        )
    finally:
        got_request_exception.disconnect(dispatch_uid="tests.django.exc_info")

    assert response is not None
    assert_envelope(response, 500, "internal")
    assert seen == [exception]
    assert len(signals) == 1


def test_got_request_exception_without_an_exception_changes_nothing() -> None:
    def get_response(request: HttpRequest) -> HttpResponseBase:
        # Other code may send the signal with no exception in flight.
        got_request_exception.send(sender=None, request=request)
        got_request_exception.send(sender=None, request=None)
        return JsonResponse({"error": "own"}, status=400)

    response = ErrorMiddleware(get_response)(RequestFactory().get("/"))

    assert response.status_code == 400
    assert json.loads(response.content) == {"error": "own"}
