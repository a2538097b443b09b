"""The guard's less travelled paths under the WSGI protocol."""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from typing import Any, Iterator

import pytest
from flask import Flask, Response, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import EnvironBuilder, TestResponse, run_wsgi_app

from flask_errors import Errors

from .helpers import MakeApp, error_core_records
from .strict_server import serve


def _mounted(legacy: Any) -> Flask:
    app = Flask(__name__)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/legacy": legacy})  # type: ignore[method-assign]
    Errors(app)
    return app


def test_an_empty_streamed_body_is_sent_empty(make_app: MakeApp) -> None:
    app = make_app()
    app.get("/")(lambda: Response(iter(()), mimetype="text/plain"))

    sent = serve(app.wsgi_app)

    assert sent.status == "200 OK" and sent.body == b""
    assert dict(sent.headers)["Request-Id"]


def test_an_app_may_yield_empty_chunks_before_starting_its_response() -> None:
    def legacy(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        yield b""
        start_response("200 OK", [("Content-Type", "text/plain")])
        yield b"late"

    sent = serve(_mounted(legacy).wsgi_app, "/legacy/")

    assert sent.status == "200 OK" and sent.body == b"late"


class _Body:
    """A body iterable without ``close()``: the server has nothing to close."""

    def __init__(self, start_response: Any) -> None:
        self.start_response = start_response
        self.chunks = iter([b"no close"])

    def __iter__(self) -> _Body:
        return self

    def __next__(self) -> bytes:
        self.start_response("200 OK", [("Content-Type", "text/plain")])
        return next(self.chunks)


def test_a_body_without_close_is_served() -> None:
    sent = serve(_mounted(lambda environ, start: _Body(start)).wsgi_app, "/legacy/")

    assert sent.status == "200 OK" and sent.body == b"no close"


@pytest.mark.parametrize("at", ["first", "later"])
def test_the_interpreter_stopping_inside_a_stream_is_not_answered(
    make_app: MakeApp, at: str, caplog: pytest.LogCaptureFixture
) -> None:
    def chunks() -> Iterator[bytes]:
        if at == "later":
            yield b"first"
        raise KeyboardInterrupt

    app = make_app()
    app.get("/")(lambda: Response(chunks(), mimetype="text/plain"))

    with pytest.raises(KeyboardInterrupt):
        serve(app.wsgi_app)
    assert error_core_records(caplog.records) == []


def test_a_stream_failing_first_after_write_was_used_is_cut_short(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def legacy(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        write(b"written")
        return _failing()

    def _failing() -> Iterator[bytes]:
        raise RuntimeError("after write")
        yield b""  # pragma: no cover - makes this a generator

    app = _mounted(legacy)

    with pytest.raises(RuntimeError, match="after write"):
        serve(app.wsgi_app, "/legacy/")
    [record] = error_core_records(caplog.records)
    assert "stream failed after the headers were sent" in record.getMessage()


def test_start_response_with_exc_info_after_write_reraises() -> None:
    def legacy(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        write(b"written")
        try:
            raise ValueError("too late")
        except ValueError as exc:
            start_response("500 ERROR", [], (type(exc), exc, exc.__traceback__))
        return []  # pragma: no cover - start_response raised

    with pytest.raises(ValueError, match="too late"):
        serve(_mounted(legacy).wsgi_app, "/legacy/")


def test_a_header_refused_on_a_body_without_close_is_answered() -> None:
    def legacy(environ: dict[str, Any], start_response: Any) -> tuple[bytes, ...]:
        start_response("200 OK", [("X-Note", "bad\x01")])
        return (b"tuple body",)

    sent = serve(_mounted(legacy).wsgi_app, "/legacy/")

    assert sent.status == "500 INTERNAL SERVER ERROR"


def _terminated_run(app: Flask, path: str, body: bytes, stream: Any = None) -> TestResponse:
    builder = EnvironBuilder(path=path, method="POST")
    environ = builder.get_environ()
    builder.close()
    environ.update(
        {
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": stream or io.BytesIO(body),
            "wsgi.input_terminated": True,
        }
    )
    result, status, headers = run_wsgi_app(app, environ, buffered=True)
    return TestResponse(result, status, headers, request=None)  # type: ignore[arg-type]


def test_the_request_body_reads_line_by_line(make_app: MakeApp) -> None:
    app = make_app()

    @app.post("/lines")
    def lines() -> dict[str, Any]:
        stream = request.environ["wsgi.input"]
        first = stream.readline()
        rest = stream.readlines()
        return {"first": first.decode(), "rest": [line.decode() for line in rest]}

    @app.post("/iterate")
    def iterate() -> dict[str, Any]:
        return {"lines": [line.decode() for line in request.environ["wsgi.input"]]}

    assert _terminated_run(app, "/lines", b"a\nb\nc\n").json == {
        "first": "a\n",
        "rest": ["b\n", "c\n"],
    }
    assert _terminated_run(app, "/iterate", b"a\nb\n").json == {"lines": ["a\n", "b\n"]}


def test_a_size_limit_raised_by_the_input_stream_keeps_its_status(make_app: MakeApp) -> None:
    class Limited(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:  # type: ignore[override]
            raise RequestEntityTooLarge()

    app = make_app()
    app.post("/data")(lambda: {"length": len(request.get_data())})

    assert _terminated_run(app, "/data", b"abc", Limited()).status_code == 413


def test_handlers_are_reconciled_once_when_the_first_requests_come_together(
    make_app: MakeApp,
) -> None:
    app = make_app()
    calls: list[int] = []
    guard = app.wsgi_app

    def slow_first_request() -> None:
        calls.append(1)
        time.sleep(0.1)  # the other thread waits on the lock meanwhile

    guard.before_first_request = slow_first_request  # type: ignore[attr-defined]
    threads = [threading.Thread(target=app.test_client().get, args=("/",)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert calls == [1]


def test_a_record_in_a_request_context_without_the_guard_says_dash(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="app")
    app = make_app()

    with app.test_request_context("/"):
        logging.getLogger("app").info("outside the guard")

    [record] = [r for r in caplog.records if r.name == "app"]
    assert record.request_id == "-"  # type: ignore[attr-defined]


def test_a_chunked_body_is_read_whole(make_app: MakeApp) -> None:
    app = make_app()
    app.post("/data")(lambda: {"length": len(request.get_data())})
    builder = EnvironBuilder(path="/data", method="POST", headers={"Transfer-Encoding": "chunked"})
    environ = builder.get_environ()
    builder.close()
    environ.update({"wsgi.input": io.BytesIO(b"0123456789"), "wsgi.input_terminated": True})

    result, status, _ = run_wsgi_app(app, environ, buffered=True)

    assert status == "200 OK" and b"".join(result) == b'{"length":10}\n'


def test_a_body_read_by_an_app_mounted_inside_another_is_guarded_once(make_app: MakeApp) -> None:
    inner = make_app()
    inner.post("/data")(lambda: {"length": len(request.get_data())})
    outer = make_app()
    outer.wsgi_app = DispatcherMiddleware(outer.wsgi_app, {"/inner": inner})  # type: ignore[method-assign]
    Errors(outer)

    response = _terminated_run(outer, "/inner/data", b"abc")

    assert response.json == {"length": 3}


def test_a_content_length_too_long_to_count_is_invalid_request(make_app: MakeApp) -> None:
    # 19 digits, under sys.maxsize: no body is that long (the core's 1 to 18 digits).
    reached = []
    app = make_app()
    app.post("/data")(lambda: reached.append(True) or {"length": len(request.get_data())})
    builder = EnvironBuilder(path="/data", method="POST")
    environ = builder.get_environ()
    builder.close()
    environ.update(
        {
            "CONTENT_LENGTH": "1" * 19,
            "wsgi.input": io.BytesIO(b"abc"),
            "wsgi.input_terminated": True,
        }
    )

    result, status, _ = run_wsgi_app(app, environ, buffered=True)

    assert (status, json.loads(b"".join(result))["code"]) == ("400 BAD REQUEST", "invalid_request")
    assert reached == []


def test_an_empty_write_counts_as_sent_headers() -> None:
    """gunicorn sends the headers on ``write(b"")``: no envelope may follow."""

    def legacy(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        write(b"")
        return _failing_first()

    def _failing_first() -> Iterator[bytes]:
        raise RuntimeError("nothing sent yet")
        yield b""  # pragma: no cover - makes this a generator

    with pytest.raises(RuntimeError, match="nothing sent yet"):
        serve(_mounted(legacy).wsgi_app, "/legacy/")


def test_an_empty_header_name_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    app.get("/")(lambda: Response(b"x", headers=[("", "value")]))

    assert serve(app.wsgi_app).status == "500 INTERNAL SERVER ERROR"


@pytest.mark.parametrize("length", ["12abc", "-1", "1, 1"])
def test_a_content_length_a_server_cannot_read_is_refused_as_on_django(
    make_app: MakeApp, length: str
) -> None:
    app = make_app()
    app.get("/")(lambda: Response(iter([b"x"]), headers=[("Content-Length", length)]))

    assert serve(app.wsgi_app).status == "500 INTERNAL SERVER ERROR"


def test_a_body_known_up_front_without_content_length_is_sent_with_the_id() -> None:
    # A list body without Content-Length: the server is told once the app has returned.
    sent = serve(
        _mounted(lambda environ, start: start("200 OK", []) and [b"listed"]).wsgi_app, "/legacy/"
    )

    assert sent.status == "200 OK" and sent.body == b"listed"
    assert any(name == "Request-Id" for name, _ in sent.headers)
