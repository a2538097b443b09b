from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator

import pytest

from error_core import current_request_id
from error_core._request_id import bind, unbind
from error_core._streaming import bound_async_iterator, bound_iterator

RID = "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"


class Body:
    """A streamed body that records the id current at each chunk and whether it was closed."""

    def __init__(self, chunks: int, fail_at: int | None = None) -> None:
        self.chunks = chunks
        self.fail_at = fail_at
        self.closed = False

    def __iter__(self) -> Iterator[str | None]:
        for number in range(self.chunks):
            if number == self.fail_at:
                raise RuntimeError("the stream broke")
            yield current_request_id()

    def close(self) -> None:
        self.closed = True


def test_each_chunk_is_made_with_the_request_id_and_nothing_stays_bound() -> None:
    seen = []
    for chunk in bound_iterator(Body(3), RID, method="GET", path="/stream"):
        seen.append(chunk)
        assert current_request_id() is None

    assert seen == [RID, RID, RID]


def test_a_failure_is_logged_once_with_the_id_and_re_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR, logger="error_core")
    chunks = bound_iterator(Body(3, fail_at=1), RID, method="GET", path="/stream\n")

    assert next(chunks) == RID
    with pytest.raises(RuntimeError, match="the stream broke"):
        next(chunks)

    [record] = caplog.records
    assert record.getMessage() == (
        f"GET /stream\\x0a -> stream failed after the headers were sent (request_id={RID})"
    )
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    assert current_request_id() is None


def test_closing_the_wrapper_closes_the_body() -> None:
    body = Body(3)
    chunks = bound_iterator(body, RID, method="GET", path="/")
    next(chunks)

    chunks.close()  # what a WSGI server does with a body it stops reading

    assert body.closed


async def _async_body(chunks: int, fail_at: int | None = None) -> AsyncIterator[str | None]:
    for number in range(chunks):
        await asyncio.sleep(0)
        if number == fail_at:
            raise RuntimeError("the stream broke")
        yield current_request_id()


def test_async_chunks_are_made_with_the_request_id() -> None:
    async def consume() -> list[str | None]:
        seen = []
        async for chunk in bound_async_iterator(_async_body(2), RID, method="GET", path="/"):
            seen.append(chunk)
            assert current_request_id() is None
        return seen

    assert asyncio.run(consume()) == [RID, RID]


def test_an_async_failure_is_logged_with_the_id_and_re_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR, logger="error_core")

    async def consume() -> list[str | None]:
        return [
            c async for c in bound_async_iterator(_async_body(3, 1), RID, method="GET", path="/")
        ]

    with pytest.raises(RuntimeError, match="the stream broke"):
        asyncio.run(consume())

    [record] = caplog.records
    assert f"request_id={RID}" in record.getMessage()
    assert record.exc_info is not None


def test_closing_the_async_wrapper_closes_the_body() -> None:
    closed = []

    async def body() -> AsyncIterator[bytes]:
        try:
            yield b"a"
            yield b"b"
        finally:
            closed.append(True)

    async def consume_one() -> None:
        chunks = bound_async_iterator(body(), RID, method="GET", path="/")
        assert await anext(chunks) == b"a"
        await chunks.aclose()

    asyncio.run(consume_one())
    assert closed == [True]


def test_a_body_without_close_is_fine() -> None:
    assert list(bound_iterator(iter([b"a", b"b"]), RID, method="GET", path="/")) == [b"a", b"b"]


def test_a_request_that_ends_inside_a_chunk_stays_ended() -> None:
    """Flask's stream_with_context tears the request down when its generator ends."""
    request_token = bind(RID)

    def body() -> Iterator[bytes]:
        yield b"last chunk"
        unbind(request_token)  # the request's teardown, run by the body itself

    assert list(bound_iterator(body(), RID, method="GET", path="/")) == [b"last chunk"]
    assert current_request_id() is None
