"""Streamed bodies produced with the request's id bound, their failures logged with it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator
from itertools import chain
from typing import Any, cast

from asgiref.sync import async_to_sync
from django.http import FileResponse, HttpRequest, HttpResponseBase, StreamingHttpResponse

from error_core import _request_id as ids
from error_core._streaming import bound_async_iterator, bound_iterator


def bind_while_streaming(request: HttpRequest, response: HttpResponseBase) -> None:
    """Produce a streamed body with the id bound; log a failure with it."""
    if not _streamed(response):
        return
    method, path = request.method or "", request.path
    request_id: str = request.request_id  # type: ignore[attr-defined]
    content = response.streaming_content  # type: ignore[attr-defined]
    if isinstance(content, AsyncIterable):
        # The view's own iterator: Django's wrapper around it would not close it.
        raw = getattr(response, "_iterator", content)
        response.streaming_content = _AsyncBody(  # type: ignore[attr-defined]
            raw, request_id, method=method, path=path
        )
    else:
        response.streaming_content = bound_iterator(  # type: ignore[attr-defined]
            content, request_id, method=method, path=path
        )


def prefetch_first_chunk(response: HttpResponseBase) -> None:
    """Make the first chunk of a synchronous streamed body now, before anything is sent.

    A WSGI server sends the headers with the first chunk, so making it here
    delays nothing the client sees; and a body that fails before its first
    chunk raises here, where the envelope can still answer, instead of in
    the server, which could only send its own 500. The view's body keeps
    its ``close()``: Django's response calls it.
    """
    if not _streamed(response):
        return
    content = response.streaming_content  # type: ignore[attr-defined]
    if isinstance(content, AsyncIterable):
        return
    iterator = iter(content)
    for first in iterator:
        response.streaming_content = chain((first,), iterator)  # type: ignore[attr-defined]
        return
    response.streaming_content = ()  # type: ignore[attr-defined]


def _streamed(response: HttpResponseBase) -> bool:
    return isinstance(response, StreamingHttpResponse) and not isinstance(response, FileResponse)


_closing: set[asyncio.Task[None]] = set()


class _AsyncBody:
    """An async streamed body made with the id bound, closed with it when the response is.

    When an ASGI client leaves while a chunk is being sent, Django cancels the
    request and closes the response, but no one closes the generators: the
    garbage collector would finalise them later in whatever request's context
    is current, and the view's ``finally:`` would log with that request's id.
    Django calls ``close()`` of a streamed body on the response's close:
    here it closes the generators with this request's id bound.
    """

    def __init__(self, raw: AsyncIterable[Any], request_id: str, *, method: str, path: str) -> None:
        self._raw = raw
        self._request_id = request_id
        bound = bound_async_iterator(raw, request_id, method=method, path=path)
        self._bound = cast("AsyncGenerator[Any, None]", bound)  # an async generator

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._bound

    def close(self) -> None:
        if (
            getattr(self._bound, "ag_frame", None) is None
            and getattr(self._raw, "ag_frame", None) is None
        ):
            return  # both done: the common case, nothing to close
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            async_to_sync(self._aclose)()  # Django's ASGI handler: a worker thread
        else:
            closing = loop.create_task(self._aclose())
            _closing.add(closing)  # kept until done: the loop holds tasks weakly
            closing.add_done_callback(_closing.discard)

    async def _aclose(self) -> None:
        token = ids.bind(self._request_id)
        try:
            await self._bound.aclose()
            aclose = getattr(self._raw, "aclose", None)
            if aclose is not None:
                await aclose()  # never started: the bound iterator could not close it
        finally:
            ids.unbind(token)
