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

from django.http import HttpRequest

DJANGO_REQUEST_LOGGER = logging.getLogger("django.request")
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
