"""The response the app started, held back from the server until the guard lets it go.

The guard hands the app its own ``start_response`` and calls the server's
once it knows what to send: until then a failure can still be answered with
the envelope. This is the guard's per-request state, one named field each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from error_core._header_lines import header_lines
from error_core._sendable_headers import unsendable_header
from error_core._wsgi_headers import add_outgoing_headers

from ._returned_pages import is_returned_page, page_envelope

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

    from error_core._settings import Settings

Headers = list[tuple[str, str]]
Write = Callable[[bytes], object]


class RefusedHeaderError(ValueError):
    """A header of the app's response is not valid HTTP; no server could send it."""


# A header of the lower-cased header_lines(): a body known up front.
_CONTENT_LENGTH = "\ncontent-length\r"


class ResponseStart:
    """What the app passed to ``start_response``, and how far the server has got.

    ``status`` stays ``None`` until the app calls ``start_response`` (a
    PEP 3333 app may do that from inside its body iterable); ``lines`` are
    the :func:`~error_core._header_lines.header_lines` of the app's ``headers``
    and ``names`` the same lower-cased, for look-ups.
    ``server_called``: the server's ``start_response`` has been called (it may
    have kept part of what it was given, so a second call needs ``exc_info``).
    ``body_sent``: ``write()`` was called, so the headers may be on the wire
    and no envelope can follow. ``page_body``: the envelope's body, when it
    replaced an empty error page the app returned (``_returned_pages``).
    ``refused``: what the server's ``start_response`` (or the header check)
    raised when called early.
    """

    __slots__ = (
        "_environ",
        "_request_id",
        "_server_start",
        "_server_write",
        "_settings",
        "body_sent",
        "exc_info",
        "headers",
        "lines",
        "names",
        "page_body",
        "refused",
        "server_called",
        "status",
    )

    def __init__(
        self,
        server_start: StartResponse,
        settings: Settings,
        request_id: str,
        environ: WSGIEnvironment,
    ) -> None:
        self._server_start = server_start
        self._environ = environ
        self._settings = settings  # with the request's id: the headers added to the app's
        self._request_id = request_id
        self.status: str | None = None
        self.headers: Headers = []
        self.lines = ""
        self.names = ""
        self.exc_info: Any = None
        self.server_called = False
        self.body_sent = False
        self.refused: Exception | None = None
        self._server_write: Write | None = None
        self.page_body: bytes | None = None

    def start_response(self, status: str, headers: Headers, exc_info: Any = None) -> Write:
        """The ``start_response`` the app is given: it records, the server sees nothing yet."""
        if exc_info is not None and self.body_sent:
            raise exc_info[1].with_traceback(exc_info[2])  # PEP 3333: too late to change
        self.status, self.headers, self.exc_info = status, headers, exc_info
        self.lines = lines = header_lines(headers)
        self.names = names = lines.lower()
        self.page_body = None
        if status[0] in "45" and is_returned_page(headers, names):
            page = page_envelope(self._environ, self._settings, status, headers, lines)
            if page is not None:
                # The envelope replaces the app's empty error page (_returned_pages),
                # started below like any response.
                status, headers, self.page_body = page
                self.status, self.headers = status, headers
                self.lines = lines = header_lines(headers)
                self.names = names = lines.lower()
        if self.server_called:
            if exc_info is not None:
                # PEP 3333: before the body, a start with exc_info replaces the one
                # the server holds (a server that has sent it re-raises: so do we).
                self.start_server()
        elif exc_info is None and _CONTENT_LENGTH in names:
            # A body known up front: the server is told now, while the app's
            # request is still current for a WSGI middleware wrapped around
            # the guard that reads it in its start_response (OpenTelemetry's).
            # Nothing is on the wire before the body: a later failure (a
            # teardown function) still replaces this start (start_error).
            try:
                self.start_server()
            except Exception as exc:  # noqa: BLE001 - answered by the guard once the app returned
                self.refused = exc
        return self.write

    def write(self, data: bytes) -> None:
        """PEP 3333's legacy ``write()``: the server's response starts with the first call."""
        if self._server_write is None:
            self._server_write = self.start_server()
        self.body_sent = True  # gunicorn sends the headers even for b""
        self._server_write(data)

    def start_server(self) -> Write:
        """Call the server's ``start_response`` with the app's status and headers.

        Raises :class:`RefusedHeaderError` (the server is not called) for a
        header no server may send, or whatever the server's own check raises.

        The check is the core's rule, the one Django's middleware applies:
        Werkzeug refuses only CR and LF; a server that follows RFC 9110
        (gunicorn) refuses the rest by raising, after keeping part of the
        headers. The message names the header, not its value (it may be a secret).
        """
        assert self.status is not None, "start_server() before the app's start_response"
        headers = self.headers
        # The app's headers; the guard's own, added next, are valid by construction.
        refused = unsendable_header(headers, self.lines)
        if refused is not None:
            raise RefusedHeaderError(f"The response header {refused!r} is not valid HTTP.")
        add_outgoing_headers(self._settings, self._request_id, headers, self.names)
        self.server_called = True
        write: Write = self._server_start(self.status, self.headers, self.exc_info)
        self._server_write = write
        return write

    def start_error(self, status: str, headers: Headers, exc_info: Any) -> None:
        """Start the server's response with an error instead of the app's.

        ``exc_info`` (the failure being answered) is passed on when the server
        was already called: PEP 3333 lets a server that has not sent the
        headers take the new ones, and makes one that has re-raise.
        """
        if not self.server_called:
            self._server_start(status, headers, None)
        else:
            try:
                self._server_start(status, headers, exc_info)
            except BaseException as raised:
                if self.body_sent or exc_info is None or raised is not exc_info[1]:
                    raise
                # Nothing was sent, yet the server re-raised: Werkzeug's test
                # client does, and takes the new start without exc_info.
                self._server_start(status, headers, None)
        self.server_called = True
