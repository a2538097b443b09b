"""What every adapter does with an error: render it once and log it once."""

from __future__ import annotations

import contextlib
import logging

from ._envelope import Rendered, render
from ._errors import APIError
from ._log import ExcInfo, log_error_response
from ._settings import Settings
from ._tracing import record_exception


def error_response(
    error: APIError,
    *,
    request_id: str,
    method: str,
    path: str,
    settings: Settings,
    exc_info: ExcInfo = None,
    log_fallback: logging.Logger | None = None,
) -> Rendered:
    """Render ``error`` for the current request and log the response once.

    ``exc_info`` is given for an unexpected exception whose traceback nobody
    else logs. ``log_fallback`` is the framework's own error logger: the
    record goes to its handlers when nothing handles ``error_core``'s. A
    failing log handler or filter never costs the client its response.
    """
    rendered = render(
        error,
        request_id,
        request_id_header=settings.request_id_header,
        messages=settings.messages,
    )
    # A failing log handler or filter must not break the error path.
    with contextlib.suppress(Exception):
        log_error_response(
            method,
            path,
            rendered.status,
            rendered.code,
            exc_info=exc_info,
            request_id=request_id,
            fallback=log_fallback,
        )
        record_exception(exc_info, request_id)
    return rendered
