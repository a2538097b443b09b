"""Log records carry the request id wherever the request's code runs.

In a thread started with ``copy_current_request_context``, in teardown
functions (also when a streamed response ends the request), and in a
streamed body's ``finally`` when the server closes the stream early.
"""

from __future__ import annotations

import logging
import threading
from typing import Iterator

import pytest
from flask import Response, copy_current_request_context, g, stream_with_context

from .helpers import MakeApp
from .strict_server import serve

log = logging.getLogger("app")


def _messages(caplog: pytest.LogCaptureFixture) -> dict[str, str]:
    return {r.getMessage(): r.request_id for r in caplog.records if r.name == "app"}  # type: ignore[attr-defined]


def test_a_thread_with_a_copied_request_context_logs_with_the_request_id(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="app")
    app = make_app()

    @app.get("/")
    def view() -> dict[str, str]:
        seen: dict[str, str] = {}

        @copy_current_request_context
        def work() -> None:
            seen["g"] = g.request_id
            log.info("in the thread")

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        return seen

    response = app.test_client().get("/")

    request_id = response.headers["Request-Id"]
    assert response.json == {"g": request_id}
    assert _messages(caplog) == {"in the thread": request_id}


@pytest.mark.parametrize("streamed", [False, True], ids=["plain", "stream_with_context"])
def test_teardown_functions_log_with_the_request_id(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture, streamed: bool
) -> None:
    caplog.set_level(logging.INFO, logger="app")
    app = make_app()
    app.teardown_request(lambda exc: log.info("teardown_request"))
    app.teardown_appcontext(lambda exc: log.info("teardown_appcontext"))

    def chunks() -> Iterator[bytes]:
        yield b"a"
        yield b"b"

    @app.get("/")
    def view() -> Response:
        if streamed:
            return Response(stream_with_context(chunks()), mimetype="text/plain")
        return Response(b"ab", mimetype="text/plain")

    sent = serve(app.wsgi_app)

    assert sent.body == b"ab"
    request_id = dict(sent.headers)["Request-Id"]
    assert _messages(caplog) == {
        "teardown_request": request_id,
        "teardown_appcontext": request_id,
    }


def test_a_stream_closed_early_by_the_server_cleans_up_with_the_request_id(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="app")
    app = make_app()

    def chunks() -> Iterator[bytes]:
        try:
            yield b"first"
            yield b"second"
        finally:
            log.info("stream finally")

    app.get("/")(lambda: Response(chunks(), mimetype="text/plain"))
    environ_response = app.test_client().get("/", buffered=False)
    request_id = environ_response.headers["Request-Id"]
    iterator = iter(environ_response.response)
    assert next(iterator) == b"first"
    environ_response.close()  # the client left: the server closes the body

    assert _messages(caplog) == {"stream finally": request_id}


def test_teardown_functions_log_with_the_request_id_when_a_stream_is_closed_early(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="app")
    app = make_app()
    app.teardown_request(lambda exc: log.info("teardown_request"))
    app.teardown_appcontext(lambda exc: log.info("teardown_appcontext"))

    def chunks() -> Iterator[bytes]:
        yield b"first"
        yield b"second"

    app.get("/")(lambda: Response(stream_with_context(chunks()), mimetype="text/plain"))
    response = app.test_client().get("/", buffered=False)
    request_id = response.headers["Request-Id"]
    assert next(iter(response.response)) == b"first"
    response.close()

    assert _messages(caplog) == {
        "teardown_request": request_id,
        "teardown_appcontext": request_id,
    }
