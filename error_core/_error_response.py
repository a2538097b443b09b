"""What every adapter does with an error: render it once and log it once."""

from __future__ import annotations

from ._envelope import Rendered, render
from ._errors import APIError
from ._log import ExcInfo, Fallback, log_error_response
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
    log_fallback: Fallback | None = None,
) -> Rendered:
    """Render ``error`` for the current request and log the response once.

    ``exc_info`` is given for an unexpected exception whose traceback nobody
    else logs. ``log_fallback(level)`` returns the framework's own error logger
    (see :func:`~error_core._log.log_error_response`): the record goes to its
    handlers when nothing handles ``error_core``'s. A
    failing log handler or filter never costs the client its response.
    """
    rendered = render(
        error,
        request_id,
        request_id_header=settings.request_id_header,
        messages=settings.messages,
    )
    log_response(
        rendered,
        request_id=request_id,
        method=method,
        path=path,
        exc_info=exc_info,
        log_fallback=log_fallback,
    )
    return rendered


def log_response(
    rendered: Rendered,
    *,
    request_id: str,
    method: str,
    path: str,
    exc_info: ExcInfo = None,
    log_fallback: Fallback | None = None,
) -> None:
    """Log the error response ``rendered`` once (see :func:`error_response`); never raises."""
    try:
        log_error_response(
            method,
            path,
            rendered.status,
            rendered.code,
            exc_info=exc_info,
            request_id=request_id,
            fallback=log_fallback,
        )
        if exc_info is not None:
            record_exception(exc_info, request_id)
    except Exception:  # noqa: BLE001 - a failing log handler or filter must not break the error path
        pass
