"""Views only the Django tests need, mounted under ``/t/``."""

from __future__ import annotations

import asyncio
import io
import logging
from typing import AsyncIterator, Callable, Iterator

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    BadRequest,
    RequestDataTooBig,
    SuspiciousFileOperation,
    ValidationError,
)
from django.core.exceptions import (
    PermissionDenied as DjangoPermissionDenied,
)
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.http.multipartparser import MultiPartParserError
from django.urls import URLPattern, path
from django.views.decorators.csrf import csrf_exempt

from error_core import Conflict, InvalidRequest, RateLimited, current_request_id
from tests.apps.errors import SECRET


class BrokenHeaders(Conflict):
    """An error whose header hook fails."""

    def headers(self) -> list[tuple[str, str]]:
        raise RuntimeError(SECRET)


class Unprintable:
    def __str__(self) -> str:
        raise RuntimeError(SECRET)


# What a client could make an application put in a ValidationError: a field
# named and a message worded after its input (controls, bidi, no end).
HOSTILE_FIELD = "evil\u202e\r\nfield" * 20
HOSTILE_MESSAGE = "Bad\r\nERROR forged\u202e\x00 " + "x" * 5000

# Each exception carries text that must never reach the client.
RAISING: dict[str, Callable[[], BaseException]] = {
    "http404": lambda: Http404(SECRET),
    "permission-denied": lambda: DjangoPermissionDenied(SECRET),
    "bad-request": lambda: BadRequest(SECRET),
    "suspicious": lambda: SuspiciousFileOperation(SECRET),
    "too-big": lambda: RequestDataTooBig(SECRET),
    "multipart": lambda: MultiPartParserError(SECRET),
    "conflict": lambda: Conflict("Widget wid_123 was changed by another request."),
    "rate-limited": lambda: RateLimited("Slow down.", retry_after=7),
    "runtime": lambda: RuntimeError(SECRET),
    # A header value Django refuses to send: the error cannot be answered as chosen.
    "bad-header": lambda: Conflict(headers={"X-Detail": "line\nbreak"}),
    "suspicious-crlf": lambda: SuspiciousFileOperation("bad name\r\nERROR forged line"),
    "broken-headers": BrokenHeaders,
    "unprintable": lambda: Conflict(Unprintable()),  # type: ignore[arg-type]
    "django-validation": lambda: ValidationError(
        {"email": "Enter a valid email address.", NON_FIELD_ERRORS: "Dates overlap."}
    ),
    "django-validation-plain": lambda: ValidationError("Quantity exceeds the stock."),
    "django-validation-hostile": lambda: ValidationError({HOSTILE_FIELD: HOSTILE_MESSAGE}),
    "keyboard-interrupt": KeyboardInterrupt,
    "system-exit": SystemExit,
    "generator-exit": GeneratorExit,
}


def raising(request: HttpRequest, name: str) -> HttpResponse:
    raise RAISING[name]()


async def async_raising(request: HttpRequest, name: str) -> HttpResponse:
    await asyncio.sleep(0)
    raise RAISING[name]()


def _ids(request: HttpRequest) -> dict[str, str | None]:
    return {
        "request_id": request.request_id,  # type: ignore[attr-defined]
        "current": current_request_id(),
    }


def ids(request: HttpRequest) -> JsonResponse:
    return JsonResponse(_ids(request))


async def async_ids(request: HttpRequest) -> JsonResponse:
    await asyncio.sleep(0)
    return JsonResponse(_ids(request))


def ids_then_error(request: HttpRequest) -> HttpResponse:
    """Reports the ids the view saw in the message of the error it raises."""
    seen = _ids(request)
    raise InvalidRequest(f"{seen['request_id']} {seen['current']}")


# Two concurrent async requests meet here: each waits until the other has
# started, so both are in flight at once, then reports the ids it saw.
rendezvous: dict[str, asyncio.Event] = {}


async def async_meet(request: HttpRequest, name: str, other: str) -> JsonResponse:
    before = current_request_id()
    rendezvous[name].set()
    await rendezvous[other].wait()
    await asyncio.sleep(0)
    return JsonResponse({"before": before, **_ids(request)})


def app_text_400(request: HttpRequest) -> HttpResponse:
    """A plain-text error the application chose to send itself."""
    return HttpResponse("name is required", status=400, content_type="text/plain")


def streaming_error(request: HttpRequest) -> StreamingHttpResponse:
    """A streamed HTML error body: it cannot be rewritten, so it passes untouched."""
    return StreamingHttpResponse(iter([b"<p>", b"partial", b"</p>"]), status=500)


def html_400(request: HttpRequest) -> HttpResponse:
    """An HTML 400 as Django's own handlers make it."""
    return HttpResponse("<h1>Bad Request (400)</h1>", status=400)


@csrf_exempt
def reject_upload(request: HttpRequest) -> HttpResponse:
    """Reads the uploaded file, then refuses it with an HTML 400 of its own making."""
    assert request.FILES.getlist("photo")  # the body was parsed: the file is there
    return HttpResponseBadRequest("<p>Not an image.</p>")


def empty_error(request: HttpRequest) -> HttpResponse:
    """An error with neither body nor Content-Type, as DRF's ``Response(status=...)`` has it."""
    response = HttpResponse(status=409)
    del response["Content-Type"]
    return response


def slashed(request: HttpRequest) -> HttpResponse:
    """A route with a trailing slash: CommonMiddleware redirects ``/t/slashed`` here."""
    return HttpResponse("slashed")


def read_body(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.body)


urlpatterns: list[URLPattern] = [
    path("raise/<str:name>", raising),
    path("async/raise/<str:name>", async_raising),
    path("ids", ids),
    path("async/ids", async_ids),
    path("ids/error", ids_then_error),
    path("async/meet/<str:name>/<str:other>", async_meet),
    path("text-400", app_text_400),
    path("streaming-error", streaming_error),
    path("html-400", html_400),
    path("reject-upload", reject_upload),
    path("read-body", csrf_exempt(read_body)),
    path("empty-error", empty_error),
    path("slashed/", slashed),
]


def _chunks(count: int, fail_at: int | None) -> Iterator[str]:
    for number in range(count):
        if number == fail_at:
            raise RuntimeError("the stream broke")
        yield f"{current_request_id()}\n"


async def _async_chunks(count: int, fail_at: int | None) -> AsyncIterator[str]:
    for number in range(count):
        await asyncio.sleep(0)
        if number == fail_at:
            raise RuntimeError("the stream broke")
        yield f"{current_request_id()}\n"


def _fail_at(request: HttpRequest) -> int | None:
    fail = request.GET.get("fail")
    return None if fail is None else int(fail)


def stream(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(_chunks(3, _fail_at(request)), content_type="text/plain")


async def async_stream(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(_async_chunks(3, _fail_at(request)), content_type="text/plain")


def file(request: HttpRequest) -> FileResponse:
    return FileResponse(io.BytesIO(b"contents"), filename="file.txt")


urlpatterns += [
    path("stream", stream),
    path("async/stream", async_stream),
    path("file", file),
]


def unsendable_header(request: HttpRequest) -> HttpResponse:
    """A header value Django accepts and strict servers (gunicorn) refuse."""
    response = HttpResponse("fine")
    response[request.GET.get("name", "X-Note")] = request.GET.get("value", "a\x01b")
    return response


urlpatterns.append(path("unsendable-header", unsendable_header))


made: list[int] = []  # the chunks counted_stream has made so far


def counted_stream(request: HttpRequest) -> StreamingHttpResponse:
    """Three chunks, each counted in ``made`` when it is made."""

    def chunks() -> Iterator[bytes]:
        for number in range(3):
            made.append(number)
            yield b"chunk\n"

    made.clear()
    return StreamingHttpResponse(chunks(), content_type="text/plain")


def stream_api_error(request: HttpRequest) -> StreamingHttpResponse:
    def chunks() -> Iterator[bytes]:
        raise Conflict("Changed while streaming.")
        yield b""  # a generator

    return StreamingHttpResponse(chunks(), content_type="text/plain")


urlpatterns += [
    path("counted-stream", counted_stream),
    path("stream-api-error", stream_api_error),
]


async def endless_stream(request: HttpRequest) -> StreamingHttpResponse:
    """Chunks until the client leaves; its ``finally`` logs the clean-up."""

    async def chunks() -> AsyncIterator[bytes]:
        try:
            while True:
                await asyncio.sleep(0)
                yield b"chunk\n"
        finally:
            logging.getLogger("tests.stream").warning("stream cleaned up")

    return StreamingHttpResponse(chunks(), content_type="text/plain")


urlpatterns.append(path("async/endless-stream", endless_stream))
