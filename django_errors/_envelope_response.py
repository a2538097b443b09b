"""The envelope as a Django response, logged once on ``error_core``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from error_core import APIError
from error_core import _request_id as ids
from error_core._envelope import Rendered, render, render_fallback
from error_core._error_response import error_response, log_response
from error_core._log import ExcInfo

from ._conf import get_settings
from ._logging import django_request_logger


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
        log_fallback=django_request_logger,
    )
    return _send(request, rendered)


# The envelope of a response logged as it leaves ErrorMiddleware, not as it is made.
_LOG_WHEN_LEAVING = "_error_core_log_when_leaving"


def envelope_logged_when_leaving(request: HttpRequest, error: APIError) -> HttpResponse:
    """The envelope of ``error``, logged by :func:`log_when_leaving` if it leaves as it is.

    For a response another middleware may still replace: ``CommonMiddleware``
    turns a 404 into a redirect to the URL with a ``/`` (``APPEND_SLASH``);
    no 404 is sent then, so none may be logged. The request must have its id
    (``ErrorMiddleware`` is loaded).
    """
    settings = get_settings()
    request_id: str = request.request_id  # type: ignore[attr-defined]
    rendered = render(
        error,
        request_id,
        request_id_header=settings.request_id_header,
        messages=settings.messages,
    )
    response = _send(request, rendered)
    response.__dict__[_LOG_WHEN_LEAVING] = rendered
    return response


def log_when_leaving(request: HttpRequest, response: HttpResponseBase) -> None:
    """Log an :func:`envelope_logged_when_leaving` response, as it leaves ``ErrorMiddleware``."""
    rendered: Rendered | None = response.__dict__.pop(_LOG_WHEN_LEAVING, None)
    if rendered is not None and rendered.status == response.status_code:
        log_response(
            rendered,
            request_id=request.request_id,  # type: ignore[attr-defined]
            method=request.method or "",
            path=request.path,
            log_fallback=django_request_logger,
        )


def fallback_response(request: HttpRequest) -> HttpResponse:
    """The fixed ``internal`` envelope, with the request's id when it has one."""
    settings = get_settings()
    request_id = getattr(request, "request_id", None) or ids.new_request_id()
    return _send(request, render_fallback(request_id, request_id_header=settings.request_id_header))


def _send(request: HttpRequest, rendered: Rendered) -> HttpResponse:
    """``rendered`` as a Django response (headers only, for HEAD)."""
    sent = rendered.for_method(request.method or "")
    # Given to the constructor: Django then sets no default Content-Type first.
    response = HttpResponse(sent.body, status=sent.status, headers=dict(sent.headers))
    response._error_core = True  # type: ignore[attr-defined]
    response._has_been_logged = True  # type: ignore[attr-defined]  # logged by error_core
    return response
