"""A streamed response that fails after its headers were sent.

Once the status line and headers are on the wire, no error envelope can follow:
HTTP/1.1 has no way to take a 200 back. What the client must see instead is a
body cut short (the chunked body never gets its last, empty chunk) and the
connection closed by the server; never a second response on the same
connection. The failure must be logged, with the request's id, so that the
operator can find it from the ``Request-Id`` the client got.
"""

from __future__ import annotations

import re
import time

from .conftest import Running
from .load import ID
from .wire import exchange


def test_a_complete_stream_keeps_its_framing(running: Running) -> None:
    response = exchange(running.port, "GET", f"{running.spec.stream_path}?chunks=3")
    assert response.status == 200
    assert ID.fullmatch(response.request_id)
    assert response.framing == "chunked" and response.complete
    assert [line.split()[:2] for line in response.body.decode().splitlines()] == [
        ["chunk", "0"],
        ["chunk", "1"],
        ["chunk", "2"],
    ]
    assert response.after == b""
    seen = set(re.findall(rb"chunk \d+ (\S+)", response.body))
    assert seen == {response.request_id.encode()}, seen


def test_a_stream_that_fails_is_cut_short_and_its_connection_closed(running: Running) -> None:
    """Headers and the first chunks arrive, then the server closes the connection.

    The request does not ask for ``Connection: close``: the server must close
    the connection by itself (reading would time out otherwise), and must not
    send anything after the partial body.
    """
    started = time.monotonic()
    response = exchange(
        running.port, "GET", f"{running.spec.stream_path}?chunks=4&fail=2", close=False, timeout=5
    )
    assert time.monotonic() - started < 5
    assert response.status == 200
    assert ID.fullmatch(response.request_id)
    assert response.framing == "chunked"
    assert not response.complete, "the body must not look complete"
    assert response.body.startswith(b"chunk 0 ")
    assert b"chunk 1 " in response.body and b"chunk 2 " not in response.body
    assert response.after == b"", f"bytes after the cut body: {response.after[:120]!r}"
    assert b"HTTP/1." not in response.body + response.after, "a second response was sent"


def _log_lines_naming(running: Running, request_id: str, seconds: float = 3) -> list[str]:
    deadline = time.monotonic() + seconds
    while True:
        lines = [line for line in running.server.log_text().splitlines() if request_id in line]
        if lines or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def test_a_stream_failure_is_logged_with_the_request_id(running: Running) -> None:
    response = exchange(
        running.port, "GET", f"{running.spec.stream_path}?chunks=4&fail=2", timeout=5
    )
    assert response.status == 200 and not response.complete
    lines = _log_lines_naming(running, response.request_id)
    assert lines, f"no log line names {response.request_id}"
    assert any("stream" in line.lower() or "RuntimeError" in line for line in lines), lines


def test_a_streamed_body_is_produced_with_the_request_id(running: Running) -> None:
    """The generator runs after the view returned: current_request_id() must still answer."""
    response = exchange(running.port, "GET", f"{running.spec.stream_path}?chunks=2")
    assert response.status == 200 and response.complete
    seen = re.findall(rb"chunk \d+ (\S+)", response.body)
    assert seen == [response.request_id.encode()] * 2
