"""Where the Django adapter's log records go, and the request-id tools it joins.

- ``error_core``'s records go where the application's logging sends them; when
  nothing handles them (Django's default ``LOGGING`` has no root handler), they
  go to the handlers of ``django.request``, where Django's own "Internal Server
  Error" and "Not Found" lines would have gone.
- An unexpected exception's traceback is logged once: not again by error-core
  when django-structlog's middleware logged it (its ``request_failed``).
- With django-structlog, the ``request_id`` it binds is the request's own id.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.log import RequireDebugFalse, RequireDebugTrue

DJANGO_REQUEST_LOGGER = logging.getLogger("django.request")


def django_request_logger(level: int) -> logging.Logger | None:
    """Django's own error logger, where ``error_core`` records go when nothing handles them.

    ``None`` when none of its handlers would write a record of ``level``: with
    Django's default ``LOGGING`` and ``DEBUG`` off, its console handler
    requires ``DEBUG`` and ``mail_admins`` takes ERROR only, so a 4xx line
    would be made only to be dropped (the one-line set-up's cost, issue 13).
    """
    if _may_write(DJANGO_REQUEST_LOGGER, level):
        return DJANGO_REQUEST_LOGGER
    return None


def _may_write(logger: logging.Logger, level: int) -> bool:
    """Whether a handler of ``logger`` or its ancestors may write a record of ``level``.

    Only Django's ``RequireDebugTrue``/``RequireDebugFalse`` filters are decided
    here (they read the settings, not the record); a handler with any other
    filter may write it. No handler at all: Python's last resort may.
    """
    found = False
    current: logging.Logger | None = logger
    while current is not None:
        for handler in current.handlers:
            found = True
            if level >= handler.level and all(_may_pass(f) for f in handler.filters):
                return True
        if not current.propagate:
            break
        current = current.parent
    return not found


def _may_pass(log_filter: Any) -> bool:
    if isinstance(log_filter, RequireDebugTrue):
        return bool(settings.DEBUG)
    if isinstance(log_filter, RequireDebugFalse):
        return not settings.DEBUG
    return True


_DJANGO_STRUCTLOG_SIGNALS = "django_structlog.signals"


def traceback_logged_elsewhere(request: HttpRequest, exception: BaseException) -> bool:
    """Whether a ``got_request_exception`` receiver already logged ``exception``'s traceback.

    django-structlog's receiver logs ``request_failed`` with the exception and
    marks the request with it.
    """
    return getattr(request, "_raised_exception", None) is exception


def join_request_id_tools() -> None:
    """Connect the receivers for the request-id tools this process imported.

    Called when the middleware is built, after the middleware below it
    (django-structlog's among them) was imported: nothing is imported here.
    """
    signals = sys.modules.get(_DJANGO_STRUCTLOG_SIGNALS)
    if signals is not None:
        signals.bind_extra_request_metadata.connect(
            _bind_our_request_id, dispatch_uid="django_errors.django_structlog"
        )


def _bind_our_request_id(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    """django-structlog binds a uuid4 (or the client's raw X-Request-ID): bind ours instead."""
    request_id = getattr(request, "request_id", None)
    if request_id is not None:
        import structlog.contextvars

        structlog.contextvars.bind_contextvars(request_id=request_id)
