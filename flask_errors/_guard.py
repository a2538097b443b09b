"""Around ``app.wsgi_app``: the request's id, and the envelope for what escapes Flask.

The guard wraps ``app.wsgi_app`` (the way Flask documents for WSGI
middleware). It starts and ends every request: the id is chosen and bound
before Flask runs any hook, sent as a header on whatever response leaves,
and unbound once Flask returns. Doing this here rather than in Flask's hooks
costs a fraction: a hook is dispatched on every request whether it has work
or not.

It is also the last line: what fails around Flask's own handlers (building
the request context, ``handle_exception`` when a log filter or a signal
receiver raises, an error handler that raises, a teardown function, a
``BaseException`` Flask lets through, a header the server refuses) leaves
``Flask.wsgi_app`` as an exception, and the server would send its own HTML
page. The guard answers it with the ``internal`` envelope.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Callable, Iterable

from flask import got_request_exception

from error_core import InternalError
from error_core import _request_id as ids
from error_core._debug_propagation import unexpected_propagates
from error_core._header_lines import has_header
from error_core._lifecycle import start_request
from error_core._malformed_requests import malformed_request, malformed_request_error
from error_core._propagation import must_propagate
from error_core._settings import Settings

from ._answer import answer
from ._body import GuardedBody
from ._rendering import ID_KEY
from ._request_body import guard_input
from ._response_start import ResponseStart

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment
    from flask import Flask

__all__ = ["GUARD_KEY", "ID_KEY", "Guard", "install"]

GUARD_KEY = "flask_errors._guard"


class Guard:
    """``app.wsgi_app`` wrapped: every request has an id, every response its header.

    Nothing escapes it but what must (``error_core._propagation``), and
    exceptions when Flask propagates them (debug or testing mode).
    """

    def __init__(
        self,
        wsgi_app: WSGIApplication,
        app: Flask,
        settings: Settings,
        before_first_request: Callable[[], object] | None = None,
    ) -> None:
        self.wsgi_app = wsgi_app
        self.app = app
        self.settings = settings
        self.before_first_request = before_first_request
        self._lock = threading.Lock()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if self.before_first_request is not None:
            self._first_request()
        settings = self.settings
        request_id, token = start_request(settings, lambda name: environ.get(_environ_key(name)))
        environ[ID_KEY] = request_id
        environ[GUARD_KEY] = self
        start = ResponseStart(start_response, settings, request_id, environ)
        try:
            if malformed_request(environ.get("CONTENT_LENGTH"), environ.get("QUERY_STRING", "")):
                # Werkzeug would fail later, with a 500; no hook of the app
                # has run, as for a request the server itself refuses.
                return answer(environ, start, settings, malformed_request_error())
            guard_input(environ)
            try:
                body = self.wsgi_app(environ, start.start_response)
            except BaseException as exc:
                if must_propagate(exc) or self._propagating():
                    raise
                if not isinstance(exc, Exception):
                    # Flask lets it through without reporting it: do what it does for others.
                    got_request_exception.send(
                        self.app, _async_wrapper=self.app.ensure_sync, exception=exc
                    )
                return answer(environ, start, settings, InternalError(), exc)
            if start.server_called and start.refused is None and not start.body_sent:
                # Nearly every response: a body known up front, its start with the server.
                if start.page_body is None:
                    return body
                _close(body)  # an empty page the envelope replaced
                return [start.page_body]
            if (
                start.body_sent  # write() was used: the server has the headers
                or start.status is None
                or _streamed(body, start.names, environ)
            ):
                # Produced by the server after we return: the id bound around each chunk,
                # the server's response started once the first chunk exists.
                return GuardedBody(body, environ, start, settings)
            refused = start.refused
            if refused is None and not start.server_called:
                try:
                    start.start_server()
                except Exception as exc:  # noqa: BLE001 - a header the server refuses: answered
                    refused = exc
            if refused is not None:
                _close(body)
                return answer(environ, start, settings, InternalError(), refused)
            return body
        finally:
            ids.unbind(token)

    def app_logger(self, level: int) -> logging.Logger:
        """The application's logger (Flask's ``app.logger``), for records of any ``level``."""
        return self.app.logger

    def _first_request(self) -> None:
        with self._lock:  # every thread waits until it is done
            if self.before_first_request is not None:
                self.before_first_request()
                self.before_first_request = None

    def _propagating(self) -> bool:
        """Whether Flask lets exceptions through (debug, testing), as for a view's."""
        app = self.app
        propagate = app.config["PROPAGATE_EXCEPTIONS"]
        return unexpected_propagates(
            debug=bool(app.testing or app.debug) if propagate is None else bool(propagate),
            handle_unexpected_in_debug=self.settings.handle_unexpected_in_debug,
        )


def _environ_key(header: str) -> str:
    """Where WSGI keeps a request header (as Werkzeug's ``EnvironHeaders`` looks it up)."""
    key = header.upper().replace("-", "_")
    return key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"


def _streamed(body: Iterable[bytes], names: str, environ: WSGIEnvironment) -> bool:
    """Whether ``body`` is produced after the response starts, as a generator is.

    Werkzeug gives every response whose body is known up front a
    ``Content-Length``; a file is sent by the server, which must see it unwrapped.
    """
    if isinstance(body, (list, tuple)) or has_header(names, "Content-Length"):
        return False
    file_wrapper = environ.get("wsgi.file_wrapper")
    return not (isinstance(file_wrapper, type) and isinstance(body, file_wrapper))


def _close(body: Iterable[bytes]) -> None:
    close = getattr(body, "close", None)
    if close is not None:
        close()


def install(
    app: Flask, settings: Settings, before_first_request: Callable[[], object] | None = None
) -> None:
    """Wrap ``app.wsgi_app`` in the guard; ``init_app`` run again updates it.

    ``before_first_request`` runs once, before the guard's first request.
    """
    if isinstance(app.wsgi_app, Guard):
        app.wsgi_app.settings = settings
        app.wsgi_app.before_first_request = before_first_request
    else:
        guard = Guard(app.wsgi_app, app, settings, before_first_request)
        app.wsgi_app = guard  # type: ignore[method-assign]
