"""Streamed bodies produced with the request's id bound, their failures logged with it."""

from __future__ import annotations

from collections.abc import AsyncIterable

from django.http import FileResponse, HttpRequest, HttpResponseBase, StreamingHttpResponse

from error_core._streaming import bound_async_iterator, bound_iterator


def bind_while_streaming(request: HttpRequest, response: HttpResponseBase) -> None:
    """Produce a streamed body with the id bound; log a failure with it."""
    if not isinstance(response, StreamingHttpResponse) or isinstance(response, FileResponse):
        return
    method, path = request.method or "", request.path
    request_id: str = request.request_id  # type: ignore[attr-defined]
    content = response.streaming_content
    if isinstance(content, AsyncIterable):
        response.streaming_content = bound_async_iterator(
            content, request_id, method=method, path=path
        )
    else:
        response.streaming_content = bound_iterator(content, request_id, method=method, path=path)
