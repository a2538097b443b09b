"""The last line: a failure that escapes Flask itself still leaves as the envelope.

Flask answers what happens in views, hooks and error handlers; what fails
around them (building the request context, ``handle_exception`` when a log
filter or a signal receiver raises, an error handler that raises, a teardown
function) leaves ``Flask.wsgi_app`` as an exception, and the server sends its
own HTML page. The guard wraps ``app.wsgi_app`` (the way Flask documents for
WSGI middleware) and answers such a failure with the ``internal`` envelope.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Callable, Iterable

from error_core import InternalError
from error_core import request_id as ids
from error_core.responding import error_response
from error_core.settings import Settings

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment
    from flask import Flask

# Per-request state in the WSGI environ (see extension.py).
ID_KEY = "flask_errors.request_id"
TOKEN_KEY = "flask_errors.token"


class Guard:
    """``app.wsgi_app`` wrapped: nothing but a ``BaseException`` escapes it."""

    def __init__(self, wsgi_app: WSGIApplication, app: Flask, settings: Settings) -> None:
        self.wsgi_app = wsgi_app
        self.app = app
        self.settings = settings

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        # The server's start_response is called once the app has returned:
        # until then a failure can still send the envelope instead.
        started: list[Any] = []
        writes: list[Callable[[bytes], object]] = []

        def deferred(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            started[:] = [status, headers, exc_info]
            return write

        def write(data: bytes) -> None:  # PEP 3333's legacy write(); Flask never calls it
            if not writes:
                writes.append(start_response(*started))
            writes[0](data)

        try:
            body = self.wsgi_app(environ, deferred)
        except Exception as exc:
            if self._propagating():
                raise
            return self._fallback(environ, start_response, exc, sent=bool(writes))
        finally:
            # A teardown function that raised before ours leaves the id bound.
            token = environ.pop(TOKEN_KEY, None)
            if token is not None:
                ids.unbind(token)
        if not writes:
            start_response(*started)
        return body

    def _propagating(self) -> bool:
        """Whether Flask lets exceptions through (debug, testing), as for a view's."""
        if self.settings.handle_unexpected_in_debug:
            return False
        propagate = self.app.config["PROPAGATE_EXCEPTIONS"]
        return bool(self.app.testing or self.app.debug) if propagate is None else bool(propagate)

    def _fallback(
        self,
        environ: WSGIEnvironment,
        start_response: StartResponse,
        exc: Exception,
        *,
        sent: bool,
    ) -> list[bytes]:
        request_id = environ.get(ID_KEY) or ids.new_request_id()
        method = str(environ.get("REQUEST_METHOD", ""))
        rendered = error_response(
            InternalError(),
            request_id=request_id,
            method=method,
            path=_path(environ),
            settings=self.settings,
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        headers = [*rendered.headers, ("Content-Length", str(len(rendered.body)))]
        # After write() the server may have sent the headers: it decides (PEP 3333).
        exc_info = sys.exc_info() if sent else None  # called while handling exc
        start_response(f"{rendered.status} INTERNAL SERVER ERROR", headers, exc_info)
        return [b"" if method.upper() == "HEAD" else rendered.body]


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
