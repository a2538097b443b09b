"""Flask: error_core's records nobody handles go to the app's logger, not Python's last resort."""

from __future__ import annotations

import logging
from typing import Iterator

import pytest
from flask import Flask

from flask_errors import Errors


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def last_resort(monkeypatch: pytest.MonkeyPatch) -> Iterator[Collect]:
    collect = Collect()
    monkeypatch.setattr(logging, "lastResort", collect)
    yield collect


def test_unhandled_error_core_records_go_to_the_app_logger(last_resort: Collect) -> None:
    app = Flask("tests.flask.fallback_app")
    app.config["PROPAGATE_EXCEPTIONS"] = False
    Errors(app)
    ours = Collect()
    app.logger.handlers = [ours]

    @app.get("/crash")
    def crash() -> str:
        raise RuntimeError("boom")

    root = logging.getLogger()
    saved, root.handlers = root.handlers, []
    try:
        response = app.test_client().get("/crash")
    finally:
        root.handlers = saved

    lines = [r for r in ours.records if r.name == "error_core"]
    assert [r.getMessage() for r in lines] == [
        f"GET /crash -> 500 internal (request_id={response.headers['Request-Id']})"
    ]
    assert last_resort.records == []
