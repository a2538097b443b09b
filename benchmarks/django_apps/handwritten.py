"""What a user writes instead of installing us: a small JSON error middleware.

``process_exception`` turns the view's exceptions into a ``JsonResponse``
(logging the unexpected ones, since returning a response stops Django from
doing it), ``__call__`` makes a request id and sends it in a header, and a
JSON ``handler404`` answers unknown URLs, which never reach ``process_exception``.
"""

from __future__ import annotations

import logging
import uuid
from typing import Callable, NoReturn

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from ..scenarios import MESSAGE_400, MESSAGE_404, OK_BODY, RETRY_AFTER

logger = logging.getLogger("api.errors")


class ApiError(Exception):
    status = 500
    code = "internal"

    def __init__(self, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class NotFoundError(ApiError):
    status = 404
    code = "not_found"


class InvalidRequestError(ApiError):
    status = 400
    code = "invalid_request"


class RateLimitedError(ApiError):
    status = 429
    code = "rate_limited"


def _error(request: HttpRequest, status: int, code: str, message: str) -> JsonResponse:
    request_id = getattr(request, "request_id", "")
    return JsonResponse({"code": code, "message": message, "request_id": request_id}, status=status)


class JsonErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = uuid.uuid4().hex  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["Request-Id"] = request.request_id  # type: ignore[attr-defined]
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> JsonResponse:
        if isinstance(exception, ApiError):
            response = _error(request, exception.status, exception.code, exception.message)
            for name, value in exception.headers.items():
                response[name] = value
            return response
        if isinstance(exception, Http404):
            return _error(request, 404, "not_found", "Not found.")
        logger.exception("Unhandled exception on %s", request.path)
        return _error(request, 500, "internal", "Internal server error.")


def page_not_found(request: HttpRequest, exception: Exception) -> JsonResponse:
    return _error(request, 404, "not_found", "Not found.")


handler404 = page_not_found


def ok(request: HttpRequest) -> JsonResponse:
    return JsonResponse(OK_BODY)


def not_found(request: HttpRequest) -> NoReturn:
    raise NotFoundError(MESSAGE_404)


def invalid(request: HttpRequest) -> NoReturn:
    raise InvalidRequestError(MESSAGE_400)


def crash(request: HttpRequest) -> NoReturn:
    raise RuntimeError("boom")


def limited(request: HttpRequest) -> NoReturn:
    raise RateLimitedError("Too many requests.", {"Retry-After": str(RETRY_AFTER)})


urlpatterns = [
    path("ok", ok),
    path("not-found", not_found),
    path("invalid", invalid),
    path("crash", crash),
    path("limited", limited),
]
