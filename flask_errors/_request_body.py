"""``wsgi.input`` whose read failures are the client's: a 400, never a 500.

The body is the client's: when the server's stream fails while the app reads
it (gunicorn's ``InvalidChunkSize``, ``ChunkMissingTerminator`` and
``NoMoreData`` for a broken chunked body, an ``OSError`` when the client
resets the connection), the request was malformed or abandoned, whatever the
server's exception is called. Classifying by where the failure happened
rather than by the server's exception types keeps gunicorn out of the
adapter and covers every server.
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
    """The server's ``wsgi.input``; a failing read raises :class:`BodyReadError`."""

    __slots__ = ("_stream",)

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def read(self, *args: Any) -> bytes:
        return _reading(self._stream.read, *args)

    def readline(self, *args: Any) -> bytes:
        return _reading(self._stream.readline, *args)

    def readlines(self, *args: Any) -> list[bytes]:
        return _reading(self._stream.readlines, *args)

    def __iter__(self) -> Iterator[bytes]:
        while True:
            line = self.readline()
            if not line:
                return
            yield line


def _reading(read: Callable[..., Result], *args: Any) -> Result:
    try:
        return read(*args)
    except HTTPException:
        raise  # a middleware's own answer (a size limit)
    except Exception as exc:
        raise BodyReadError() from exc


def guard_input(environ: WSGIEnvironment) -> None:
    """Wrap ``wsgi.input`` when the request has a body (a GET without one costs nothing)."""
    if environ.get("CONTENT_LENGTH") in (None, "", "0") and (
        "HTTP_TRANSFER_ENCODING" not in environ
    ):
        return
    stream = environ.get("wsgi.input")
    if stream is not None and not isinstance(stream, GuardedInput):
        environ["wsgi.input"] = GuardedInput(stream)
