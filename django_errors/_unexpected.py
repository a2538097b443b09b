"""Unexpected exceptions: Django's reporting kept, the ``internal`` envelope answered."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings as django_settings
from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from error_core import InternalError
from error_core._debug_propagation import unexpected_propagates

from ._conf import get_settings
from ._envelope_response import envelope_response, fallback_response
from ._known_errors import known_error
from ._logging import traceback_logged_elsewhere


def view_exception_response(request: HttpRequest, exception: Exception) -> HttpResponse | None:
    """The envelope for an exception from the view, or ``None`` where Django lets it through."""
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
    if propagating():
        return None
    _send_got_request_exception(request, exception)
    if traceback_logged_elsewhere(request, exception):
        return envelope_response(request, InternalError())
    exc_info = (type(exception), exception, exception.__traceback__)
    return envelope_response(request, InternalError(), exc_info)


def propagating() -> bool:
    """Whether Django lets an unexpected exception through (or shows its debug page)."""
    return unexpected_propagates(
        debug=django_settings.DEBUG,
        handle_unexpected_in_debug=get_settings().handle_unexpected_in_debug,
        always=django_settings.DEBUG_PROPAGATE_EXCEPTIONS,
    )


def escaped_response(request: HttpRequest, exception: BaseException) -> HttpResponseBase:
    """The answer to a failure that escaped Django's own handling, or ours.

    Django turns every ``Exception`` from the middleware below into a response,
    unless its error handler (``handler500``...) fails too; the failure then
    reaches us, as one inside this middleware would. A ``BaseException``
    Django does not catch at all: for it ``got_request_exception`` is sent
    here. Re-raised only where Django would let it through.
    """
    if propagating():
        raise exception
    if not isinstance(exception, Exception):
        _send_got_request_exception(request, exception)
    exc_info = (type(exception), exception, exception.__traceback__)
    try:
        return envelope_response(
            request, known_error(request, exception) or InternalError(), exc_info
        )
    except Exception:  # noqa: BLE001 - the fixed envelope when even that fails
        return fallback_response(request)


def _send_got_request_exception(request: HttpRequest, exception: BaseException) -> None:
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


def connect_receivers() -> None:
    """Listen to ``got_request_exception`` (once, however often it is called)."""
    got_request_exception.connect(_remember_exception, dispatch_uid="django_errors.remember")
