"""structlog's context variables carry the request id the client gets (real structlog)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from flask_errors import Errors

structlog = pytest.importorskip("structlog")


@pytest.fixture
def captured() -> Any:
    structlog.configure(
        processors=[structlog.contextvars.merge_contextvars, structlog.testing.LogCapture()],
        cache_logger_on_first_use=False,
    )
    capture = structlog.get_config()["processors"][-1]
    yield capture
    structlog.reset_defaults()


def test_structlog_lines_carry_the_request_id_the_client_gets(captured: Any) -> None:
    app = Flask(__name__)
    Errors(app)

    @app.get("/work")
    def work() -> dict[str, bool]:
        structlog.get_logger().info("working")
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/work")

    assert response.status_code == 500
    assert [entry["request_id"] for entry in captured.entries] == [response.headers["Request-Id"]]
    # Unbound once the request is over.
    assert "request_id" not in structlog.contextvars.get_contextvars()


def test_an_outer_request_id_is_restored(captured: Any) -> None:
    from error_core import request_id_scope

    with request_id_scope("outer"):
        with request_id_scope("inner"):
            structlog.get_logger().info("in")
        structlog.get_logger().info("out")
    structlog.get_logger().info("after")

    assert [entry.get("request_id") for entry in captured.entries] == ["inner", "outer", None]
