"""Ours: ``Errors(app)`` and error-core's exceptions, as the README shows."""

from __future__ import annotations

from typing import Any, NoReturn

from flask import Flask

from error_core import InvalidRequest, NotFound, RateLimited
from flask_errors import Errors

from ..scenarios import MESSAGE_400, MESSAGE_404, OK_BODY, RETRY_AFTER


def create_app() -> Flask:
    app = Flask(__name__)
    Errors(app)

    @app.get("/ok")
    def ok() -> dict[str, Any]:
        return dict(OK_BODY)

    @app.get("/not-found")
    def not_found() -> NoReturn:
        raise NotFound(MESSAGE_404)

    @app.get("/invalid")
    def invalid() -> NoReturn:
        raise InvalidRequest(MESSAGE_400)

    @app.get("/crash")
    def crash() -> NoReturn:
        raise RuntimeError("boom")

    @app.get("/limited")
    def limited() -> NoReturn:
        raise RateLimited(retry_after=RETRY_AFTER)

    return app
