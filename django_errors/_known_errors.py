"""Which exceptions are no accident: Django's own, django-ratelimit's and :class:`APIError`."""

from __future__ import annotations

import contextlib
import logging
import sys

from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404, HttpRequest, UnreadablePostError
from django.http.multipartparser import MultiPartParserError

from error_core import APIError, RateLimited
from error_core._library_validation import is_library_validation_error, library_validation_error
from error_core._log_escaping import printable
from error_core._retry_after import retry_after_seconds
from error_core._statuses import from_status
from error_core._webargs_json import webargs_json_error

from ._django_validation import validation_error
from ._json_nesting import too_deep_for_drf_parser

# Django's own exceptions, most specific first, with the status Django gives them
# (except RequestDataTooBig: 413 here, as Flask answers a body over the limit;
# UnreadablePostError: 400 here, a 500 in Django).
_DJANGO_STATUSES: tuple[tuple[type[Exception], int], ...] = (
    (Http404, 404),
    (PermissionDenied, 403),
    (RequestDataTooBig, 413),
    (SuspiciousOperation, 400),
    (BadRequest, 400),
    (MultiPartParserError, 400),
    # The body could not be read: the client broke the connection or its framing
    # (Werkzeug says 400 for the same, as ClientDisconnected).
    (UnreadablePostError, 400),
)


def known_error(request: HttpRequest, exception: BaseException) -> APIError | None:
    """The error to answer for an exception that is no accident, or ``None``.

    Django's own exceptions (``Http404``, ``PermissionDenied``, ...), its
    ``ValidationError`` (``full_clean()`` in a view: 400 naming each field)
    and marshmallow's and pydantic's (the same 400, as on Flask),
    django-ratelimit's ``Ratelimited`` (429, where Django would say 403),
    a body too deeply nested for DRF's ``JSONParser`` or one Python's parser
    fails on inside webargs (400, as their other parse errors) and
    :class:`APIError`.
    """
    if isinstance(exception, APIError):
        return exception  # the common case first
    if isinstance(exception, ValidationError):
        return validation_error(exception)
    if _is_ratelimited(exception):
        # The decorator of django_errors.ratelimit tells the wait; django-ratelimit's cannot.
        return RateLimited(retry_after=retry_after_seconds(getattr(exception, "retry_after", None)))
    for exc_type, status in _DJANGO_STATUSES:
        if isinstance(exception, exc_type):
            if isinstance(exception, SuspiciousOperation):
                _log_security(request, exception, status)
            return from_status(status)
    if is_library_validation_error(exception):  # marshmallow's, pydantic's: as on Flask
        return library_validation_error(exception)
    if too_deep_for_drf_parser(exception):
        return from_status(400)
    return webargs_json_error(exception)


def _is_ratelimited(exception: BaseException) -> bool:
    """Whether ``exception`` is django-ratelimit's ``Ratelimited`` (a ``PermissionDenied``).

    Looked up without importing django-ratelimit: an instance of its class
    exists only once the application has imported it.
    """
    module = sys.modules.get("django_ratelimit.exceptions")
    ratelimited = getattr(module, "Ratelimited", None)
    return isinstance(ratelimited, type) and isinstance(exception, ratelimited)


def _log_security(request: HttpRequest, exception: Exception, status: int) -> None:
    """What Django logs for a SuspiciousOperation it handles itself, escaped."""
    # A failing handler or filter must not turn the 400 into a 500.
    with contextlib.suppress(Exception):
        logging.getLogger(f"django.security.{type(exception).__name__}").error(
            printable(str(exception)),
            exc_info=exception,
            extra={"status_code": status, "request": request},
        )
