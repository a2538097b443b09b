"""The guard under the WSGI protocol: a late ``start_response``, refused headers,
a body that fails before its first chunk."""

from __future__ import annotations

import json
import logging
from typing import Any, Iterator

import pytest
from flask import Flask, Response
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from flask_errors import Errors

from .helpers import REQUEST_ID, error_core_records, sent_exceptions, traceback_records
from .strict_server import Exchange, RefusedByServer, serve


def _late_app(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
    """A PEP 3333 app that starts its response from inside its body iterable."""
    start_response("200 OK", [("Content-Type", "text/plain")])
    yield b"legacy "
    yield environ["PATH_INFO"].encode()


def _app_with_legacy_mount() -> Flask:
    app = Flask(__name__)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/legacy": _late_app})  # type: ignore[method-assign]
    Errors(app)
    return app


def test_an_app_calling_start_response_late_works_as_without_the_extension() -> None:
    app = _app_with_legacy_mount()

    response = app.test_client().get("/legacy/page")
    sent = serve(app.wsgi_app, "/legacy/page")

    assert response.status_code == 200
    assert response.get_data() == b"legacy /page"
    assert response.headers["Content-Type"] == "text/plain"
    assert REQUEST_ID.fullmatch(response.headers["Request-Id"])
    assert sent.status == "200 OK" and sent.body == b"legacy /page"
    assert dict(sent.headers)["Request-Id"]


def test_an_app_whose_body_ends_without_start_response_gets_the_envelope(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        yield from ()

    app = Flask(__name__)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/broken": broken})  # type: ignore[method-assign]
    Errors(app)

    sent = serve(app.wsgi_app, "/broken")

    _assert_internal(sent)
    [record] = error_core_records(caplog.records)
    assert "StartResponseNotCalledError" in caplog.text and record.exc_info is not None


def _assert_internal(sent: Exchange) -> str:
    assert sent.status == "500 INTERNAL SERVER ERROR"
    headers = dict(sent.headers)
    assert headers["Content-Type"] == "application/json"
    assert headers["Cache-Control"] == "no-store"
    envelope = json.loads(sent.body)
    assert envelope["code"] == "internal"
    assert envelope["request_id"] == headers["Request-Id"]
    assert headers["Content-Length"] == str(len(sent.body))
    return str(envelope["request_id"])


def _app_with_header(value: str, *, streamed: bool = False) -> Flask:
    app = Flask(__name__)
    Errors(app)

    @app.get("/")
    def view() -> Response:
        body: Any = iter([b"chunk"]) if streamed else b"body"
        return Response(body, headers={"Content-Type": "text/plain", "X-Note": value})

    return app


@pytest.mark.parametrize("streamed", [False, True], ids=["plain", "streamed"])
def test_a_header_the_server_refuses_is_answered_with_the_envelope(
    streamed: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """A control character Werkzeug lets through never reaches the server's check."""
    caplog.set_level(logging.INFO, logger="error_core")
    app = _app_with_header("bad\x01value", streamed=streamed)

    sent = serve(app.wsgi_app)

    request_id = _assert_internal(sent)
    assert "X-Note" not in dict(sent.headers) and "text/plain" not in str(sent.headers)
    assert sent.calls == 1
    [record] = error_core_records(caplog.records)
    assert record.levelno == logging.ERROR and record.request_id == request_id  # type: ignore[attr-defined]
    assert request_id in record.getMessage()
    assert "X-Note" in caplog.text and "bad\x01value" not in caplog.text
    assert len(traceback_records(caplog.records)) == 1


@pytest.mark.parametrize("streamed", [False, True], ids=["plain", "streamed"])
def test_a_header_a_stricter_server_refuses_is_answered_with_the_envelope(
    streamed: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """The server's own refusal, after it kept the status: the envelope goes with exc_info."""
    app = _app_with_header("fine", streamed=streamed)

    sent = serve(app.wsgi_app, refuse=lambda name, value: name == "X-Note")

    _assert_internal(sent)
    assert sent.calls == 2
    [record] = error_core_records(caplog.records)
    assert "RefusedByServer" in caplog.text and record.exc_info is not None


def test_a_server_refusing_the_envelope_too_is_not_asked_again() -> None:
    app = _app_with_header("fine")

    with pytest.raises(RefusedByServer):
        serve(app.wsgi_app, refuse=lambda name, value: True)


def _failing_stream(fail_first: bool) -> Iterator[bytes]:
    if fail_first:
        raise RuntimeError("the stream broke before its first chunk")
    yield b"first\n"
    raise RuntimeError("the stream broke after its first chunk")


def test_a_stream_failing_before_its_first_chunk_is_answered_with_the_envelope(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = Flask(__name__)
    Errors(app)
    app.get("/stream")(lambda: Response(_failing_stream(True), mimetype="text/plain"))

    with sent_exceptions(app) as reported:
        sent = serve(app.wsgi_app, "/stream")
        client = app.test_client().get("/stream")

    request_id = _assert_internal(sent)
    assert client.status_code == 500 and client.json["code"] == "internal"  # type: ignore[index]
    assert client.headers["Cache-Control"] == "no-store"
    assert sent.closed
    records = error_core_records(caplog.records)
    assert records[0].getMessage() == (f"GET /stream -> 500 internal (request_id={request_id})")
    assert "after the headers were sent" not in caplog.text
    assert len(traceback_records(caplog.records)) == 2  # one per request
    assert reported == []  # Flask had returned: the view itself did not fail


def test_a_stream_failing_after_its_first_chunk_says_the_headers_were_sent(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = Flask(__name__)
    Errors(app)
    app.get("/stream")(lambda: Response(_failing_stream(False), mimetype="text/plain"))

    with pytest.raises(RuntimeError, match="after its first chunk"):
        serve(app.wsgi_app, "/stream")

    [record] = error_core_records(caplog.records)
    assert "stream failed after the headers were sent" in record.getMessage()
