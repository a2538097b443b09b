"""The envelope as a Django response, logged once on ``error_core``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from error_core import APIError
from error_core import _request_id as ids
from error_core._envelope import Rendered, render_fallback
from error_core._error_response import error_response
from error_core._log import ExcInfo

from ._conf import get_settings
from ._logging import DJANGO_REQUEST_LOGGER


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
    sent = rendered.for_method(request.method or "")
    # Given to the constructor: Django then sets no default Content-Type first.
    response = HttpResponse(sent.body, status=sent.status, headers=dict(sent.headers))
    response._error_core = True  # type: ignore[attr-defined]
    response._has_been_logged = True  # type: ignore[attr-defined]  # logged by error_core
    return response
