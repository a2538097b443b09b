"""A body the server iterates after the guard returned: the id bound, the start held back.

The server's ``start_response`` is called when the server asks for the first
chunk, once that chunk exists. A WSGI server sends nothing before it has a
chunk, so until then a failure (the body's first step, a ``start_response``
the app calls late, as PEP 3333 allows, a header the server refuses) can
still be answered with the envelope.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from error_core import APIError, InternalError
from error_core import _request_id as ids
from error_core._log import log_stream_failure
from error_core._propagation import must_propagate
from error_core._settings import Settings

from ._answer import answer
from ._rendering import ID_KEY, request_path
from ._response_start import ResponseStart

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment


class StartResponseNotCalledError(RuntimeError):
    """The app's body ended without the app calling ``start_response``."""


class GuardedBody:
    """The app's body: each step and ``close()`` with the request id current."""

    def __init__(
        self,
        body: Iterable[bytes],
        environ: WSGIEnvironment,
        start: ResponseStart,
        settings: Settings,
    ) -> None:
        self._body = body
        self._iterator: Iterator[bytes] | None = None
        self._environ = environ
        self._start = start
        self._settings = settings
        self._request_id: str = environ[ID_KEY]

    def __iter__(self) -> GuardedBody:
        return self

    def __next__(self) -> bytes:
        token = ids.bind(self._request_id)
        try:
            if self._iterator is None:
                return self._first()
            try:
                return next(self._iterator)
            except StopIteration:
                raise
            except BaseException as exc:
                if not must_propagate(exc):
                    self._log_failure(exc)
                raise
        finally:
            ids.unbind(token)

    def _log_failure(self, exc: BaseException) -> None:
        method = str(self._environ.get("REQUEST_METHOD", ""))
        path = request_path(self._environ)
        exc_info = (type(exc), exc, exc.__traceback__)
        log_stream_failure(method, path, self._request_id, exc_info=exc_info)

    def _first(self) -> bytes:
        """Produce the first chunk, then start the server's response (or the envelope's)."""
        start = self._start
        iterator = self._iterator = iter(self._body)
        try:
            chunk = next(iterator, None)
            while chunk == b"" and start.status is None:  # PEP 3333: not before a real chunk
                chunk = next(iterator, None)
            if start.status is None:
                raise StartResponseNotCalledError("The app's body ended before start_response.")
            if not start.server_called:
                start.start_server()
        except BaseException as exc:
            if must_propagate(exc):
                raise
            if start.body_sent:  # write() was used: the headers may be on the wire
                self._log_failure(exc)
                raise
            # Nothing is on the wire: the client still gets an answer, an
            # APIError's own as when the view raises it.
            error = exc if isinstance(exc, APIError) else InternalError()
            self._iterator = iter(answer(self._environ, start, self._settings, error, exc))
            return next(self._iterator)
        if chunk is None:
            raise StopIteration
        return chunk

    def close(self) -> None:
        """Close the app's body (PEP 3333), with the id current for its clean-up."""
        close = getattr(self._body, "close", None)
        if close is None:
            return
        token = ids.bind(self._request_id)
        try:
            close()
        finally:
            ids.unbind(token)
