"""One ``error_core`` record per error response; request ids on every record."""

from __future__ import annotations

import logging

import pytest
from flask import Flask

from error_core import InternalError, InvalidRequest

from .helpers import MakeApp, error_core_records

app_logger = logging.getLogger("tests.flask.app")


def build(make_app: MakeApp) -> Flask:
    app = make_app()

    @app.get("/ok")
    def ok() -> str:
        app_logger.warning("inside the view")
        return "ok"

    @app.get("/invalid")
    def invalid() -> str:
        raise InvalidRequest("The `name` field is required.")

    @app.get("/down")
    def down() -> str:
        raise InternalError("Payments are down.")

    return app


@pytest.mark.parametrize(
    ("method", "path", "status", "code", "level"),
    [
        ("GET", "/invalid", 400, "invalid_request", logging.INFO),
        ("GET", "/no/such/route", 404, "not_found", logging.INFO),
        ("DELETE", "/ok", 405, "method_not_allowed", logging.INFO),
        ("GET", "/down", 500, "internal", logging.ERROR),
    ],
)
def test_one_record_per_error_response(
    make_app: MakeApp,
    caplog: pytest.LogCaptureFixture,
    method: str,
    path: str,
    status: int,
    code: str,
    level: int,
) -> None:
    app = build(make_app)
    caplog.set_level(logging.INFO)

    response = app.test_client().open(path, method=method)

    assert response.status_code == status
    (record,) = error_core_records(caplog.records)
    assert record.levelno == level
    message = record.getMessage()
    request_id = response.headers["Request-Id"]
    for part in (method, path, str(status), code, request_id):
        assert part in message
    assert record.request_id == request_id  # type: ignore[attr-defined]
    assert record.exc_info is None  # an APIError or HTTP error is no traceback


def test_success_is_not_logged_by_error_core(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = build(make_app)
    caplog.set_level(logging.INFO)

    app.test_client().get("/ok")

    assert error_core_records(caplog.records) == []


def test_newline_in_path_cannot_forge_a_log_line(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = build(make_app)
    caplog.set_level(logging.INFO)

    response = app.test_client().get("/a%0AINFO forged%0D%0Aline")

    assert response.status_code == 404
    (record,) = error_core_records(caplog.records)
    message = record.getMessage()
    assert "\n" not in message
    assert "\r" not in message
    assert "forged" in message


def test_records_logged_during_a_request_carry_its_id(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = build(make_app)
    caplog.set_level(logging.INFO)

    response = app.test_client().get("/ok")
    app_logger.warning("after the request")

    inside, outside = [r for r in caplog.records if r.name == app_logger.name]
    assert inside.request_id == response.headers["Request-Id"]  # type: ignore[attr-defined]
    assert outside.request_id == "-"  # type: ignore[attr-defined]


def test_request_id_in_a_log_format_string(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = build(make_app)
    caplog.set_level(logging.INFO)
    formatter = logging.Formatter("%(request_id)s %(levelname)s %(message)s")

    response = app.test_client().get("/invalid")

    (record,) = error_core_records(caplog.records)
    assert formatter.format(record).startswith(f"{response.headers['Request-Id']} INFO ")
