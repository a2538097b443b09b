"""``wsgi.input`` whose read failures are the client's: a 400, never a 500.

The body is the client's: when the server's stream fails while the app reads
it (gunicorn's ``InvalidChunkSize``, ``ChunkMissingTerminator`` and
``NoMoreData`` for a broken chunked body, an ``OSError`` when the client
resets the connection), the request was malformed or abandoned, whatever the
server's exception is called. Classifying by where the failure happened
rather than by the server's exception types keeps gunicorn out of the
adapter and covers every server. A body that ends before its
``Content-Length`` is the same mistake: a server that marks its input as
terminated (gunicorn) hands the short body on, and Werkzeug trusts it.

The failure is raised once: a later read (an ``after_request`` function that
drains the body, as some applications do) gets the end of the body, as it
would without the extension, so that the 400 already answered is not
replaced by the 500 of a hook that raised.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any, Callable, Iterator, TypeVar

from werkzeug.exceptions import BadRequest, HTTPException

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

Result = TypeVar("Result")


class BodyReadError(BadRequest):
    """The request body could not be read: its framing was broken, or the client left."""


class GuardedInput:
    """The server's ``wsgi.input``; a failing or short read raises :class:`BodyReadError`."""

    __slots__ = ("_failed", "_remaining", "_stream")

    def __init__(self, stream: IO[bytes], length: int | None) -> None:
        self._stream = stream
        self._remaining = length  # None: chunked, the server checks the framing
        self._failed = False

    def read(self, *args: Any) -> bytes:
        if self._failed:
            return b""
        to_end = not args or args[0] is None or args[0] < 0
        return self._count(self._reading(self._stream.read, *args), to_end=to_end)

    def readline(self, *args: Any) -> bytes:
        if self._failed:
            return b""
        return self._count(self._reading(self._stream.readline, *args), to_end=False)

    def readlines(self, *args: Any) -> list[bytes]:
        if self._failed:
            return []
        lines = self._reading(self._stream.readlines, *args)
        self._count(b"".join(lines), to_end=not args)
        return lines

    def __iter__(self) -> Iterator[bytes]:
        while True:
            line = self.readline()
            if not line:
                return
            yield line

    def _count(self, data: bytes, *, to_end: bool) -> bytes:
        """Count what was read; a read to the end, or an empty one, must have had it all."""
        if self._remaining is None:
            return data
        self._remaining -= len(data)
        if self._remaining > 0 and (to_end or not data):
            self._failed = True
            raise BodyReadError()  # the client sent less than its Content-Length
        return data

    def _reading(self, read: Callable[..., Result], *args: Any) -> Result:
        try:
            return read(*args)
        except HTTPException:
            raise  # a middleware's own answer (a size limit)
        except Exception as exc:
            self._failed = True
            raise BodyReadError() from exc


def guard_input(environ: WSGIEnvironment) -> None:
    """Wrap ``wsgi.input`` when the request has a body (a GET without one costs nothing)."""
    content_length = environ.get("CONTENT_LENGTH")
    chunked = "HTTP_TRANSFER_ENCODING" in environ
    if content_length in (None, "", "0") and not chunked:
        return
    stream = environ["wsgi.input"]
    if isinstance(stream, GuardedInput):
        return  # an app with the extension mounted inside another
    environ["wsgi.input"] = GuardedInput(stream, None if chunked else _length(content_length))


def _length(value: str | None) -> int | None:
    # Longer values are refused before (malformed_request); int() must not see them.
    if value and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None
