"""Views that raise exceptions which are not ``Exception``, mounted under ``/t/base/``."""

from __future__ import annotations

import asyncio

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path


class Stop(BaseException):
    """An application's own BaseException."""


def _base_exception(kind: str) -> BaseException:
    if kind == "gevent-timeout":
        import gevent

        return gevent.Timeout()
    if kind == "greenlet-exit":
        import greenlet

        return greenlet.GreenletExit()
    if kind == "cancelled":
        return asyncio.CancelledError()
    return Stop("stopped")


def raising(request: HttpRequest, kind: str) -> HttpResponse:
    raise _base_exception(kind)


async def async_raising(request: HttpRequest, kind: str) -> HttpResponse:
    raise _base_exception(kind)


async def awaits_cancelled_task(request: HttpRequest) -> HttpResponse:
    """Awaits an inner task that someone else cancelled: its CancelledError leaks."""
    inner = asyncio.ensure_future(asyncio.sleep(10))
    await asyncio.sleep(0)
    inner.cancel()
    await inner
    return HttpResponse("unreachable")


async def slow(request: HttpRequest) -> HttpResponse:
    """Waits long enough for the client to leave."""
    await asyncio.sleep(10)
    return HttpResponse("too late")


urlpatterns: list[URLPattern] = [
    path("raise/<str:kind>", raising),
    path("async/raise/<str:kind>", async_raising),
    path("async/cancelled-inner", awaits_cancelled_task),
    path("async/slow", slow),
]
