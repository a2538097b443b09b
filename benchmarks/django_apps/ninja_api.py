"""django-ninja as its docs show it: ``HttpError`` in views, throttling for 429."""

from __future__ import annotations

from typing import Any, NoReturn

from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.throttling import BaseThrottle

from ..scenarios import MESSAGE_400, MESSAGE_404, OK_BODY, RETRY_AFTER


class Exhausted(BaseThrottle):
    """A throttle whose budget is spent: every request waits 30 s."""

    def allow_request(self, request: HttpRequest) -> bool:
        return False

    def wait(self) -> float:
        return RETRY_AFTER


api = NinjaAPI()


@api.get("/ok")
def ok(request: HttpRequest) -> dict[str, Any]:
    return dict(OK_BODY)


@api.get("/not-found")
def not_found(request: HttpRequest) -> NoReturn:
    raise HttpError(404, MESSAGE_404)


@api.get("/invalid")
def invalid(request: HttpRequest) -> NoReturn:
    raise HttpError(400, MESSAGE_400)


@api.get("/crash")
def crash(request: HttpRequest) -> NoReturn:
    raise RuntimeError("boom")


@api.get("/limited", throttle=[Exhausted()])
def limited(request: HttpRequest) -> dict[str, Any]:
    return dict(OK_BODY)


urlpatterns = [path("", api.urls)]
