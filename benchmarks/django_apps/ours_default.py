"""Ours, the one-line set-up: only the MIDDLEWARE line, no ``handler404``.

Run with Django's default ``LOGGING`` (the contender's ``default_logging``):
what most projects that add error-core run.
"""

from __future__ import annotations

from typing import NoReturn

from django.http import HttpRequest, JsonResponse
from django.urls import path

from error_core import InvalidRequest, NotFound, RateLimited

from ..scenarios import MESSAGE_400, MESSAGE_404, OK_BODY, RETRY_AFTER


def ok(request: HttpRequest) -> JsonResponse:
    return JsonResponse(OK_BODY)


def not_found(request: HttpRequest) -> NoReturn:
    raise NotFound(MESSAGE_404)


def invalid(request: HttpRequest) -> NoReturn:
    raise InvalidRequest(MESSAGE_400)


def crash(request: HttpRequest) -> NoReturn:
    raise RuntimeError("boom")


def limited(request: HttpRequest) -> NoReturn:
    raise RateLimited(retry_after=RETRY_AFTER)


urlpatterns = [
    path("ok", ok),
    path("not-found", not_found),
    path("invalid", invalid),
    path("crash", crash),
    path("limited", limited),
]
