from __future__ import annotations

import logging
from typing import Any

import pytest

from error_core import APIError, InvalidRequest, NotFound, RateLimited
from error_core._envelope import Rendered, render
from error_core._error_response import error_response
from error_core._request_id import bind, unbind
from error_core._settings import Settings

RID = "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"


class Unprintable:
    def __str__(self) -> str:
        raise RuntimeError("cannot print me")


class BrokenHandler(logging.Handler):
    calls = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.calls += 1
        raise RuntimeError("log handler is broken")


class BrokenFilter(logging.Filter):
    calls = 0

    def filter(self, record: logging.LogRecord) -> bool:
        self.calls += 1
        raise RuntimeError("log filter is broken")


@pytest.fixture
def error_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="error_core")
    return caplog


def respond(error: APIError, settings: Settings | None = None, **kwargs: Any) -> Rendered:
    return error_response(
        error,
        request_id=RID,
        method="GET",
        path="/widgets/7",
        settings=settings or Settings(),
        **kwargs,
    )


def test_error_response_is_the_rendered_error(error_log: pytest.LogCaptureFixture) -> None:
    error = RateLimited("Slow down.", retry_after=3)
    assert respond(error) == render(error, RID)


def test_error_response_uses_the_configured_request_id_header(
    error_log: pytest.LogCaptureFixture,
) -> None:
    rendered = respond(NotFound(), Settings(request_id_header="X-Trace-Id"))
    assert rendered.headers == [
        ("Content-Type", "application/json"),
        ("Cache-Control", "no-store"),
        ("X-Trace-Id", RID),
    ]


def test_each_error_response_is_logged_once(error_log: pytest.LogCaptureFixture) -> None:
    respond(NotFound())
    [record] = error_log.records
    assert (record.name, record.levelname) == ("error_core", "INFO")
    assert record.getMessage() == f"GET /widgets/7 -> 404 not_found (request_id={RID})"


def test_the_log_names_the_id_the_response_carries(error_log: pytest.LogCaptureFixture) -> None:
    token = bind("req_other")
    try:
        respond(NotFound())
    finally:
        unbind(token)
    assert error_log.records[0].getMessage().endswith(f"(request_id={RID})")


def test_the_traceback_is_logged_with_the_response(error_log: pytest.LogCaptureFixture) -> None:
    try:
        raise KeyError("secret")
    except KeyError as exc:
        exc_info = (type(exc), exc, exc.__traceback__)
    respond(InvalidRequest(), exc_info=exc_info)
    [record] = error_log.records
    assert record.exc_info == exc_info


def test_an_unrenderable_error_is_logged_as_the_internal_it_became(
    error_log: pytest.LogCaptureFixture,
) -> None:
    error = InvalidRequest()
    error.message = Unprintable()  # type: ignore[assignment,misc]
    assert respond(error).status == 500
    [record] = error_log.records
    assert record.levelname == "ERROR"
    assert record.getMessage() == f"GET /widgets/7 -> 500 internal (request_id={RID})"


def test_a_failing_log_handler_does_not_cost_the_response(
    error_log: pytest.LogCaptureFixture,
) -> None:
    broken = BrokenHandler()
    logger = logging.getLogger("error_core")
    logger.addHandler(broken)
    try:
        rendered = respond(NotFound())
    finally:
        logger.removeHandler(broken)
    assert broken.calls == 1
    assert rendered == render(NotFound(), RID)


def test_a_failing_log_filter_does_not_cost_the_response(
    error_log: pytest.LogCaptureFixture,
) -> None:
    broken = BrokenFilter()
    logger = logging.getLogger("error_core")
    logger.addFilter(broken)
    try:
        rendered = respond(NotFound())
    finally:
        logger.removeFilter(broken)
    assert broken.calls == 1
    assert rendered == render(NotFound(), RID)


def test_regression_an_unregistered_code_cannot_forge_the_log_line(
    error_log: pytest.LogCaptureFixture,
) -> None:
    # Logged as given before: a 500 error whose code was changed to text with a newline.
    error = APIError()
    error.code = "x\nINFO forged"  # type: ignore[misc]
    assert respond(error).status == 500
    [record] = error_log.records
    assert record.getMessage() == f"GET /widgets/7 -> 500 internal (request_id={RID})"


def test_a_chosen_internal_message_is_logged_with_its_code(
    error_log: pytest.LogCaptureFixture,
) -> None:
    respond(APIError("Payments are down.", code="unavailable"))
    [record] = error_log.records
    assert record.getMessage() == f"GET /widgets/7 -> 503 unavailable (request_id={RID})"
