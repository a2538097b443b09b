"""Unexpected exceptions: internal envelope, Flask's signal, one traceback."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Blueprint, Flask
from werkzeug.test import TestResponse

from error_core import NotFound, current_request_id

from .helpers import (
    MakeApp,
    assert_envelope,
    error_core_records,
    sent_exceptions,
    traceback_records,
)

SECRET = "db-password=hunter2"


class LedgerCorrupted(Exception):
    """An application bug nobody handles."""


def add_failing_routes(app: Flask) -> None:
    """``/view`` and ``/hook/...`` raise LedgerCorrupted from a view and a before_request hook."""

    @app.get("/view")
    def view() -> str:
        raise LedgerCorrupted(SECRET)

    bp = Blueprint("hook", __name__, url_prefix="/hook")

    @bp.before_request
    def broken_hook() -> None:
        raise LedgerCorrupted(SECRET)

    @bp.get("/page")
    def page() -> str:
        raise AssertionError("the view must not run")

    app.register_blueprint(bp)


def assert_reported_once(
    response: TestResponse, sent: list[BaseException], caplog: pytest.LogCaptureFixture
) -> None:
    """The internal envelope, one signal, one traceback carrying the request id."""
    request_id = assert_envelope(response, 500, "internal")
    body = response.get_data()
    assert SECRET.encode() not in body
    assert b"LedgerCorrupted" not in body
    assert b"Traceback" not in body

    assert len(sent) == 1
    assert isinstance(sent[0], LedgerCorrupted)

    tracebacks = traceback_records(caplog.records)
    assert len(tracebacks) == 1
    (record,) = tracebacks
    assert record.exc_info is not None
    assert record.exc_info[1] is sent[0]
    assert record.request_id == request_id  # type: ignore[attr-defined]

    (logged,) = error_core_records(caplog.records)
    assert logged.levelno == logging.ERROR
    assert "500" in logged.getMessage()
    assert "internal" in logged.getMessage()
    assert request_id in logged.getMessage()
    assert SECRET not in logged.getMessage()


@pytest.mark.parametrize("path", ["/view", "/hook/page"])
def test_unexpected_exception_is_internal_when_not_propagating(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    app = make_app({"PROPAGATE_EXCEPTIONS": False})
    add_failing_routes(app)
    caplog.set_level(logging.INFO)

    with sent_exceptions(app) as sent:
        response = app.test_client().get(path)

    assert_reported_once(response, sent, caplog)


def test_production_default_does_not_propagate(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app()  # neither testing nor debug: PROPAGATE_EXCEPTIONS is unset
    add_failing_routes(app)
    caplog.set_level(logging.INFO)

    with sent_exceptions(app) as sent:
        response = app.test_client().get("/view")

    assert_reported_once(response, sent, caplog)


@pytest.mark.parametrize(
    "config",
    [{"TESTING": True}, {"PROPAGATE_EXCEPTIONS": True}],
    ids=["testing", "propagate"],
)
def test_unexpected_exception_propagates_to_the_test_client(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture, config: dict[str, Any]
) -> None:
    app = make_app(config)
    add_failing_routes(app)
    caplog.set_level(logging.INFO)

    with sent_exceptions(app) as sent, pytest.raises(LedgerCorrupted, match="hunter2"):
        app.test_client().get("/view")

    assert len(sent) == 1
    assert current_request_id() is None
    assert error_core_records(caplog.records) == []


def test_api_error_is_still_the_envelope_when_propagating(make_app: MakeApp) -> None:
    app = make_app({"TESTING": True})

    @app.get("/widget")
    def widget() -> str:
        raise NotFound()

    client = app.test_client()

    assert_envelope(client.get("/widget"), 404, "not_found")
    assert_envelope(client.get("/missing"), 404, "not_found")


@pytest.mark.parametrize("mode", ["testing", "debug"])
@pytest.mark.parametrize("path", ["/view", "/hook/page"])
def test_handle_unexpected_in_debug_renders_the_envelope(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture, mode: str, path: str
) -> None:
    app = make_app({"ERRORS_HANDLE_UNEXPECTED_IN_DEBUG": True})
    if mode == "debug":
        app.debug = True
    else:
        app.testing = True
    add_failing_routes(app)
    caplog.set_level(logging.INFO)

    with sent_exceptions(app) as sent:
        response = app.test_client().get(path)

    assert_reported_once(response, sent, caplog)


def test_handle_unexpected_in_debug_leaves_expected_errors_alone(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app({"TESTING": True, "ERRORS_HANDLE_UNEXPECTED_IN_DEBUG": True})

    @app.get("/widget")
    def widget() -> str:
        raise NotFound("No widget.")

    @app.errorhandler(LedgerCorrupted)
    def ledger(error: LedgerCorrupted) -> tuple[str, int]:
        return "ledger handled", 503

    @app.get("/ledger")
    def ledger_view() -> str:
        raise LedgerCorrupted(SECRET)

    caplog.set_level(logging.INFO)
    client = app.test_client()

    with sent_exceptions(app) as sent:
        assert_envelope(client.get("/widget"), 404, "not_found", "No widget.")
        assert_envelope(client.get("/missing"), 404, "not_found")
        ledger_response = client.get("/ledger")

    assert (ledger_response.status_code, ledger_response.get_data()) == (503, b"ledger handled")
    assert sent == []
    assert traceback_records(caplog.records) == []


def test_failing_after_request_hook_still_gives_the_envelope(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/ok")
    def ok() -> str:
        return "ok"

    @app.after_request
    def broken(response: Any) -> Any:
        raise LedgerCorrupted(SECRET)

    with sent_exceptions(app) as sent:
        response = app.test_client().get("/ok")

    assert_envelope(response, 500, "internal")
    assert len(sent) == 1


def test_app_handler_for_500_wins_when_kept(make_app: MakeApp) -> None:
    app = make_app({"ERRORS_KEEP_APP_HANDLERS": True})
    add_failing_routes(app)

    @app.errorhandler(500)
    def server_error(error: Exception) -> tuple[str, int]:
        return "custom 500", 500

    response = app.test_client().get("/view")

    assert (response.status_code, response.get_data()) == (500, b"custom 500")
    assert "Request-Id" in response.headers
