"""A request body the server cannot read is the client's mistake: 400, never 500.

A real server reads the body for the app while the view runs: gunicorn
raises its own exceptions for a broken chunked body (``InvalidChunkSize``,
``ChunkMissingTerminator``, ``NoMoreData``), any server an ``OSError`` when
the client resets the connection. They are answered ``400 invalid_request``,
logged at INFO without a traceback.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import pytest
from flask import Flask, request
from werkzeug.test import EnvironBuilder, TestResponse, run_wsgi_app

from .helpers import MakeApp, assert_envelope, error_core_records, traceback_records


class InvalidChunkSize(Exception):
    """Named as gunicorn's (``gunicorn.http.errors``): a server's own parse error."""


class NoMoreData(OSError):
    """Named as gunicorn's: the client stopped sending inside the body."""


class FailingInput(io.RawIOBase):
    """A server's ``wsgi.input`` whose reads fail with ``error`` after ``good`` bytes."""

    def __init__(self, error: BaseException, good: bytes = b"") -> None:
        self.error = error
        self.good = io.BytesIO(good)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        data = self.good.read(size) if size is not None and size >= 0 else b""
        if data:
            return data
        raise self.error  # reading to the end reaches the broken part

    def readline(self, size: int | None = -1) -> bytes:
        return self.read(size if size is not None else -1)


def _run(app: Flask, environ: dict[str, Any]) -> TestResponse:
    """``environ`` through the app as a server runs it (the test client rebuilds the input)."""
    body, status, headers = run_wsgi_app(app, environ, buffered=True)
    return TestResponse(body, status, headers, request=None)  # type: ignore[arg-type]


def _reading_app(make_app: MakeApp) -> Flask:
    app = make_app()

    @app.post("/data")
    def data() -> dict[str, Any]:
        return {"length": len(request.get_data())}

    @app.post("/json")
    def json_body() -> dict[str, Any]:
        return {"json": request.get_json(silent=True) is not None}

    @app.post("/form")
    def form() -> dict[str, Any]:
        return {"fields": sorted(request.form)}

    return app


ERRORS = {
    "invalid-chunk-size": InvalidChunkSize("bad chunk size"),
    "no-more-data": NoMoreData("no more data"),
    "connection-reset": ConnectionResetError(104, "reset"),
    "timeout": TimeoutError("timed out"),
}
FRAMINGS = {
    "chunked": {"Transfer-Encoding": "chunked"},
    "content-length": {"Content-Length": "20"},
}


@pytest.mark.parametrize("framing", FRAMINGS)
@pytest.mark.parametrize("path", ["/data", "/json", "/form"])
@pytest.mark.parametrize("error", ERRORS)
def test_a_body_the_server_cannot_read_is_a_client_error(
    make_app: MakeApp,
    caplog: pytest.LogCaptureFixture,
    framing: str,
    path: str,
    error: str,
) -> None:
    caplog.set_level(logging.INFO)
    app = _reading_app(make_app)
    content_type = {
        "/json": "application/json",
        "/form": "application/x-www-form-urlencoded",
    }.get(path, "application/octet-stream")
    builder = EnvironBuilder(
        path=path, method="POST", headers=FRAMINGS[framing], content_type=content_type
    )
    environ = builder.get_environ()
    builder.close()
    if framing == "content-length":
        environ["CONTENT_LENGTH"] = "20"
    environ["wsgi.input"] = FailingInput(ERRORS[error], good=b"a=1&")
    environ["wsgi.input_terminated"] = True  # as gunicorn says of its body reader

    response = _run(app, environ)

    request_id = assert_envelope(response, 400, "invalid_request")
    [record] = error_core_records(caplog.records)
    assert record.levelno == logging.INFO
    assert record.getMessage() == f"POST {path} -> 400 invalid_request (request_id={request_id})"
    assert traceback_records(caplog.records) == []


def test_a_body_shorter_than_its_content_length_is_a_client_error(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    app = _reading_app(make_app)
    builder = EnvironBuilder(path="/data", method="POST", data=b"0123456789")
    environ = builder.get_environ()
    builder.close()
    environ["CONTENT_LENGTH"] = "100"

    response = _run(app, environ)

    assert_envelope(response, 400, "invalid_request")
    assert traceback_records(caplog.records) == []


def test_a_truncated_multipart_body_is_not_a_server_error(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = _reading_app(make_app)
    body = (
        b'--b\r\nContent-Disposition: form-data; name="field"\r\n\r\nvalue\r\n'
        b'--b\r\nContent-Disposition: form-data; name="other"\r\n\r\nabc'
    )

    response = app.test_client().post(
        "/form", data=body, content_type="multipart/form-data; boundary=b"
    )

    assert response.status_code < 500
    assert traceback_records(caplog.records) == []


@pytest.mark.parametrize("path", ["/data", "/form"])
def test_a_body_shorter_than_its_content_length_is_a_client_error_on_a_terminated_input(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    """gunicorn marks its input terminated and hands the short body on; Werkzeug trusts it."""
    caplog.set_level(logging.INFO)
    app = _reading_app(make_app)
    builder = EnvironBuilder(
        path=path, method="POST", content_type="application/x-www-form-urlencoded"
    )
    environ = builder.get_environ()
    builder.close()
    environ.update(
        {"CONTENT_LENGTH": "100", "wsgi.input": io.BytesIO(b"a=1"), "wsgi.input_terminated": True}
    )

    response = _run(app, environ)

    assert_envelope(response, 400, "invalid_request")
    assert traceback_records(caplog.records) == []


@pytest.mark.parametrize("value", [None, "", "12a", "²", "1" * 19])
def test_a_content_length_that_is_no_count_gives_no_limit(value: str | None) -> None:
    from flask_errors._request_body import _length

    assert _length(value) is None


@pytest.mark.parametrize("failure", ["short", "server-error"])
def test_a_body_read_again_after_its_read_failed_stays_a_client_error(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture, failure: str
) -> None:
    # microblog-api's after_request reads the body again ("Werkzeug sometimes does
    # not flush the request body"): the read raised again there, outside the error
    # handlers, and the 400 became a 500 with a traceback. Flask alone reads the
    # rest (nothing) without a failure.
    caplog.set_level(logging.INFO)
    app = _reading_app(make_app)

    @app.after_request
    def flush(response: Any) -> Any:
        request.get_data()
        request.stream.read()
        request.stream.readline()
        request.stream.readlines()
        return response

    builder = EnvironBuilder(path="/data", method="POST", data=b"0123456789")
    environ = builder.get_environ()
    builder.close()
    environ["CONTENT_LENGTH"] = "100"
    environ["wsgi.input_terminated"] = True
    if failure == "server-error":
        environ["wsgi.input"] = FailingInput(NoMoreData("no more data"), good=b"a=1&")

    response = _run(app, environ)

    request_id = assert_envelope(response, 400, "invalid_request")
    assert traceback_records(caplog.records) == []
    [record] = error_core_records(caplog.records)
    assert record.getMessage() == f"POST /data -> 400 invalid_request (request_id={request_id})"


def test_a_zero_content_length_is_an_empty_body(make_app: MakeApp) -> None:
    app = make_app()
    app.post("/echo")(lambda: {"body": request.get_data().decode()})

    environ = EnvironBuilder(method="POST", path="/echo", data=b"").get_environ()
    environ["CONTENT_LENGTH"] = "0"
    response = _run(app, environ)

    assert response.status_code == 200 and response.get_json() == {"body": ""}
