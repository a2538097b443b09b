"""One record on ``error_core`` per error response, and one traceback per failure."""

from __future__ import annotations

import logging
from typing import Any

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


def test_records_nobody_handles_fall_back_to_django_s_request_logger() -> None:
    from django_errors._logging import django_request_logger

    assert django_request_logger(logging.ERROR) is logging.getLogger("django.request")


def _handler(level: int = logging.NOTSET, *filters: logging.Filter | object) -> logging.Handler:
    handler = logging.NullHandler(level)
    for log_filter in filters:
        handler.addFilter(log_filter)  # type: ignore[arg-type]
    return handler


@pytest.mark.parametrize(
    ("debug", "level", "expected"),
    [
        (False, logging.INFO, False),  # console requires DEBUG; mail_admins takes ERROR
        (False, logging.ERROR, True),  # mail_admins
        (True, logging.INFO, True),  # console
    ],
)
def test_django_s_default_logging_is_asked_only_for_records_it_would_write(
    settings: Any, debug: bool, level: int, expected: bool
) -> None:
    # The one-line set-up made a 4xx record for django.request's handlers to drop.
    from django.utils.log import RequireDebugFalse, RequireDebugTrue

    from django_errors._logging import _may_write

    settings.DEBUG = debug
    logger = logging.Logger("tests.django_like")
    logger.addHandler(_handler(logging.INFO, RequireDebugTrue()))
    logger.addHandler(_handler(logging.ERROR, RequireDebugFalse()))

    assert _may_write(logger, level) is expected


def test_a_handler_with_its_own_filter_may_write_any_record() -> None:
    from django_errors._logging import _may_write

    logger = logging.Logger("tests.own_filter")
    logger.addHandler(_handler(logging.INFO, logging.Filter("tests")))

    assert _may_write(logger, logging.INFO)


def test_without_any_handler_python_s_last_resort_may_write() -> None:
    from django_errors._logging import _may_write

    parent = logging.Logger("tests.no_handlers")
    child = logging.Logger("tests.no_handlers.child")
    child.parent = parent
    silent = logging.Logger("tests.silent")
    silent.addHandler(_handler(logging.CRITICAL))
    silent.propagate = False

    assert _may_write(child, logging.INFO)
    assert not _may_write(silent, logging.INFO)


def test_a_4xx_nobody_would_write_makes_no_record(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.utils.log import RequireDebugTrue

    from django_errors._logging import django_request_logger

    settings.DEBUG = False
    logger = logging.getLogger("django.request")
    monkeypatch.setattr(logger, "handlers", [_handler(logging.INFO, RequireDebugTrue())])
    monkeypatch.setattr(logger, "propagate", False)

    assert django_request_logger(logging.INFO) is None
    assert django_request_logger(logging.ERROR) is None
    settings.DEBUG = True
    assert django_request_logger(logging.INFO) is logger
