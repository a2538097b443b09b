"""Requests as a server hands them over: hand-built WSGI environs and ASGI scopes.

The frameworks' test clients tidy requests up (they refuse a newline in a
header, encode the path, set ``Host``); a server passes on what the client
sent. PEP 3333: ``PATH_INFO`` is the percent-decoded path, every value a
``str`` holding the raw bytes as Latin-1. ASGI: ``path`` is the decoded path
as text, ``raw_path``, ``query_string`` and the headers are bytes.
"""

from __future__ import annotations

import asyncio
import io
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable
from urllib.parse import unquote_to_bytes

Headers = list[tuple[str, bytes]]


@dataclass(frozen=True)
class RawRequest:
    """One request: method, raw path and query bytes, headers as bytes, body."""

    method: str = "GET"
    path: bytes = b"/"
    query: bytes = b""
    headers: Headers = field(default_factory=list)
    body: bytes = b""
    host: bytes | None = b"localhost"
    # Whether the server percent-decodes the path (they all do; raw "%zz" stays).
    decode_path: bool = True


@dataclass(frozen=True)
class Answer:
    """What the application sent back."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        """The only value of header ``name``; fails if it was sent twice."""
        values = self.all(name)
        assert len(values) <= 1, f"{name} sent {len(values)} times: {values}"
        return values[0] if values else None

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]


def latin1(value: bytes) -> str:
    return value.decode("latin-1")


def as_bytes(value: str) -> bytes:
    """A header value as a client would send the text (UTF-8; lone surrogates too)."""
    return value.encode("utf-8", "surrogatepass")


def decoded_path(request: RawRequest) -> bytes:
    return unquote_to_bytes(request.path) if request.decode_path else request.path


def environ(request: RawRequest) -> dict[str, Any]:
    """The WSGI environ a server builds for ``request``."""
    env: dict[str, Any] = {
        "REQUEST_METHOD": request.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": latin1(decoded_path(request)),
        "QUERY_STRING": latin1(request.query),
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(request.body),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    if request.body:
        env["CONTENT_LENGTH"] = str(len(request.body))
    if request.host is not None:
        env["HTTP_HOST"] = latin1(request.host)
    for name, value in request.headers:
        key = name.upper().replace("-", "_")
        key = key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"
        # A server joins a repeated header with commas.
        env[key] = f"{env[key]},{latin1(value)}" if key in env else latin1(value)
    return env


def call_wsgi(app: Callable[..., Iterable[bytes]], env: dict[str, Any]) -> Answer:
    """Call a WSGI application as a server does (PEP 3333's start_response rules)."""
    started: list[tuple[str, list[tuple[str, str]]]] = []
    written: list[bytes] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        if started and exc_info is None:
            raise AssertionError("start_response called twice without exc_info")
        if exc_info is not None and written:
            raise exc_info[1].with_traceback(exc_info[2])
        started[:] = [(status, headers)]
        return written.append

    result = app(env, start_response)
    try:
        chunks = list(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    assert started, "the application never called start_response"
    status, headers = started[0]
    for name, value in headers:
        # What a server can put on the wire: Latin-1 text without CR/LF.
        assert isinstance(name, str) and isinstance(value, str), (name, value)
        value.encode("latin-1")
        assert "\r" not in value and "\n" not in value, (name, value)
    return Answer(int(status.split(" ", 1)[0]), list(headers), b"".join([*written, *chunks]))


def scope(request: RawRequest) -> dict[str, Any]:
    """The ASGI HTTP scope a server builds for ``request``."""
    headers = [(b"host", request.host)] if request.host is not None else []
    headers += [(name.lower().encode("latin-1"), value) for name, value in request.headers]
    if request.body:
        headers.append((b"content-length", str(len(request.body)).encode()))
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": "http",
        "path": decoded_path(request).decode("utf-8", "replace"),
        "raw_path": request.path,
        "query_string": request.query,
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }


def call_asgi(
    app: Callable[..., Any],
    asgi_scope: dict[str, Any],
    body: bytes,
    loop: asyncio.AbstractEventLoop,
) -> Answer:
    """Call an ASGI application with one request and collect its response."""
    sent: list[dict[str, Any]] = []
    received = False

    async def receive() -> dict[str, Any]:
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the client stays connected until cancelled
        raise AssertionError("unreachable")  # pragma: no cover

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    loop.run_until_complete(app(asgi_scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = [(latin1(name), latin1(value)) for name, value in start["headers"]]
    for name, value in headers:
        assert "\r" not in value and "\n" not in value, (name, value)
    chunks = [m.get("body", b"") for m in sent if m["type"] == "http.response.body"]
    return Answer(start["status"], headers, b"".join(chunks))


def envelope_of(answer: Answer, status: int, code: str, header: str = "Request-Id") -> str:
    """``answer`` is the envelope of ``code`` with ``status``; returns its request id."""
    assert answer.status == status, (answer.status, answer.body[:300])
    assert answer.header("Content-Type") == "application/json"
    assert answer.header("Cache-Control") == "no-store"
    request_id = answer.header(header)
    assert request_id is not None
    assert answer.header("Content-Length") == str(len(answer.body))
    envelope = json.loads(answer.body)
    assert list(envelope) == ["code", "message", "request_id"]
    assert envelope["code"] == code
    assert envelope["request_id"] == request_id
    return request_id
