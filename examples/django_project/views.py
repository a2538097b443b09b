"""Views of the example Django project, one per scenario class."""

from __future__ import annotations

import asyncio
import json
from typing import Callable

from django.core.exceptions import BadRequest, PermissionDenied as DjangoPermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseGone,
    HttpResponseServerError,
    JsonResponse,
)
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from error_core import (
    APIError,
    AuthenticationError,
    Conflict,
    InternalError,
    InvalidRequest,
    NotFound,
    PermissionDenied,
    RateLimited,
    current_request_id,
)

from ..errors import QUOTES_MESSAGE, SECRET, UNICODE_MESSAGE, CardDeclined


def ok(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True, "request_id": current_request_id()})


def echo(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {"marker": request.GET.get("marker", ""), "request_id": current_request_id()}
    )


RAISING: dict[str, Callable[[], Exception]] = {
    "invalid": lambda: InvalidRequest("The `name` field is required."),
    "authentication": lambda: AuthenticationError(),
    "permission": lambda: PermissionDenied(),
    "not-found": lambda: NotFound("Widget wid_123 does not exist."),
    "conflict": lambda: Conflict("Widget wid_123 was changed by another request."),
    "rate-limited": lambda: RateLimited(),
    "rate-limited-custom": lambda: RateLimited("Slow down.", retry_after=7),
    "internal": lambda: InternalError("Payments are down; try again in a minute."),
    "quotes": lambda: InvalidRequest(QUOTES_MESSAGE),
    "unicode": lambda: InvalidRequest(UNICODE_MESSAGE),
    "card-declined": lambda: CardDeclined(),
    "ad-hoc-code": lambda: APIError("Quota exceeded.", code="quota_exceeded", status=403),
    "unexpected": lambda: RuntimeError(SECRET),
}


def errors(request: HttpRequest, name: str) -> HttpResponse:
    if name not in RAISING:
        raise Http404(name)
    raise RAISING[name]()


def framework(request: HttpRequest, status: int) -> HttpResponse:
    """What Django itself raises or renders for each status."""
    if status == 400:
        raise BadRequest("Django's own 400")
    if status == 403:
        raise DjangoPermissionDenied("Django's own 403")
    if status == 404:
        raise Http404("Django's own 404")
    if status == 410:
        return HttpResponseGone()
    if status == 500:
        return HttpResponseServerError()
    response = HttpResponse(status=status)  # a bare HTML response, as Django makes
    if status == 503:
        response["Retry-After"] = "120"
    return response


class ItemsView(View):
    """GET lists, POST creates: every other method is 405 with ``Allow``."""

    def get(self, request: HttpRequest) -> JsonResponse:
        return JsonResponse({"items": []})

    def post(self, request: HttpRequest) -> JsonResponse:
        try:
            data = json.loads(request.body)
        except ValueError:
            raise InvalidRequest() from None
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise InvalidRequest("The `name` field is required.")
        return JsonResponse({"name": data["name"]}, status=201)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "OPTIONS", "POST"])
def methods(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"method": request.method})


@csrf_exempt
@require_http_methods(["POST"])
def upload(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"size": len(request.body)})


@require_http_methods(["POST"])
def csrf_protected(request: HttpRequest) -> JsonResponse:
    """Not CSRF-exempt: a POST without a token is Django's CSRF failure."""
    return JsonResponse({"size": len(request.POST)})


def app_json_error(request: HttpRequest) -> JsonResponse:
    """An error response the application built itself: passed through untouched."""
    return JsonResponse({"error": "teapot"}, status=418)


async def async_ok(request: HttpRequest) -> JsonResponse:
    await asyncio.sleep(0)
    return JsonResponse({"ok": True, "request_id": current_request_id()})


async def async_not_found(request: HttpRequest) -> JsonResponse:
    await asyncio.sleep(0)
    raise NotFound("Widget wid_123 does not exist.")


async def async_unexpected(request: HttpRequest) -> JsonResponse:
    await asyncio.sleep(0)
    raise RuntimeError(SECRET)


