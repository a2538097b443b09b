"""Streamed bodies the middleware leaves as they are, or closes without their own ``aclose``."""

from __future__ import annotations

from typing import Any

from django.http import StreamingHttpResponse
from django.test import RequestFactory

from django_errors._streamed_bodies import bind_while_streaming, prefetch_first_chunk


def test_an_async_streamed_body_is_not_prefetched() -> None:
    made: list[int] = []

    async def chunks() -> Any:
        made.append(1)
        yield b"chunk\n"

    response = StreamingHttpResponse(chunks())
    iterator = response._iterator  # type: ignore[attr-defined]

    prefetch_first_chunk(response)

    assert response._iterator is iterator  # type: ignore[attr-defined]
    assert made == []


class _NoAclose:
    """An async iterator with no ``aclose()``, as a hand-written class may be."""

    def __init__(self) -> None:
        self.sent = False

    def __aiter__(self) -> _NoAclose:
        return self

    async def __anext__(self) -> bytes:
        if self.sent:
            raise StopAsyncIteration
        self.sent = True
        return b"chunk\n"


def test_an_async_body_without_aclose_closed_before_it_started_is_closed() -> None:
    request = RequestFactory().get("/")
    request.request_id = "req_01ARZ3NDEKTSV4RRFFQ69G5FAW"  # type: ignore[attr-defined]
    raw = _NoAclose()
    response = StreamingHttpResponse(raw)
    bind_while_streaming(request, response)
    bound = response._iterator  # type: ignore[attr-defined]
    assert bound.ag_frame is not None  # made, not started

    response.close()  # outside an event loop: closed in one of its own

    assert bound.ag_frame is None  # the bound generator is closed
    assert raw.sent is False
