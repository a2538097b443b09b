"""Views that fail in the ways the end-to-end tests send to every server."""

from __future__ import annotations

import asyncio
from typing import Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from error_core import Conflict

HOP_BY_HOP = [
    ("Transfer-Encoding", "chunked"),
    ("Connection", "close"),
    ("Content-Encoding", "gzip"),
    ("Upgrade", "h2c"),
    ("Trailer", "X-Checksum"),
    ("Keep-Alive", "timeout=5"),
]


class Stop(BaseException):
    """An application's own BaseException."""


def base_exception(request: HttpRequest, kind: str) -> HttpResponse:
    if kind == "gevent-timeout":
        import gevent

        raise gevent.Timeout()
    if kind == "greenlet-exit":
        import greenlet

        raise greenlet.GreenletExit()
    raise Stop("stopped")


async def cancelled_inner(request: HttpRequest) -> HttpResponse:
    """Awaits an inner task that was cancelled: its CancelledError leaks into the view."""
    inner = asyncio.ensure_future(asyncio.sleep(10))
    await asyncio.sleep(0)
    inner.cancel()
    await inner
    return HttpResponse("unreachable")


async def slow(request: HttpRequest) -> HttpResponse:
    """Long enough for the client to leave first."""
    await asyncio.sleep(1.5)
    return HttpResponse("too late")


def hop_by_hop(request: HttpRequest) -> HttpResponse:
    raise Conflict(headers=HOP_BY_HOP)


def unsendable_header(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("fine")
    response["X-Note"] = "a\x01b"
    return response


def stream_fails_first(request: HttpRequest) -> StreamingHttpResponse:
    def chunks() -> Iterator[bytes]:
        raise RuntimeError("the stream failed before its first chunk")
        yield b""  # a generator

    return StreamingHttpResponse(chunks(), content_type="text/plain")


def stream(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse((b"chunk\n" for _ in range(3)), content_type="text/plain")


@csrf_exempt
def read_body(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(len(request.body)))


@csrf_exempt
def read_form(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{len(request.POST)} {len(request.FILES)}")


def ok(request: HttpRequest) -> HttpResponse:
    """What the servers' readiness probe asks for."""
    return HttpResponse("ok")


urlpatterns = [
    path("ok", ok),
    path("base/<str:kind>", base_exception),
    path("async/cancelled-inner", cancelled_inner),
    path("async/slow", slow),
    path("hop-by-hop", hop_by_hop),
    path("unsendable-header", unsendable_header),
    path("stream-fails-first", stream_fails_first),
    path("stream", stream),
    path("read-body", read_body),
    path("read-form", read_form),
]
