"""Bare Django: views raise Django's exceptions, errors are Django's HTML pages."""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from ..scenarios import MESSAGE_400, MESSAGE_404, OK_BODY, RETRY_AFTER


def ok(request: HttpRequest) -> JsonResponse:
    return JsonResponse(OK_BODY)


def not_found(request: HttpRequest) -> NoReturn:
    raise Http404(MESSAGE_404)


def invalid(request: HttpRequest) -> NoReturn:
    raise BadRequest(MESSAGE_400)


def crash(request: HttpRequest) -> NoReturn:
    raise RuntimeError("boom")


def limited(request: HttpRequest) -> HttpResponse:
    # Django has no exception for 429: a view answers it itself.
    return HttpResponse(
        "<h1>Too Many Requests</h1>", status=429, headers={"Retry-After": str(RETRY_AFTER)}
    )


urlpatterns = [
    path("ok", ok),
    path("not-found", not_found),
    path("invalid", invalid),
    path("crash", crash),
    path("limited", limited),
]
