"""A streamed body's clean-up after the ASGI client left is logged with its own request's id."""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Any

import pytest
from django.core.handlers.asgi import ASGIHandler

from error_core import _request_id as ids

SCOPE: dict[str, Any] = {
    "type": "http",
    "asgi": {"version": "3.0"},
    "http_version": "1.1",
    "method": "GET",
    "scheme": "http",
    "path": "/t/async/endless-stream",
    "raw_path": b"/t/async/endless-stream",
    "query_string": b"",
    "headers": [(b"host", b"testserver")],
    "client": ("127.0.0.1", 1),
    "server": ("testserver", 80),
}
OTHER_ID = "req_01ARZ3NDEKTSV4RRFFQ69G5FAV"


async def _client_leaves_while_send_blocks() -> str:
    """Run one request whose client stops reading, then leaves; its request id."""
    started: list[dict[str, Any]] = []
    blocked = asyncio.Event()
    left = asyncio.Event()
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await left.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            started.append(message)
        elif message.get("body"):
            blocked.set()
            await asyncio.Event().wait()  # the client reads no more: send() blocks

    handling = asyncio.create_task(ASGIHandler()(SCOPE, receive, send))
    await asyncio.wait_for(blocked.wait(), 5)
    left.set()
    await asyncio.wait_for(handling, 5)
    headers = dict(started[0]["headers"])
    return headers[b"Request-Id"].decode()  # type: ignore[no-any-return]


async def _scenario() -> str:
    request_id = await _client_leaves_while_send_blocks()
    # Whatever request is current when the collector runs.
    token = ids.bind(OTHER_ID)
    try:
        gc.collect()
        for _ in range(10):
            await asyncio.sleep(0.01)  # the finalizers' aclose() tasks run
    finally:
        ids.unbind(token)
    return request_id


def test_a_stream_cleaned_up_after_the_client_left_logs_with_its_own_request_id(
    caplog: pytest.LogCaptureFixture, no_db_signals: None
) -> None:
    caplog.set_level(logging.WARNING, logger="tests.stream")

    request_id = asyncio.run(_scenario())

    [record] = [r for r in caplog.records if r.name == "tests.stream"]
    assert record.request_id == request_id  # type: ignore[attr-defined]


async def _closed_inside_the_loop() -> str:
    from django.http import StreamingHttpResponse
    from django.test import RequestFactory

    from django_errors._streamed_bodies import bind_while_streaming

    async def chunks() -> Any:
        try:
            while True:
                yield b"chunk\n"
        finally:
            logging.getLogger("tests.stream").warning("stream cleaned up")

    request = RequestFactory().get("/")
    request.request_id = "req_01ARZ3NDEKTSV4RRFFQ69G5FAW"  # type: ignore[attr-defined]
    response = StreamingHttpResponse(chunks())
    bind_while_streaming(request, response)
    content = aiter(response)
    await anext(content)
    response.close()  # from the event loop's own thread
    await asyncio.sleep(0.05)
    await content.aclose()  # type: ignore[attr-defined]
    return str(request.request_id)  # type: ignore[attr-defined]


def test_a_stream_closed_from_the_event_loop_cleans_up_with_its_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="tests.stream")

    request_id = asyncio.run(_closed_inside_the_loop())

    [record] = [r for r in caplog.records if r.name == "tests.stream"]
    assert record.request_id == request_id  # type: ignore[attr-defined]
