"""URLs, error handlers and middleware that break on request, for the fault tests.

``ROOT_URLCONF = "tests.django.faults"``: the test URLs plus ``handler500``
and ``handler404`` that raise when ``BROKEN`` says so; ``BreakingMiddleware``
(after ``ErrorMiddleware``) returns ``None`` or fails in ``process_response``
when the request's ``X-Break`` header asks for it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.deprecation import MiddlewareMixin
from django.views import defaults

from tests.apps.errors import SECRET

from .urls import urlpatterns

PATH = "tests.django.faults.BreakingMiddleware"
HEADER = "X-Break"
BROKEN: set[str] = set()  # the handlers that raise: "500", "404"

__all__ = ["urlpatterns"]


def handler500(request: HttpRequest) -> HttpResponse:
    if "500" in BROKEN:
        raise RuntimeError(f"handler500: {SECRET}")
    return defaults.server_error(request)


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if "404" in BROKEN:
        raise RuntimeError(f"handler404: {SECRET}")
    return defaults.page_not_found(request, exception)


class BreakingMiddleware(MiddlewareMixin):
    """Breaks the way the request's ``X-Break`` header names."""

    def process_request(self, request: HttpRequest) -> Any:
        if request.headers.get(HEADER) == "raise":
            raise RuntimeError(SECRET)
        return None

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> Any:
        failure = request.headers.get(HEADER)
        if failure == "process-response":
            raise RuntimeError(SECRET)
        if failure == "none":
            return None
        return response
