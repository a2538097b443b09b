"""Bare Flask: views use Werkzeug's exceptions, errors are Werkzeug's HTML pages."""

from __future__ import annotations

from typing import Any, NoReturn

from flask import Flask, abort
from werkzeug.exceptions import TooManyRequests

from ..scenarios import MESSAGE_400, MESSAGE_404, OK_BODY, RETRY_AFTER


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/ok")
    def ok() -> dict[str, Any]:
        return dict(OK_BODY)

    @app.get("/not-found")
    def not_found() -> NoReturn:
        abort(404, MESSAGE_404)

    @app.get("/invalid")
    def invalid() -> NoReturn:
        abort(400, MESSAGE_400)

    @app.get("/crash")
    def crash() -> NoReturn:
        raise RuntimeError("boom")

    @app.get("/limited")
    def limited() -> NoReturn:
        raise TooManyRequests(retry_after=RETRY_AFTER)

    return app
