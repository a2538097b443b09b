"""A small HTTP/1.1 client over raw sockets that shows exactly what came over the wire.

``http.client`` hides what these tests must see: it drops a HEAD response's body
bytes, trusts ``Content-Length`` and retries on its own. This client reads the
framing itself, keeps every header as sent, and can read to the end of the
connection to show any bytes after the message.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from typing import Any

HOST = "127.0.0.1"
_NO_BODY_STATUSES = {204, 304}


class WireError(Exception):
    """The server's bytes were not a well-formed HTTP/1.1 response."""


@dataclass
class Response:
    """One response as it came over the wire."""

    status: int
    headers: list[tuple[str, str]]  # in order, names lower-cased
    body: bytes
    framing: str  # "content-length", "chunked", "eof" or "none"
    complete: bool  # the framing was satisfied (all chunks, all Content-Length bytes)
    after: bytes = b""  # bytes after the message, when read to the end of the connection
    request_id: str = field(init=False)

    def __post_init__(self) -> None:
        self.request_id = self.header("request-id") or ""

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (``None`` if absent; values joined if repeated)."""
        values = self.header_values(name)
        return ", ".join(values) if values else None

    def header_values(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self.headers if key == name]

    @property
    def will_close(self) -> bool:
        return "close" in (self.header("connection") or "").lower() or self.framing == "eof"

    def json(self) -> Any:
        return json.loads(self.body)


class _Reader:
    """Buffered reads from a socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()
        self.eof = False

    def _fill(self) -> bool:
        if self.eof:
            return False
        data = self.sock.recv(65536)
        if not data:
            self.eof = True
            return False
        self.buffer += data
        return True

    def readline(self) -> bytes:
        while True:
            end = self.buffer.find(b"\r\n")
            if end >= 0:
                line = bytes(self.buffer[: end + 2])
                del self.buffer[: end + 2]
                return line
            if not self._fill():
                line = bytes(self.buffer)
                self.buffer.clear()
                return line

    def read(self, size: int) -> bytes:
        while len(self.buffer) < size and self._fill():
            pass
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def read_to_eof(self) -> bytes:
        while self._fill():
            pass
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


def _read_response(reader: _Reader, method: str) -> Response:
    line = reader.readline()
    if not line:
        raise ConnectionResetError("the server closed the connection before answering")
    parts = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
        raise WireError(f"not a status line: {line[:80]!r}")
    status = int(parts[1])
    headers: list[tuple[str, str]] = []
    while True:
        line = reader.readline()
        if line in (b"\r\n", b""):
            break
        name, sep, value = line.decode("latin-1").partition(":")
        if not sep:
            raise WireError(f"not a header line: {line[:80]!r}")
        headers.append((name.strip().lower(), value.strip()))
    if line == b"":
        raise WireError("the connection closed inside the headers")
    lengths = [value for name, value in headers if name == "content-length"]
    chunked = any(
        name == "transfer-encoding" and "chunked" in value.lower() for name, value in headers
    )
    if method == "HEAD" or status in _NO_BODY_STATUSES or 100 <= status < 200:
        return Response(status, headers, b"", "none", True)
    if chunked:
        body, complete = _read_chunked(reader)
        return Response(status, headers, body, "chunked", complete)
    if lengths:
        if len(set(lengths)) != 1:
            raise WireError(f"conflicting Content-Length headers: {lengths}")
        length = int(lengths[0])
        body = reader.read(length)
        return Response(status, headers, body, "content-length", len(body) == length)
    return Response(status, headers, reader.read_to_eof(), "eof", True)


def _read_chunked(reader: _Reader) -> tuple[bytes, bool]:
    body = bytearray()
    while True:
        line = reader.readline()
        try:
            size = int(line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            size = -1
        if size < 0 or not line.endswith(b"\r\n"):
            reader.buffer[:0] = line  # not a chunk: left for Response.after
            return bytes(body), False
        if size == 0:
            while True:  # trailers, then the empty line
                line = reader.readline()
                if line == b"\r\n":
                    return bytes(body), True
                if not line.endswith(b"\r\n"):
                    return bytes(body), False
        chunk = reader.read(size)
        body += chunk
        if len(chunk) < size or reader.read(2) != b"\r\n":
            return bytes(body), False


def encode_request(
    method: str,
    target: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    port: int,
    close: bool = False,
) -> bytes:
    """The bytes of one HTTP/1.1 request; ``Host`` and ``Content-Length`` are added."""
    fields = {"Host": f"{HOST}:{port}", **(headers or {})}
    if body and not any(name.lower() == "transfer-encoding" for name in fields):
        fields["Content-Length"] = str(len(body))
    if close:
        fields["Connection"] = "close"
    head = f"{method} {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items())
    return head.encode("latin-1") + b"\r\n" + body


def exchange(
    port: int,
    method: str,
    target: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    raw: bytes | None = None,
    close: bool = True,
    timeout: float = 10,
) -> Response:
    """One request on a fresh connection, read until the server closes it.

    ``Response.after`` holds every byte the server sent after the message.
    With ``close=False`` the request does not ask the server to close the
    connection: reading then times out unless the server closes it by itself.
    """
    data = (
        raw
        if raw is not None
        else encode_request(method, target, body, headers, port=port, close=close)
    )
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        sock.sendall(data)
        reader = _Reader(sock)
        response = _read_response(reader, method)
        response.after = reader.read_to_eof()
    return response


class Connection:
    """A keep-alive connection that reconnects when the server closes it."""

    def __init__(self, port: int, *, timeout: float = 10) -> None:
        self.port = port
        self.timeout = timeout
        self.sock: socket.socket | None = None
        self.reader: _Reader | None = None
        self.reused = False
        self.connects = 0

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None
        self.reader = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(
        self,
        method: str,
        target: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> Response:
        """Send one request and read its response; the connection stays open if it may."""
        if self.sock is None:
            self.sock = socket.create_connection((HOST, self.port), timeout=self.timeout)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.reader = _Reader(self.sock)
            self.reused = False
            self.connects += 1
        assert self.reader is not None
        try:
            self.sock.sendall(encode_request(method, target, body, headers, port=self.port))
            response = _read_response(self.reader, method)
        except BaseException:
            self.close()
            raise
        if response.will_close or not response.complete:
            self.close()
        else:
            self.reused = True
        return response


def read_response(sock: socket.socket, method: str) -> Response:
    """Read one response from ``sock`` (a request sent by the caller), then to the end."""
    reader = _Reader(sock)
    response = _read_response(reader, method)
    response.after = reader.read_to_eof()
    return response
