"""System checks: invalid ``ERRORS_*`` settings and the middleware's position."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from error_core import _settings as core_settings

from ._app_handlers import check_app_handlers
from ._conf import _get, check_id
from ._drf_composition import load_handler
from .middleware import ErrorMiddleware

MIDDLEWARE_PATH = "django_errors.middleware.ErrorMiddleware"


@register(Tags.compatibility)
def check_settings(**kwargs: Any) -> list[CheckMessage]:
    """One error per invalid ``ERRORS_*`` setting (``django_errors.E001``...)."""
    return [
        Error(problem.message, id=check_id(problem.number)) for problem in core_settings.check(_get)
    ]


@register(Tags.compatibility)
def check_middleware_first(**kwargs: Any) -> list[CheckMessage]:
    """``django_errors.W001`` when the middleware is missing or not first."""
    middleware = list(getattr(settings, "MIDDLEWARE", None) or [])
    if middleware and _is_error_middleware(middleware[0]):
        return []
    return [
        Warning(
            f"{MIDDLEWARE_PATH} is not the first entry of MIDDLEWARE, so errors "
            "raised or rendered by the middleware before it leave as HTML.",
            hint=f"Put {MIDDLEWARE_PATH!r} first in MIDDLEWARE.",
            id=check_id(1, kind="W"),
        )
    ]


def _is_error_middleware(path: str) -> bool:
    """``ErrorMiddleware`` itself or a subclass of it."""
    if path == MIDDLEWARE_PATH:
        return True
    try:
        middleware = import_string(path)
    except ImportError:
        return False  # Django reports the bad path itself at start-up
    return isinstance(middleware, type) and issubclass(middleware, ErrorMiddleware)


@register(Tags.compatibility)
def check_drf_exception_handler(**kwargs: Any) -> list[CheckMessage]:
    """``django_errors.E101`` when ``ERRORS_DRF_EXCEPTION_HANDLER`` names no callable."""
    value = getattr(settings, "ERRORS_DRF_EXCEPTION_HANDLER", None)
    if value is None:
        return []
    try:
        load_handler(value)
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id=check_id(101))]
    return []


register(check_app_handlers, Tags.urls)
