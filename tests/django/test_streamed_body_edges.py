"""Streamed bodies the middleware leaves as they are, or closes without their own ``aclose``."""

from __future__ import annotations

from typing import Any

from django.http import StreamingHttpResponse

from django_errors._streamed_bodies import _AsyncBody, prefetch_first_chunk


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
    raw = _NoAclose()
    body = _AsyncBody(raw, "req_01ARZ3NDEKTSV4RRFFQ69G5FAW", method="GET", path="/")
    bound = aiter(body)
    assert bound.ag_frame is not None  # type: ignore[attr-defined]  # made, not started

    body.close()  # outside an event loop, as Django's response closes it

    assert bound.ag_frame is None  # type: ignore[attr-defined]
    assert raw.sent is False
