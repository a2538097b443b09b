"""The same hostile views on Flask and Django, called as a server calls them.

Not the example apps (an example teaches; these views misbehave on purpose):
an exception text with a lone surrogate, and ``APIError`` headers a server
must never receive as given. Each app is called through its WSGI callable
(Django also through its ASGI one), so the headers compared are exactly what
a server would get.
"""

from __future__ import annotations

import asyncio
import io
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from asgiref.sync import async_to_sync
from django.urls import path
from flask import Flask

from error_core import APIError
from flask_errors import Errors

# Client JSON "\ud800" decodes to this; the view puts it in an exception.
SURROGATE_TEXT = "client sent \ud800 here"

# name -> the headers an APIError carries (401, so WWW-Authenticate makes sense).
HEADER_CASES: dict[str, list[tuple[str, str]]] = {
    "framing": [
        ("Transfer-Encoding", "chunked"),
        ("Connection", "close"),
        ("Content-Encoding", "gzip"),
        ("Upgrade", "h2c"),
        ("Trailer", "X-Checksum"),
        ("Keep-Alive", "timeout=5"),
        ("Proxy-Connection", "keep-alive"),
        ("TE", "trailers"),
        ("Content-Length", "3"),
        ("HTTP2-Settings", "AAMAAABkAAQAAP__"),
        ("Location", "/elsewhere"),
        ("content-location", "http://h[/x"),
        ("X-Kept", "yes"),
    ],
    "framing-any-case": [("transfer-encoding", "chunked"), ("CONNECTION", "close")],
    "duplicates": [
        ("WWW-Authenticate", 'Bearer realm="api"'),
        ("x-a", "1"),
        ("WWW-Authenticate", 'Basic realm="api"'),
        ("X-A", "2"),
        ("x-A", "3"),
    ],
    "singletons": [
        ("Retry-After", "10"),
        ("Set-Cookie", "a=1; Path=/"),
        ("ETag", '"first"'),
        ("Set-Cookie", "b=2; Path=/"),
        ("retry-after", "20"),
        ("etag", '"second"'),
    ],
}


class Surrogate(RuntimeError):
    """An unexpected exception whose text cannot be written as UTF-8."""


def surrogate() -> None:
    raise Surrogate(SURROGATE_TEXT)


def headers(case: str) -> None:
    raise APIError("Header test.", status=401, headers=HEADER_CASES[case])


def given_headers(headers: list[tuple[str, str]]) -> str:
    """Make ``headers`` what ``/headers/given`` raises; returns that path."""
    HEADER_CASES["given"] = headers
    return "/headers/given"


def flask_app() -> Any:
    """A Flask app with the extension and the hostile views."""
    app = Flask(__name__)
    Errors(app)
    app.add_url_rule("/surrogate", "surrogate", surrogate)
    app.add_url_rule("/headers/<case>", "headers", headers)
    return app


def _django_surrogate(request: Any) -> Any:
    surrogate()


def _django_headers(request: Any, case: str) -> Any:
    headers(case)


urlpatterns = [
    path("surrogate", _django_surrogate),
    path("headers/<str:case>", _django_headers),
]

URLCONF = __name__


@contextmanager
def _without_db_signals() -> Iterator[None]:
    # As Django's test client does: the handlers' request signals would
    # otherwise touch the database, which these tests may not use.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


Response = tuple[int, list[tuple[str, str]], bytes]


def _environ(path: str) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def call_wsgi(app: Callable[..., Any], path: str) -> Response:
    """Call a WSGI app as a server would: status, header list and body."""
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        started[:] = [int(status.split()[0]), list(headers)]
        return lambda data: None

    result = app(_environ(path), start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return started[0], started[1], body


def django_wsgi(path: str) -> Response:
    """``path`` through Django's WSGI handler, with this module as the URLconf."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    with override_settings(ROOT_URLCONF=URLCONF), _without_db_signals():
        return call_wsgi(WSGIHandler(), path)


def django_asgi(path: str) -> Response:
    """``path`` through Django's ASGI handler, with this module as the URLconf."""
    from django.core.handlers.asgi import ASGIHandler
    from django.test import override_settings

    with override_settings(ROOT_URLCONF=URLCONF), _without_db_signals():
        return call_asgi(ASGIHandler(), path)


def flask_wsgi(path: str) -> Response:
    """``path`` through a fresh Flask app with the extension."""
    return call_wsgi(flask_app(), path)


SENDERS: dict[str, Callable[[str], Response]] = {
    "flask": flask_wsgi,
    "django": django_wsgi,
    "django-asgi": django_asgi,
}


def call_asgi(app: Callable[..., Any], path: str) -> Response:
    """Call an ASGI app as a server would: status, header list and body."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 1234),
        "server": ("localhost", 80),
    }
    sent: list[dict[str, Any]] = []
    received: list[bool] = []

    async def receive() -> dict[str, Any]:
        if not received:
            received.append(True)
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Future()  # the client stays: wait until the app is done
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def run() -> None:
        await app(scope, receive, send)

    async_to_sync(run)()
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    headers = [
        (name.decode("latin-1"), value.decode("latin-1")) for name, value in start["headers"]
    ]
    return start["status"], headers, body
