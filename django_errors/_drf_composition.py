"""The application's own DRF exception handler, composed with error-core's.

``ERRORS_DRF_EXCEPTION_HANDLER`` names the handler the application had in
``REST_FRAMEWORK["EXCEPTION_HANDLER"]``; error-core's handler calls it first.
What it answers decides whether and with which status the request fails;
error-core writes the envelope.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable, Optional

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseBase
from django.utils.module_loading import import_string

from error_core import APIError
from error_core._messages import field_errors_message
from error_core._statuses import from_status

from ._drf_details import safe_details

SETTING = "ERRORS_DRF_EXCEPTION_HANDLER"
Handler = Callable[[Exception, dict[str, Any]], Optional[HttpResponseBase]]

# Set in the context given to the application's handler: when that handler
# calls error-core's in turn (or the setting names error-core's own), the
# inner call answers alone instead of calling the application's again.
_DELEGATED = "_error_core_delegated"

_loaded: tuple[object, Handler | None] = (None, None)


def application_handler() -> Handler | None:
    """The handler ``ERRORS_DRF_EXCEPTION_HANDLER`` names, or ``None``.

    Raises :class:`ImproperlyConfigured` when it cannot be imported or is not
    callable (the system check ``django_errors.E101`` reports it at start-up).
    """
    global _loaded
    value = getattr(settings, SETTING, None)
    if value is not _loaded[0]:
        _loaded = (value, load_handler(value))
    return _loaded[1]


def load_handler(value: object) -> Handler | None:
    """The callable that ``value`` (a dotted path, a callable or ``None``) names."""
    if value is None:
        return None
    handler = value
    if isinstance(value, str):
        try:
            handler = import_string(value)
        except ImportError as exc:
            raise ImproperlyConfigured(f"{SETTING}: cannot import {value!r}: {exc}") from exc
    if not callable(handler):
        raise ImproperlyConfigured(f"{SETTING}: {value!r} is not callable")
    return handler


def call_application_handler(exc: Exception, context: dict[str, Any]) -> HttpResponseBase | None:
    """What the application's handler answers for ``exc``; ``None`` when it leaves it to us."""
    handler = application_handler()
    if handler is None or context.get(_DELEGATED):
        return None
    return handler(exc, {**context, _DELEGATED: True})


def is_envelope(response: HttpResponseBase) -> bool:
    """Whether ``response`` is error-core's envelope already."""
    return bool(getattr(response, "_error_core", False))


def passed_through(response: HttpResponseBase, exc: Exception, ours: APIError | None) -> bool:
    """Whether the application answered ``exc`` with the status DRF or error-core gives it.

    Its handler then passed DRF's default answer on (perhaps with fields
    added): error-core answers as it would alone. Any other status is the
    application's own mapping.
    """
    status = response.status_code
    return ours is not None and status in (ours.status, getattr(exc, "status_code", None))


def application_error(response: HttpResponseBase) -> APIError:
    """The error the application's response says: its status, its text, its headers."""
    data = getattr(response, "data", None)
    return from_status(response.status_code, data_message(data), response.items())


def data_message(data: object) -> str | None:
    """One line from a response's data, or ``None`` for the code's default message.

    ``{"detail": ...}`` (DRF's shape) gives its detail; field errors, as
    DRF's ``ValidationError`` has them, name each field. Bounded as DRF's
    details are (:func:`~._drf_details.safe_details`): the application's
    handler may have put what the client sent there.
    """
    # Imported here: the rest of this module, read by the system check, needs no DRF.
    from rest_framework.settings import api_settings

    if isinstance(data, Mapping) and "detail" in data:
        data = data["detail"]
    message = field_errors_message(
        safe_details(data), non_field_key=api_settings.NON_FIELD_ERRORS_KEY
    )
    return message or None
