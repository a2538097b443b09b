"""The envelope as a WSGI response start and body, made without Flask."""

from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING

from error_core import APIError
from error_core._converted_headers import kept_headers
from error_core._error_response import error_response
from error_core._log import ExcInfo
from error_core._settings import Settings

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

Headers = list[tuple[str, str]]

# Per-request state in the WSGI environ: requests made inside one app context
# (a test fixture's, a nested test client call) share one flask.g.
ID_KEY = "flask_errors.request_id"


def rendered(
    environ: WSGIEnvironment,
    settings: Settings,
    error: APIError,
    *,
    exc_info: ExcInfo = None,
    page_headers: Headers | None = None,
) -> tuple[str, Headers, bytes]:
    """The status line, headers and body answering ``error``; the error is logged.

    ``exc_info``: the failure answered, logged with its traceback. ``page_headers``:
    those of a page the envelope replaces, kept where they are not the page's own
    (``error_core._converted_headers``).
    """
    method = str(environ.get("REQUEST_METHOD", ""))
    sent = error_response(
        error,
        request_id=environ[ID_KEY],
        method=method,
        path=request_path(environ),
        settings=settings,
        exc_info=exc_info,
    ).for_method(method)
    headers = sent.headers
    if page_headers:
        headers += kept_headers(page_headers, {name.lower() for name, _ in headers})
    return f"{sent.status} {_phrase(sent.status)}", headers, sent.body


def request_path(environ: WSGIEnvironment) -> str:
    """``request.path`` as Werkzeug decodes it, without a request object."""
    raw = f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}"
    return raw.encode("latin-1", "replace").decode("utf-8", "replace") or "/"


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.upper()
    except ValueError:  # a status the standard library does not name (a page's 499)
        return "UNKNOWN"
