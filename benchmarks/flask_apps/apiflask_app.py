"""APIFlask as its docs show it: ``json_errors`` on (the default) and its ``abort``."""

from __future__ import annotations

from typing import Any, NoReturn

from apiflask import APIFlask, abort

from ..scenarios import MESSAGE_400, MESSAGE_404, OK_BODY, RETRY_AFTER


def create_app() -> APIFlask:
    app = APIFlask(__name__)

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
        abort(429, headers={"Retry-After": str(RETRY_AFTER)})

    return app
