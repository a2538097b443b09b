"""A Flask app whose views fail the ways a real server sees: served by the e2e tests.

``gunicorn tests.e2e.flask_faults:app``. Log lines go to stderr with the
request id, so that the tests read them from the server's log.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import Any, Iterator

from flask import Flask, Response, request
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from error_core import APIError
from flask_errors import Errors

HOP_BY_HOP = {
    "Transfer-Encoding": "chunked",
    "Connection": "close",
    "Content-Encoding": "gzip",
    "Upgrade": "websocket",
    "Trailer": "X-Checksum",
    "Keep-Alive": "timeout=5",
}


class CustomBaseError(BaseException):
    """An application's own ``BaseException``."""


def _legacy(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
    """A PEP 3333 app that starts its response from inside its body iterable."""
    start_response("200 OK", [("Content-Type", "text/plain")])
    yield b"legacy"


def _gevent_timeout() -> None:
    import gevent
    from gevent import monkey

    if monkey.is_module_patched("socket"):  # the gevent worker: a timeout that fires
        with gevent.Timeout(0.01):
            gevent.sleep(1)
    raise gevent.Timeout()


def _greenlet_exit() -> None:
    import greenlet

    raise greenlet.GreenletExit()


async def _cancelled() -> None:
    task = asyncio.get_running_loop().create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    task.cancel()
    await task


def create_app() -> Flask:
    app = Flask(__name__)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/legacy": _legacy})  # type: ignore[method-assign]
    Errors(app)

    @app.get("/ok")
    def ok() -> dict[str, Any]:
        return {"ok": True}

    @app.get("/pid")
    def pid() -> dict[str, Any]:
        return {"pid": os.getpid()}

    @app.get("/base/cancelled")
    async def cancelled() -> None:
        """An async view awaiting a task that was cancelled."""
        await _cancelled()

    @app.get("/base/<kind>")
    def base(kind: str) -> None:
        if kind == "gevent-timeout":
            _gevent_timeout()
        elif kind == "greenlet-exit":
            _greenlet_exit()
        raise CustomBaseError(kind)

    @app.get("/hop/<name>")
    def hop(name: str) -> None:
        raise APIError("Hop.", code="conflict", status=409, headers={name: HOP_BY_HOP[name]})

    @app.get("/bad-header")
    def bad_header() -> Response:
        return Response(b"body", headers={"X-Note": "bad\x01value"})

    @app.get("/stream-fails-first")
    def stream_fails_first() -> Response:
        def chunks() -> Iterator[bytes]:
            raise RuntimeError("the stream broke before its first chunk")
            yield b""  # pragma: no cover - makes this a generator

        return Response(chunks(), mimetype="text/plain")

    @app.post("/body")
    def body() -> dict[str, Any]:
        return {"length": len(request.get_data())}

    @app.post("/json")
    def json_body() -> dict[str, Any]:
        return {"json": request.get_json(silent=True) is not None}

    @app.post("/form")
    def form() -> dict[str, Any]:
        return {"fields": sorted(request.form), "files": sorted(request.files)}

    return app


logging.basicConfig(
    stream=sys.stderr,
    level=logging.INFO,
    format="%(levelname)s %(name)s [%(request_id)s] %(message)s",
)
app = create_app()
