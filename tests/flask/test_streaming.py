"""Streamed bodies: made with the request id current, a failure logged with it."""

from __future__ import annotations

import io
import logging
from typing import Iterator

import pytest
from flask import Response, send_file, stream_with_context
from werkzeug.wsgi import FileWrapper

from error_core import current_request_id

from .helpers import MakeApp


def _chunks(count: int, fail_at: int | None = None) -> Iterator[str]:
    for number in range(count):
        if number == fail_at:
            raise RuntimeError("the stream broke")
        yield f"{current_request_id()}\n"


def test_a_streamed_body_is_made_with_the_request_id(make_app: MakeApp) -> None:
    app = make_app()
    app.add_url_rule("/stream", "stream", lambda: Response(_chunks(2), mimetype="text/plain"))
    app.add_url_rule(
        "/with-context",
        "with_context",
        lambda: Response(stream_with_context(_chunks(2)), mimetype="text/plain"),
    )

    for path in ("/stream", "/with-context"):
        response = app.test_client().get(path)
        request_id = response.headers["Request-Id"]
        assert response.get_data(as_text=True).splitlines() == [request_id, request_id]
    assert current_request_id() is None


def test_a_stream_that_fails_is_logged_with_the_id_and_cut_short(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="error_core")
    app = make_app()
    app.get("/stream")(lambda: Response(_chunks(3, fail_at=1), mimetype="text/plain"))

    response = app.test_client().get("/stream", buffered=False)
    request_id = response.headers["Request-Id"]
    chunks = response.iter_encoded()
    assert next(chunks) == f"{request_id}\n".encode()
    with pytest.raises(RuntimeError, match="the stream broke"):
        next(chunks)

    [record] = [r for r in caplog.records if r.name == "error_core"]
    assert record.getMessage() == (
        f"GET /stream -> stream failed after the headers were sent (request_id={request_id})"
    )
    assert record.exc_info is not None


def test_a_file_sent_directly_is_left_to_the_server(make_app: MakeApp) -> None:
    app = make_app()

    with app.test_request_context("/file"):
        app.preprocess_request()
        response = app.process_response(send_file(io.BytesIO(b"contents"), mimetype="text/plain"))
        # Still the server's file wrapper (sendfile), not a Python generator.
        assert isinstance(response.response, FileWrapper)
        response.close()
