"""Streamed bodies: produced with the request id bound, failures logged with it.

A streamed body is produced by the server after the view has returned and
the adapter has unbound the id. Once the headers are sent no envelope can
follow: the failure is logged with the request id and re-raised, so that the
server cuts the connection and the client never takes a truncated body for a
complete one.
"""

from __future__ import annotations

from contextvars import Token
from types import TracebackType
from typing import AsyncIterable, AsyncIterator, Iterable, Iterator, TypeVar

from . import _request_id as ids
from ._log import log_stream_failure

Chunk = TypeVar("Chunk")


def _exc_info(exc: Exception) -> tuple[type[Exception], Exception, TracebackType | None]:
    return type(exc), exc, exc.__traceback__


def _unbind_unless_ended(token: Token[str | None], request_id: str) -> None:
    # The request itself may end inside a chunk (Flask's stream_with_context
    # tears the request down when its generator finishes) and unbind the id
    # first: then going back to the id from before this chunk would revive it.
    if ids.current_request_id() == request_id:
        ids.unbind(token)


def bound_iterator(
    body: Iterable[Chunk], request_id: str, *, method: str, path: str
) -> Iterator[Chunk]:
    """``body``, each chunk made with ``request_id`` current."""
    iterator = iter(body)
    try:
        while True:
            token = ids.bind(request_id)
            try:
                chunk = next(iterator)
            except StopIteration:
                return
            except Exception as exc:
                log_stream_failure(method, path, request_id, exc_info=_exc_info(exc))
                raise
            finally:
                _unbind_unless_ended(token, request_id)
            yield chunk
    finally:
        # WSGI: close() belongs to the body the view returned.
        close = getattr(body, "close", None) or getattr(iterator, "close", None)
        if close is not None:
            close()


async def bound_async_iterator(
    body: AsyncIterable[Chunk], request_id: str, *, method: str, path: str
) -> AsyncIterator[Chunk]:
    """``body``, each chunk made with ``request_id`` current (async)."""
    iterator = aiter(body)
    try:
        while True:
            token = ids.bind(request_id)
            try:
                chunk = await anext(iterator)
            except StopAsyncIteration:
                return
            except Exception as exc:
                log_stream_failure(method, path, request_id, exc_info=_exc_info(exc))
                raise
            finally:
                _unbind_unless_ended(token, request_id)
            yield chunk
    finally:
        aclose = getattr(body, "aclose", None) or getattr(iterator, "aclose", None)
        if aclose is not None:
            await aclose()
