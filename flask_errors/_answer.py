"""The envelope sent without Flask, for a failure that escaped it."""

from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING

from error_core import APIError
from error_core._converted_headers import kept_headers
from error_core._error_response import error_response
from error_core._log import ExcInfo
from error_core._settings import Settings
from error_core._statuses import from_status

from ._response_start import Headers, ResponseStart

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

# Per-request state in the WSGI environ: requests made inside one app context
# (a test fixture's, a nested test client call) share one flask.g.
ID_KEY = "flask_errors.request_id"


def answer(
    environ: WSGIEnvironment,
    start: ResponseStart,
    settings: Settings,
    error: APIError,
    exc: BaseException | None = None,
    *,
    page_headers: Headers | None = None,
) -> list[bytes]:
    """Start the server's response with ``error`` and return its body.

    ``exc`` (the failure answered, being handled now) is logged with its
    traceback, unless it is ``error`` itself: an :class:`APIError` is logged
    as the view raising it would be, without one. ``page_headers``: those of
    a page the envelope replaces, kept where they are not the page's own
    (``error_core._converted_headers``). Whatever the server's
    ``start_response`` raises goes up: the envelope's own headers are not
    tried twice.
    """
    method = str(environ.get("REQUEST_METHOD", ""))
    exc_info: ExcInfo = None if exc is None else (type(exc), exc, exc.__traceback__)
    rendered = error_response(
        error,
        request_id=environ[ID_KEY],
        method=method,
        path=request_path(environ),
        settings=settings,
        exc_info=None if exc is error else exc_info,
    )
    sent = rendered.for_method(method)
    headers = sent.headers
    if page_headers:
        headers += kept_headers(page_headers, {name.lower() for name, _ in headers})
    status = f"{sent.status} {_phrase(sent.status)}"
    start.start_error(status, headers, exc_info)
    return [sent.body]


def converted_page(
    environ: WSGIEnvironment, start: ResponseStart, settings: Settings
) -> list[bytes]:
    """The envelope answering the error page the app returned, with what is not the page's."""
    assert start.status is not None, "a page is known by its start"
    digits = start.status[:3]
    status = int(digits) if digits.isascii() and digits.isdigit() else 500
    error = from_status(status, None, start.headers)
    return answer(environ, start, settings, error, page_headers=start.headers)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.upper()
    except ValueError:  # a status the standard library does not name (a page's 499)
        return "UNKNOWN"


def request_path(environ: WSGIEnvironment) -> str:
    """``request.path`` as Werkzeug decodes it, without a request object."""
    raw = f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}"
    return raw.encode("latin-1", "replace").decode("utf-8", "replace") or "/"
