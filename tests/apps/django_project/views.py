"""Views of the example Django project, one per scenario class."""

from __future__ import annotations

import asyncio
import json
import os
from typing import AsyncIterator, Callable, Iterator

from django.core.exceptions import BadRequest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseGone,
    HttpResponseServerError,
    JsonResponse,
    StreamingHttpResponse,
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

from ..errors import QUOTES_MESSAGE, SECRET, STREAM_CONFLICT, UNICODE_MESSAGE, CardDeclined
from ..validation import Widget


def ok(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True, "request_id": current_request_id()})


def echo(request: HttpRequest) -> JsonResponse:
    """The marker the client sent and the id the view sees; ``status``: raise instead.

    With ``?status=409`` (any error status) the view raises an :class:`APIError`
    whose message names the marker and the id the view saw, so a client can
    check that an error envelope carries its own request's id.
    """
    marker = request.GET.get("marker", "")
    status = request.GET.get("status")
    if status is not None:
        raise APIError(f"marker={marker} request_id={current_request_id()}", status=int(status))
    return JsonResponse({"marker": marker, "request_id": current_request_id(), "pid": os.getpid()})


async def async_echo(request: HttpRequest) -> JsonResponse:
    await asyncio.sleep(0)
    return echo(request)


def _stream_arguments(request: HttpRequest) -> tuple[int, int | None]:
    fail = request.GET.get("fail")
    return int(request.GET.get("chunks", "3")), None if fail is None else int(fail)


def _stream_failure(request: HttpRequest, number: int) -> Exception:
    """What the body raises before chunk ``number``: ``?conflict=1``, :class:`Conflict`."""
    if "conflict" in request.GET:
        return Conflict(STREAM_CONFLICT)
    return RuntimeError(f"the stream failed before chunk {number}")


def stream(request: HttpRequest) -> StreamingHttpResponse:
    """``?chunks=N`` lines of text; with ``?fail=K`` the body fails before line K.

    With ``?conflict=1`` it fails with :class:`Conflict` rather than an unexpected error.
    """
    chunks, fail = _stream_arguments(request)

    def generate() -> Iterator[bytes]:
        for number in range(chunks):
            if number == fail:
                raise _stream_failure(request, number)
            yield f"chunk {number} {current_request_id()}\n".encode()

    return StreamingHttpResponse(generate(), content_type="text/plain")


async def async_stream(request: HttpRequest) -> StreamingHttpResponse:
    """:func:`stream` with an asynchronous iterator, for ASGI servers."""
    chunks, fail = _stream_arguments(request)

    async def generate() -> AsyncIterator[bytes]:
        for number in range(chunks):
            await asyncio.sleep(0)
            if number == fail:
                raise _stream_failure(request, number)
            yield f"chunk {number} {current_request_id()}\n".encode()

    return StreamingHttpResponse(generate(), content_type="text/plain")


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


@csrf_exempt
def pydantic_widget(request: HttpRequest) -> JsonResponse:
    """A pydantic ValidationError escaping the view: 400, as on Flask."""
    return JsonResponse(Widget.model_validate_json(request.body).model_dump())


def empty_error(request: HttpRequest) -> HttpResponse:
    """An error without a body the application returns: the envelope replaces it."""
    return HttpResponse(status=400)


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
