"""Async views behave like sync ones."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from flask import g

from error_core import Conflict, current_request_id

from .helpers import MakeApp, assert_envelope, sent_exceptions, traceback_records


def test_async_view_sees_the_request_id(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/ok")
    async def ok() -> dict[str, Any]:
        await asyncio.sleep(0)
        return {"current": current_request_id(), "g": g.request_id}

    response = app.test_client().get("/ok")

    request_id = response.headers["Request-Id"]
    assert response.get_json() == {"current": request_id, "g": request_id}
    assert current_request_id() is None


def test_api_error_in_async_view(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/widgets/<wid>")
    async def widget(wid: str) -> str:
        await asyncio.sleep(0)
        raise Conflict(f"Widget {wid} is locked.")

    response = app.test_client().get("/widgets/w1")

    assert_envelope(response, 409, "conflict", "Widget w1 is locked.")


def test_api_error_in_async_before_request_hook(make_app: MakeApp) -> None:
    app = make_app()

    @app.before_request
    async def check() -> None:
        await asyncio.sleep(0)
        raise Conflict()

    @app.get("/ok")
    def ok() -> str:
        raise AssertionError("the view must not run")

    assert_envelope(app.test_client().get("/ok"), 409, "conflict")


def test_unexpected_exception_in_async_view(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app()

    @app.get("/boom")
    async def boom() -> str:
        await asyncio.sleep(0)
        raise RuntimeError("db-password=hunter2")

    caplog.set_level(logging.INFO)
    with sent_exceptions(app) as sent:
        response = app.test_client().get("/boom")

    request_id = assert_envelope(response, 500, "internal")
    assert b"hunter2" not in response.get_data()
    assert len(sent) == 1
    (record,) = traceback_records(caplog.records)
    assert record.request_id == request_id  # type: ignore[attr-defined]


def test_unexpected_exception_in_async_view_propagates_when_testing(make_app: MakeApp) -> None:
    app = make_app({"TESTING": True})

    @app.get("/boom")
    async def boom() -> str:
        await asyncio.sleep(0)
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        app.test_client().get("/boom")
    assert current_request_id() is None
