"""Plain Django views behind django-ratelimit, mounted under ``/t/ratelimit/``."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path
from django_ratelimit.decorators import ratelimit

from django_errors import ratelimit as errors_ratelimit


@ratelimit(key="ip", rate="1/m")
def library(request: HttpRequest) -> JsonResponse:
    """django-ratelimit's own decorator: 429, but the wait is unknown."""
    return JsonResponse({"ok": True})


@errors_ratelimit.ratelimit(key="ip", rate="1/m")
def with_wait(request: HttpRequest) -> JsonResponse:
    """django_errors.ratelimit's decorator: 429 with Retry-After."""
    return JsonResponse({"ok": True})


@errors_ratelimit.ratelimit(key="ip", rate="1/m", block=False)
def not_blocking(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"limited": request.limited})  # type: ignore[attr-defined]


@errors_ratelimit.ratelimit(key="ip", rate="1/m", method="POST")
def posts_only(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"limited": request.limited})  # type: ignore[attr-defined]


urlpatterns: list[URLPattern] = [
    path("library", library),
    path("with-wait", with_wait),
    path("not-blocking", not_blocking),
    path("posts-only", posts_only),
]
