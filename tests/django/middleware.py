"""A middleware that fails on request, placed after ``ErrorMiddleware`` by the tests."""

from __future__ import annotations

from typing import Callable

from django.http import HttpRequest, HttpResponseBase, HttpResponseForbidden

from django_errors.middleware import ErrorMiddleware
from error_core import Conflict, RateLimited
from tests.apps.errors import SECRET

PATH = "tests.django.middleware.FailingMiddleware"
SUBCLASS_PATH = "tests.django.middleware.ProjectErrorMiddleware"
HEADER = "X-Fail"


class FailingMiddleware:
    """Raises (or answers with) what the request's ``X-Fail`` header names."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        failure = request.headers.get(HEADER)
        if failure == "conflict":
            raise Conflict("Changed by another request.")
        if failure == "rate-limited":
            raise RateLimited(retry_after=9)
        if failure == "runtime":
            raise RuntimeError(SECRET)
        if failure == "html-403":
            return HttpResponseForbidden()
        return self.get_response(request)


class ProjectErrorMiddleware(ErrorMiddleware):
    """A project's own subclass of the middleware."""


def middleware_factory(get_response: Callable[[HttpRequest], HttpResponseBase]) -> object:
    """A function-style middleware."""
    return get_response


class SessionAndCookieMiddleware:
    """Touches the session and sets the application's own cookie and header on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.session["seen"] = True
        response = self.get_response(request)
        response.set_cookie("app", "kept", httponly=True)
        if response.get("Content-Type", "").startswith("text/html"):
            response["Content-Language"] = "en"  # describes Django's page: not kept
        return response
