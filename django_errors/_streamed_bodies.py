"""Streamed bodies produced with the request's id bound, their failures logged with it."""

from __future__ import annotations

from collections.abc import AsyncIterable
from itertools import chain

from django.http import FileResponse, HttpRequest, HttpResponseBase, StreamingHttpResponse

from error_core._streaming import bound_async_iterator, bound_iterator


def bind_while_streaming(request: HttpRequest, response: HttpResponseBase) -> None:
    """Produce a streamed body with the id bound; log a failure with it."""
    if not _streamed(response):
        return
    method, path = request.method or "", request.path
    request_id: str = request.request_id  # type: ignore[attr-defined]
    content = response.streaming_content  # type: ignore[attr-defined]
    if isinstance(content, AsyncIterable):
        response.streaming_content = bound_async_iterator(  # type: ignore[attr-defined]
            content, request_id, method=method, path=path
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
