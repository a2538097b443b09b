"""Converted pages keep what is not theirs: other middleware's headers and cookies survive."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import pytest
from django.test import AsyncClient, Client

from .utils import assert_envelope

CODES_BY_STATUS = {
    400: "invalid_request",
    401: "authentication",
    403: "permission_denied",
    404: "not_found",
    409: "conflict",
    500: "internal",
}

pytest.importorskip("corsheaders")

if TYPE_CHECKING:
    from django.http import HttpResponseBase
    from pytest_django.fixtures import Settings

ORIGIN = "https://app.example"
SESSION_AND_COOKIE = "tests.django.middleware.SessionAndCookieMiddleware"


@pytest.fixture(autouse=True)
def real_project(settings: Settings) -> None:
    """The middleware a real project stacks below ErrorMiddleware."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "django.contrib.sessions"]
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.MIDDLEWARE = [
        "django_errors.middleware.ErrorMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "corsheaders.middleware.CorsMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "tests.django.middleware.FailingMiddleware",
        SESSION_AND_COOKIE,
    ]
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    settings.CSRF_TRUSTED_ORIGINS = [ORIGIN]
    settings.ALLOWED_HOSTS = ["testserver"]


def assert_kept(response: HttpResponseBase, *, inner_ran: bool = True) -> None:
    """Every header the middleware that ran set is there (the innermost one's if it ran)."""
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert response["Access-Control-Expose-Headers"] == "Request-Id"
    vary = {v.strip().lower() for v in response["Vary"].split(",")}
    assert {"origin", "cookie"} <= vary if inner_ran else "origin" in vary
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    if inner_ran:
        assert response["X-Frame-Options"] == "DENY"
        assert response.cookies["app"].value == "kept"
        assert response.cookies["sessionid"].value
    # What described Django's page is gone; the envelope's own headers stand.
    assert "Content-Language" not in response
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("method", "path", "status", "code", "allow"),
    [
        ("get", "/nope", 404, "not_found", None),
        ("delete", "/items", 405, "method_not_allowed", "GET, HEAD, OPTIONS, POST"),
        ("delete", "/methods", 405, "method_not_allowed", "GET, HEAD, OPTIONS, POST"),
    ],
)
def test_a_converted_page_keeps_the_headers_other_middleware_set(
    client: Client, method: str, path: str, status: int, code: str, allow: str | None
) -> None:
    response = getattr(client, method)(path, headers={"Origin": ORIGIN})

    assert_envelope(response, status, code)
    assert_kept(response)
    assert response.get("Allow") == allow


def test_a_converted_csrf_failure_keeps_the_headers_other_middleware_set() -> None:
    response = Client(enforce_csrf_checks=True).post("/csrf", headers={"Origin": ORIGIN})

    assert_envelope(response, 403, "permission_denied")
    assert_kept(response)


def test_a_converted_disallowed_host_keeps_the_headers_other_middleware_set(
    client: Client,
) -> None:
    response = client.get("/ok", headers={"Origin": ORIGIN, "Host": "evil.example"})

    assert_envelope(response, 400, "invalid_request")
    assert_kept(response, inner_ran=False)  # CommonMiddleware refused the host


def test_a_converted_body_too_big_keeps_the_headers_other_middleware_set() -> None:
    # CsrfViewMiddleware reads the form for its token: RequestDataTooBig outside the view.
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32  # so that the check goes on to read the form
    response = client.post("/csrf", {"field": "x" * 4096}, headers={"Origin": ORIGIN})

    assert_envelope(response, 413, "payload_too_large")
    assert_kept(response)


def test_a_converted_failing_middleware_500_keeps_the_headers_other_middleware_set(
    quiet_client: Client,
) -> None:
    response = quiet_client.get("/ok", headers={"Origin": ORIGIN, "X-Fail": "runtime"})

    assert_envelope(response, 500, "internal")
    assert_kept(response, inner_ran=False)


def test_an_error_the_view_raises_keeps_the_headers_other_middleware_set(client: Client) -> None:
    # Answered by process_exception below the other middleware: never lost.
    response = client.get("/errors/not-found", headers={"Origin": ORIGIN})

    assert response.status_code == 404
    assert response["Request-Id"]
    assert_kept(response)


def test_a_converted_page_under_asgi_keeps_the_headers_other_middleware_set() -> None:
    response = asyncio.run(AsyncClient().get("/nope", headers={"Origin": ORIGIN}))

    assert_envelope(response, 404, "not_found")
    assert_kept(response)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 500])
def test_empty_drf_error_response_becomes_the_envelope(
    quiet_client: Client, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    # return Response(status=400): DRF sends no body and no Content-Type at all.
    caplog.set_level(logging.INFO, logger="error_core")
    response = quiet_client.get(f"/t/drf/empty-error/{status}", headers={"Origin": ORIGIN})

    code = CODES_BY_STATUS[status]
    assert_envelope(response, status, code)
    if status < 500:  # SessionMiddleware saves no session on a 5xx
        assert_kept(response)
    assert response["Access-Control-Expose-Headers"] == "Request-Id"
    if status == 401:
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    lines = [r.getMessage() for r in caplog.records if r.name == "error_core"]
    assert lines == [
        f"GET /t/drf/empty-error/{status} -> {status} {code} (request_id={response['Request-Id']})"
    ]


def test_empty_django_error_response_without_content_type_becomes_the_envelope(
    client: Client,
) -> None:
    response = client.get("/t/empty-error", headers={"Origin": ORIGIN})

    assert_envelope(response, 409, "conflict")
    assert_kept(response)
