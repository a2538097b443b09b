"""Django REST framework: ``REST_FRAMEWORK["EXCEPTION_HANDLER"]`` for the envelope.

REST_FRAMEWORK = {"EXCEPTION_HANDLER": "django_errors.rest_framework.exception_handler"}
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from error_core import APIError
from error_core._log import ExcInfo
from error_core._messages import field_errors_message
from error_core._retry_after import retry_after_seconds
from error_core._statuses import from_status, normalize_allow

from ._drf_composition import (
    application_error,
    call_application_handler,
    is_envelope,
    passed_through,
)
from ._drf_details import safe_details
from ._envelope_response import envelope_response
from ._known_errors import known_error
from ._unexpected import unexpected_response

# DRF writes these texts from the request (the parser's complaint, the method,
# the media type, the Accept header, the wait): the same failures on plain
# Django and Flask say the code's default message, and so does the envelope.
_COMPOSED_BY_DRF = (
    exceptions.ParseError,
    exceptions.MethodNotAllowed,
    exceptions.NotAcceptable,
    exceptions.UnsupportedMediaType,
    exceptions.Throttled,
)
# SessionAuthentication's CSRF failure names the request's Origin or Referer.
_CSRF_FAILED = "CSRF Failed: "


def exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponseBase | None:
    """The envelope for every DRF ``APIException``, Django error and :class:`APIError`.

    An unexpected exception is answered as ``ErrorMiddleware`` answers one
    (500 ``internal``, logged once, ``got_request_exception`` sent once);
    ``None`` where Django would let it through (``DEBUG``,
    ``DEBUG_PROPAGATE_EXCEPTIONS``): DRF then re-raises it. The handler
    ``ERRORS_DRF_EXCEPTION_HANDLER`` names is asked first (see the docs).
    """
    request = context["request"]
    django_request: HttpRequest = getattr(request, "_request", request)
    if isinstance(exc, exceptions.APIException) and not 400 <= exc.status_code <= 599:
        return call_application_handler(exc, context) or drf_exception_handler(exc, context)
    view = context.get("view")
    error = _known_error(django_request, exc, view)
    exc_info: ExcInfo = None
    answered = call_application_handler(exc, context)
    if answered is not None:
        if is_envelope(answered) or answered.status_code < 400:
            return answered
        if not passed_through(answered, exc, error):
            error = application_error(answered)
            if error.status >= 500:
                exc_info = (type(exc), exc, exc.__traceback__)
    if error is not None:
        response: HttpResponse | None = envelope_response(django_request, error, exc_info)
    else:
        response = unexpected_response(django_request, exc)
        if response is None:
            return None
    set_rollback()
    if view is not None:
        # DRF's finalize_response copies the view's headers (Allow, Vary) onto
        # every response; the envelope's headers are its own.
        view.headers = {}
    return response


def _known_error(request: HttpRequest, exc: Exception, view: object) -> APIError | None:
    """error-core's own answer to ``exc``, or ``None`` for an unexpected exception."""
    if isinstance(exc, exceptions.APIException):
        return _drf_error(exc, view)
    return known_error(request, exc)


def _drf_error(exc: exceptions.APIException, view: object = None) -> APIError:
    """The error-core error for a DRF exception raised in ``view``."""
    status = exc.status_code
    if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        # 401 even when no authenticator has a challenge, where DRF says 403:
        # the client must tell "who are you?" from "you may not" (README).
        status = 401
    return from_status(status, _message(exc), _headers(exc, view))


def _headers(exc: exceptions.APIException, view: object) -> list[tuple[str, str]]:
    """The headers DRF's own handler sends (and ``Allow``, which DRF adds later)."""
    headers = []
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        headers.append(("WWW-Authenticate", str(auth_header)))
    retry_after = retry_after_seconds(getattr(exc, "wait", None))
    if retry_after is not None:
        headers.append(("Retry-After", str(retry_after)))
    if isinstance(exc, exceptions.MethodNotAllowed):
        allowed = getattr(view, "allowed_methods", None)  # a property: computed each time
        if allowed:
            headers.append(("Allow", normalize_allow(allowed)))
    return headers


def _message(exc: exceptions.APIException) -> str | None:
    """The text the application chose, or ``None`` for the code's default message."""
    if isinstance(exc, _COMPOSED_BY_DRF) or _is_default(exc):
        return None
    detail = exc.detail
    if isinstance(exc, exceptions.ValidationError):
        message = field_errors_message(
            safe_details(detail), non_field_key=api_settings.NON_FIELD_ERRORS_KEY
        )
        return message or None
    if not isinstance(detail, str) or detail.startswith(_CSRF_FAILED):
        return None  # a dict or list of details: no one line says it
    return str(detail)


def _is_default(exc: exceptions.APIException) -> bool:
    """Whether the detail is DRF's own default text for the exception's class.

    An application's subclass with its own ``default_detail`` chose that text.
    """
    detail = exc.detail
    if isinstance(detail, list) and len(detail) == 1:
        detail = detail[0]  # ValidationError keeps even one message in a list
    return isinstance(detail, str) and str(detail) == _default_detail(type(exc))


# Exception class -> DRF's default_detail for it, kept lazy: str() reads it in
# the language active for the request.
_DEFAULT_DETAILS: dict[type[exceptions.APIException], object] = {}


def _default_detail(cls: type[exceptions.APIException]) -> str:
    default = _DEFAULT_DETAILS.get(cls)
    if default is None:
        default = next(
            getattr(klass, "default_detail", None)
            for klass in cls.__mro__
            if klass.__module__ == exceptions.__name__
        )
        _DEFAULT_DETAILS[cls] = default
    return str(default)
