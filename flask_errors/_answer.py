"""The envelope sent without Flask, for a failure that escaped it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from error_core import APIError
from error_core._log import ExcInfo
from error_core._settings import Settings

from ._rendering import rendered

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

    from ._response_start import ResponseStart


def answer(
    environ: WSGIEnvironment,
    start: ResponseStart,
    settings: Settings,
    error: APIError,
    exc: BaseException | None = None,
) -> list[bytes]:
    """Start the server's response with ``error`` and return its body.

    ``exc`` (the failure answered, being handled now) is logged with its
    traceback, unless it is ``error`` itself: an :class:`APIError` is logged
    as the view raising it would be, without one. Whatever the server's
    ``start_response`` raises goes up: the envelope's own headers are not
    tried twice.
    """
    exc_info: ExcInfo = None if exc is None else (type(exc), exc, exc.__traceback__)
    status, headers, body = rendered(
        environ, settings, error, exc_info=None if exc is error else exc_info
    )
    start.start_error(status, headers, exc_info)
    return [body]
