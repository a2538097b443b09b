"""The Django middleware: every error leaving Django is the error-core envelope."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import AsyncIterable
from typing import Any, Awaitable, Callable, Union

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings as django_settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import got_request_exception
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.http.multipartparser import MultiPartParserError

from error_core import APIError, InternalError, RateLimited
from error_core import _request_id as ids
from error_core._cors import outgoing_headers
from error_core._envelope import Rendered, render_fallback
from error_core._error_response import error_response
from error_core._lifecycle import start_request
from error_core._log import ExcInfo, install_record_factory, printable
from error_core._malformed_requests import malformed_request
from error_core._retry_after import retry_after_seconds
from error_core._statuses import from_status
from error_core._streaming import bound_async_iterator, bound_iterator

from ._conf import get_settings
from ._default_not_found import use_envelope_for_unknown_urls
from ._logging import DJANGO_REQUEST_LOGGER, join_request_id_tools, traceback_logged_elsewhere

GetResponse = Callable[[HttpRequest], Union[HttpResponseBase, Awaitable[HttpResponseBase]]]

# Django's own exceptions, most specific first, with the status Django gives them
# (except RequestDataTooBig: 413 here, as Flask answers a body over the limit).
_DJANGO_STATUSES: tuple[tuple[type[Exception], int], ...] = (
    (Http404, 404),
    (PermissionDenied, 403),
    (RequestDataTooBig, 413),
    (SuspiciousOperation, 400),
    (BadRequest, 400),
    (MultiPartParserError, 400),
)


class ErrorMiddleware:
    """Sets the request id and turns every error response into the envelope.

    Goes first in ``MIDDLEWARE``. Sync- and async-capable.
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: GetResponse) -> None:
        get_settings()  # an invalid ERRORS_* setting fails at start-up
        install_record_factory()
        join_request_id_tools()
        use_envelope_for_unknown_urls()
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.async_mode:
            return self.__acall__(request)
        token = _start(request)
        try:
            if _malformed(request):
                return envelope_response(request, from_status(400))
            return _finish(request, self.get_response(request))  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - only a BaseException may leave the middleware
            return _escaped(request, exc)
        finally:
            ids.unbind(token)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        token = _start(request)
        try:
            if _malformed(request):
                return envelope_response(request, from_status(400))
            return _finish(request, await self.get_response(request))  # type: ignore[misc]
        except Exception as exc:  # noqa: BLE001 - only a BaseException may leave the middleware
            return _escaped(request, exc)
        finally:
            ids.unbind(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """Answer an exception raised by the view with the envelope."""
        error = known_error(request, exception)
        if error is not None:
            return envelope_response(request, error)
        return unexpected_response(request, exception)


def unexpected_response(request: HttpRequest, exception: Exception) -> HttpResponse | None:
    """The ``internal`` envelope for an unexpected exception, or ``None`` to let it through.

    ``None`` where Django would let it through (``DEBUG_PROPAGATE_EXCEPTIONS``)
    or show its technical page (``DEBUG``, unless
    ``ERRORS_HANDLE_UNEXPECTED_IN_DEBUG``). Otherwise ``got_request_exception``
    is sent and the traceback logged, once each.
    """
    if _propagating():
        return None
    _send_got_request_exception(request, exception)
    if traceback_logged_elsewhere(request, exception):
        return envelope_response(request, InternalError())
    exc_info = (type(exception), exception, exception.__traceback__)
    return envelope_response(request, InternalError(), exc_info)


def _propagating() -> bool:
    """Whether Django lets an unexpected exception through (or shows its debug page)."""
    return bool(
        django_settings.DEBUG_PROPAGATE_EXCEPTIONS
        or (django_settings.DEBUG and not get_settings().handle_unexpected_in_debug)
    )


def _escaped(request: HttpRequest, exception: Exception) -> HttpResponseBase:
    """The answer to a failure that escaped Django's own handling, or ours.

    Django turns every exception from the middleware below into a response,
    unless its error handler (``handler500``...) fails too; the failure then
    reaches us, as one inside this middleware would. Re-raised only where
    Django would let it through.
    """
    if _propagating():
        raise exception
    exc_info = (type(exception), exception, exception.__traceback__)
    try:
        return envelope_response(
            request, known_error(request, exception) or InternalError(), exc_info
        )
    except Exception:  # noqa: BLE001 - the fixed envelope when even that fails
        return fallback_response(request)


def known_error(request: HttpRequest, exception: Exception) -> APIError | None:
    """The error to answer for an exception that is no accident, or ``None``.

    Django's own exceptions (``Http404``, ``PermissionDenied``, ...), django-ratelimit's
    ``Ratelimited`` (429, where Django would say 403) and :class:`APIError`.
    """
    if isinstance(exception, APIError):
        return exception  # the common case first
    if _is_ratelimited(exception):
        # The decorator of django_errors.ratelimit tells the wait; django-ratelimit's cannot.
        return RateLimited(retry_after=retry_after_seconds(getattr(exception, "retry_after", None)))
    for exc_type, status in _DJANGO_STATUSES:
        if isinstance(exception, exc_type):
            if isinstance(exception, SuspiciousOperation):
                _log_security(request, exception, status)
            return from_status(status)
    return None


def _is_ratelimited(exception: Exception) -> bool:
    """Whether ``exception`` is django-ratelimit's ``Ratelimited`` (a ``PermissionDenied``).

    Looked up without importing django-ratelimit: an instance of its class
    exists only once the application has imported it.
    """
    module = sys.modules.get("django_ratelimit.exceptions")
    ratelimited = getattr(module, "Ratelimited", None)
    return isinstance(ratelimited, type) and isinstance(exception, ratelimited)


def _start(request: HttpRequest) -> Any:
    # request.headers is built from META on first use: only when an id is trusted.
    request_id, token = start_request(get_settings(), lambda name: request.headers.get(name))
    request.request_id = request_id  # type: ignore[attr-defined]
    return token


def _malformed(request: HttpRequest) -> bool:
    """A request Django or Flask would answer with a 500: both adapters say 400."""
    # Under ASGI the query string is text already (Django refused it if not UTF-8).
    return malformed_request(
        request.META.get("CONTENT_LENGTH"),
        request.META.get("QUERY_STRING", ""),
        decoded=not isinstance(request, WSGIRequest),
    )


def _finish(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    if (
        response.status_code >= 400
        and not getattr(response, "_error_core", False)
        and _rendered_by_django(request, response)
    ):
        response = envelope_response(request, _error_for_response(request, response))
    request_id: str = request.request_id  # type: ignore[attr-defined]
    headers = response.headers
    for name, value in outgoing_headers(
        get_settings(), request_id, headers.__contains__, headers.get
    ):
        response[name] = value
    if isinstance(response, StreamingHttpResponse) and not isinstance(response, FileResponse):
        _bind_while_streaming(request, response)
    # Answered: dropped, as it closes a cycle (request -> exception -> traceback
    # -> frames -> request) that only the cyclic garbage collector would free.
    request.__dict__.pop("_error_core_exception", None)
    return response


def _bind_while_streaming(request: HttpRequest, response: StreamingHttpResponse) -> None:
    """Produce the streamed body with the id bound; log a failure with it."""
    method, path = request.method or "", request.path
    request_id: str = request.request_id  # type: ignore[attr-defined]
    content = response.streaming_content
    if isinstance(content, AsyncIterable):
        response.streaming_content = bound_async_iterator(
            content, request_id, method=method, path=path
        )
    else:
        response.streaming_content = bound_iterator(content, request_id, method=method, path=path)


def _rendered_by_django(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether an error response is one of Django's pages rather than the app's own."""
    if response.streaming:
        return False
    raised = getattr(request, "_error_core_exception", None)
    if (
        response.status_code >= 500
        and django_settings.DEBUG
        # An APIError is no accident: it is answered as chosen, even in DEBUG.
        and not isinstance(raised, APIError)
        and not get_settings().handle_unexpected_in_debug
    ):
        return False  # Django's technical 500 page
    return (
        response.get("Content-Type", "").startswith("text/html")
        # Django's handlers log the responses they make from exceptions.
        or getattr(response, "_has_been_logged", False)
        or raised is not None
    )


def _error_for_response(request: HttpRequest, response: HttpResponseBase) -> APIError:
    raised = getattr(request, "_error_core_exception", None)
    if isinstance(raised, APIError):
        return raised
    status = response.status_code
    if status == 400 and _body_too_big(request):
        status = 413
    return from_status(status, None, response.items())


def _body_too_big(request: HttpRequest) -> bool:
    """Whether Django's 400 answers a RequestDataTooBig raised outside the view.

    Django leaves empty POST and FILES behind after the failed read; a body
    over the limit that was never read (DisallowedHost) or was read fine (file
    uploads) keeps its 400.
    """
    limit = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    length = int(request.META.get("CONTENT_LENGTH") or 0)  # digits: see _malformed
    return limit is not None and length > limit and not getattr(request, "_files", True)


def envelope_response(
    request: HttpRequest, error: APIError, exc_info: ExcInfo = None
) -> HttpResponse:
    """The envelope of ``error`` as a Django response, logged once on ``error_core``."""
    request_id = getattr(request, "request_id", None) or ids.new_request_id()
    rendered = error_response(
        error,
        request_id=request_id,
        method=request.method or "",
        path=request.path,
        settings=get_settings(),
        exc_info=exc_info,
        log_fallback=DJANGO_REQUEST_LOGGER,
    )
    return _send(request, rendered)


def fallback_response(request: HttpRequest) -> HttpResponse:
    """The fixed ``internal`` envelope, with the request's id when it has one."""
    settings = get_settings()
    request_id = getattr(request, "request_id", None) or ids.new_request_id()
    return _send(request, render_fallback(request_id, request_id_header=settings.request_id_header))


def _send(request: HttpRequest, rendered: Rendered) -> HttpResponse:
    """``rendered`` as a Django response (headers only, for HEAD)."""
    # Given to the constructor: Django then sets no default Content-Type first.
    headers = dict(rendered.headers)
    headers["Content-Length"] = str(len(rendered.body))
    body = b"" if request.method == "HEAD" else rendered.body
    response = HttpResponse(body, status=rendered.status, headers=headers)
    response._error_core = True  # type: ignore[attr-defined]
    response._has_been_logged = True  # type: ignore[attr-defined]  # logged by error_core
    return response


def _log_security(request: HttpRequest, exception: Exception, status: int) -> None:
    """What Django logs for a SuspiciousOperation it handles itself, escaped."""
    # A failing handler or filter must not turn the 400 into a 500.
    with contextlib.suppress(Exception):
        logging.getLogger(f"django.security.{type(exception).__name__}").error(
            printable(str(exception)),
            exc_info=exception,
            extra={"status_code": status, "request": request},
        )


def _send_got_request_exception(request: HttpRequest, exception: Exception) -> None:
    # Receivers (the test client, Sentry) read sys.exc_info().
    if sys.exc_info()[1] is exception:
        got_request_exception.send(sender=None, request=request)
        return
    try:
        raise exception
    except type(exception):
        got_request_exception.send(sender=None, request=request)


def _remember_exception(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Keep the exception Django handled outside the view, to answer with it."""
    raised = sys.exc_info()[1]
    if request is not None and raised is not None:
        request._error_core_exception = raised  # type: ignore[attr-defined]


got_request_exception.connect(_remember_exception, dispatch_uid="django_errors.remember")
