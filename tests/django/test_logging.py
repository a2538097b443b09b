"""One record on ``error_core`` per error response, and one traceback per failure."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from .middleware import HEADER as FAIL

pytestmark = pytest.mark.usefixtures("logs")


def _error_core(logs: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in logs.records if record.name == "error_core"]


@pytest.mark.parametrize(
    ("method", "path", "status", "code", "level"),
    [
        ("get", "/errors/not-found", 404, "not_found", logging.INFO),
        ("get", "/errors/rate-limited", 429, "rate_limited", logging.INFO),
        ("get", "/no/such/route", 404, "not_found", logging.INFO),
        ("delete", "/items", 405, "method_not_allowed", logging.INFO),
        ("post", "/csrf", 403, "permission_denied", logging.INFO),
        ("get", "/t/raise/too-big", 413, "payload_too_large", logging.INFO),
        ("get", "/errors/internal", 500, "internal", logging.ERROR),
        ("get", "/framework/503", 503, "unavailable", logging.ERROR),
        ("get", "/t/raise/runtime", 500, "internal", logging.ERROR),
    ],
)
def test_one_record_per_error_response(
    logs: pytest.LogCaptureFixture,
    method: str,
    path: str,
    status: int,
    code: str,
    level: int,
) -> None:
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)

    response = getattr(client, method)(path)

    [record] = _error_core(logs)
    assert record.levelno == level
    request_id = response["Request-Id"]
    assert (
        record.getMessage()
        == f"{method.upper()} {path} -> {status} {code} (request_id={request_id})"
    )
    assert record.request_id == request_id  # type: ignore[attr-defined]
    assert record.status_code == status  # type: ignore[attr-defined]
    assert record.error_code == code  # type: ignore[attr-defined]


@pytest.mark.usefixtures("failing_middleware")
def test_error_from_inner_middleware_is_logged_once(
    quiet_client: Client, logs: pytest.LogCaptureFixture
) -> None:
    response = quiet_client.get("/ok", headers={FAIL: "conflict"})

    [record] = _error_core(logs)
    assert record.levelno == logging.INFO
    assert record.request_id == response["Request-Id"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/ok", "/app-json-error", "/t/text-400", "/t/streaming-error"])
def test_responses_left_alone_are_not_logged_by_error_core(
    client: Client, logs: pytest.LogCaptureFixture, path: str
) -> None:
    client.get(path)

    assert _error_core(logs) == []


def test_converted_responses_are_not_logged_again_by_django(
    client: Client, logs: pytest.LogCaptureFixture
) -> None:
    client.get("/errors/conflict")
    client.get("/no/such/route")

    assert [r for r in logs.records if r.name == "django.request"] == []


def test_hostile_path_cannot_forge_a_log_line(
    client: Client, logs: pytest.LogCaptureFixture
) -> None:
    client.get("/no/such/route%0AINFO%20forged")

    [record] = _error_core(logs)
    assert "\n" not in record.getMessage()
    assert "route\\x0aINFO forged" in record.getMessage()
