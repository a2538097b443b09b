"""Around ``app.wsgi_app``: the request's id, and the envelope for what escapes Flask.

The guard wraps ``app.wsgi_app`` (the way Flask documents for WSGI
middleware). It starts and ends every request: the id is chosen and bound
before Flask runs any hook, sent as a header on whatever response leaves,
and unbound once Flask returns. Doing this here rather than in Flask's hooks
costs a fraction: a hook is dispatched on every request whether it has work
or not.

It is also the last line: what fails around Flask's own handlers (building
the request context, ``handle_exception`` when a log filter or a signal
receiver raises, an error handler that raises, a teardown function) leaves
``Flask.wsgi_app`` as an exception, and the server would send its own HTML
page. The guard answers it with the ``internal`` envelope.
"""

from __future__ import annotations

import sys
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Iterable

from error_core import APIError, InternalError, InvalidRequest
from error_core import _request_id as ids
from error_core._error_response import error_response
from error_core._lifecycle import start_request
from error_core._log import ExcInfo
from error_core._malformed_requests import malformed_request
from error_core._settings import Settings
from error_core._streaming import bound_iterator
from error_core._wsgi_headers import add_outgoing_headers, has_header, wsgi_header_names

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment
    from flask import Flask

# Per-request state in the WSGI environ: requests made inside one app context
# (a test fixture's, a nested test client call) share one flask.g.
ID_KEY = "flask_errors.request_id"
GUARD_KEY = "flask_errors._guard"

Headers = list[tuple[str, str]]


class Guard:
    """``app.wsgi_app`` wrapped: every request has an id, every response its header.

    Nothing but a ``BaseException`` escapes it (unless Flask propagates
    exceptions, in debug or testing mode).
    """

    def __init__(self, wsgi_app: WSGIApplication, app: Flask, settings: Settings) -> None:
        self.wsgi_app = wsgi_app
        self.app = app
        self.settings = settings

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        settings = self.settings
        request_id, token = start_request(settings, lambda name: environ.get(_environ_key(name)))
        environ[ID_KEY] = request_id
        environ[GUARD_KEY] = self
        try:
            if malformed_request(environ.get("CONTENT_LENGTH"), environ.get("QUERY_STRING", "")):
                # Werkzeug would fail later, with a 500; no hook of the app
                # has run, as for a request the server itself refuses.
                return self._answer(environ, start_response, InvalidRequest())
            # The server's start_response is called once the app has returned:
            # until then a failure can still send the envelope instead.
            # started: [status, headers, exc_info] and, once write() was used, its write.
            started: list[Any] = []

            def deferred(status: str, headers: Headers, exc_info: Any = None) -> Any:
                started[:3] = [status, headers, exc_info]  # keeps write()'s, if any
                return write

            def write(data: bytes) -> None:  # PEP 3333's legacy write(); Flask never calls it
                if len(started) == 3:
                    add_outgoing_headers(settings, request_id, started[1])
                    started.append(start_response(*started))
                started[3](data)

            try:
                body = self.wsgi_app(environ, deferred)
            except Exception as exc:
                if self._propagating():
                    raise
                sent = len(started) == 4
                return self._answer(environ, start_response, InternalError(), exc, sent=sent)
            if len(started) == 4:
                return body
            status, headers, exc_info = started
            names = wsgi_header_names(headers)
            add_outgoing_headers(settings, request_id, headers, names)
            start_response(status, headers, exc_info)
            if _streamed(body, names, environ):
                # Produced by the server after we return: bind the id around each chunk.
                method = str(environ.get("REQUEST_METHOD", ""))
                return bound_iterator(body, request_id, method=method, path=_path(environ))
            return body
        finally:
            ids.unbind(token)

    def _propagating(self) -> bool:
        """Whether Flask lets exceptions through (debug, testing), as for a view's."""
        if self.settings.handle_unexpected_in_debug:
            return False
        propagate = self.app.config["PROPAGATE_EXCEPTIONS"]
        return bool(self.app.testing or self.app.debug) if propagate is None else bool(propagate)

    def _answer(
        self,
        environ: WSGIEnvironment,
        start_response: StartResponse,
        error: APIError,
        exc: Exception | None = None,
        *,
        sent: bool = False,
    ) -> list[bytes]:
        """Send ``error`` without Flask (for ``exc``, which escaped it)."""
        method = str(environ.get("REQUEST_METHOD", ""))
        exc_info: ExcInfo = None if exc is None else (type(exc), exc, exc.__traceback__)
        rendered = error_response(
            error,
            request_id=environ[ID_KEY],
            method=method,
            path=_path(environ),
            settings=self.settings,
            exc_info=exc_info,
        )
        headers = [*rendered.headers, ("Content-Length", str(len(rendered.body)))]
        # After write() the server may have sent the headers: it decides (PEP 3333).
        started_exc_info = sys.exc_info() if sent else None  # called while handling exc
        status = f"{rendered.status} {HTTPStatus(rendered.status).phrase.upper()}"
        start_response(status, headers, started_exc_info)
        return [b"" if method.upper() == "HEAD" else rendered.body]


def _environ_key(header: str) -> str:
    """Where WSGI keeps a request header (as Werkzeug's ``EnvironHeaders`` looks it up)."""
    key = header.upper().replace("-", "_")
    return key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"


def _streamed(body: Iterable[bytes], names: str, environ: WSGIEnvironment) -> bool:
    """Whether ``body`` is produced after the response starts, as a generator is.

    ``names``: the response's header names (``wsgi_header_names``). Werkzeug
    gives every response whose body is known up front a ``Content-Length``;
    a file is sent by the server, which must see it unwrapped.
    """
    if isinstance(body, (list, tuple)) or has_header(names, "Content-Length"):
        return False
    file_wrapper = environ.get("wsgi.file_wrapper")
    return not (isinstance(file_wrapper, type) and isinstance(body, file_wrapper))


def _path(environ: WSGIEnvironment) -> str:
    """``request.path`` as Werkzeug decodes it, without a request object."""
    raw = f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}"
    return raw.encode("latin-1", "replace").decode("utf-8", "replace") or "/"


def install(app: Flask, settings: Settings) -> None:
    """Wrap ``app.wsgi_app`` in the guard; ``init_app`` run again updates its settings."""
    if isinstance(app.wsgi_app, Guard):
        app.wsgi_app.settings = settings
    else:
        app.wsgi_app = Guard(app.wsgi_app, app, settings)  # type: ignore[method-assign]
