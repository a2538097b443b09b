"""The Django fault project under every server kind: what the client gets, what is logged.

gunicorn sync, gthread and gevent (WSGI), gunicorn's own ASGI worker when the
installed gunicorn has one, and uvicorn (ASGI).
"""

from __future__ import annotations

import importlib.util
import json
import re
import signal
import socket
import time
from dataclasses import dataclass
from typing import Callable, ContextManager, Iterator

import pytest

from tests.apps.servers import Server, free_port, gunicorn_command, serve, uvicorn_command

from .wire import Response, exchange

WSGI_APP = "tests.e2e.django_faults.wsgi:application"
ASGI_APP = "tests.e2e.django_faults.asgi:application"
REQUEST_ID = re.compile(r"req_[0-9A-HJKMNP-TV-Z]{26}")
HOP_BY_HOP = {"transfer-encoding", "connection", "upgrade", "trailer", "keep-alive"}


def _has_gunicorn_asgi_worker() -> bool:
    return importlib.util.find_spec("gunicorn.workers.gasgi") is not None


@dataclass(frozen=True)
class Kind:
    """One server kind running the fault project."""

    name: str
    asgi: bool
    start: Callable[[], ContextManager[Server]]

    def __str__(self) -> str:
        return self.name


def _gunicorn(
    name: str, app: str, *extra: str, threads: int | None = None
) -> ContextManager[Server]:
    port = free_port()
    command = gunicorn_command(app, port, workers=1, threads=threads, extra=extra)
    return serve(name, command, port)


def _uvicorn() -> ContextManager[Server]:
    port = free_port()
    return serve("uvicorn", uvicorn_command(ASGI_APP, port, workers=1), port)


KINDS = [
    Kind("gunicorn-sync", False, lambda: _gunicorn("gunicorn-sync", WSGI_APP)),
    Kind("gunicorn-gthread", False, lambda: _gunicorn("gunicorn-gthread", WSGI_APP, threads=4)),
    Kind(
        "gunicorn-gevent",
        False,
        lambda: _gunicorn("gunicorn-gevent", WSGI_APP, "--worker-class", "gevent"),
    ),
    pytest.param(
        Kind(
            "gunicorn-asgi",
            True,
            lambda: _gunicorn(
                "gunicorn-asgi", ASGI_APP, "--worker-class", "asgi", "--asgi-lifespan", "off"
            ),
        ),
        marks=pytest.mark.skipif(
            not _has_gunicorn_asgi_worker(), reason="this gunicorn has no ASGI worker"
        ),
    ),
    Kind("uvicorn", True, _uvicorn),
]


@dataclass
class Running:
    kind: Kind
    server: Server

    @property
    def port(self) -> int:
        return self.server.port

    def log_since(self, start: int) -> str:
        return self.server.log_text()[start:]

    def log_size(self) -> int:
        return len(self.server.log_text())


@pytest.fixture(scope="module", params=KINDS, ids=str)
def running(request: pytest.FixtureRequest) -> Iterator[Running]:
    kind: Kind = request.param
    with kind.start() as server:
        yield Running(kind, server)
        log = server.log_text()
    # A single uvicorn process ends by the SIGTERM it was stopped with.
    assert server.returncode in (0, -signal.SIGTERM), f"{kind} did not stop cleanly: {log[-2000:]}"


def _envelope(response: Response, status: int, code: str) -> dict[str, str]:
    assert response.status == status, response
    assert response.header("content-type") == "application/json"
    assert response.header("cache-control") == "no-store"
    envelope: dict[str, str] = json.loads(response.body)
    assert envelope["code"] == code
    assert envelope["request_id"] == response.request_id
    assert REQUEST_ID.fullmatch(response.request_id)
    return envelope


def _logged(running: Running, start: int, request_id: str, *, wait: float = 3.0) -> str:
    """What the server logged since ``start``, once the line with ``request_id`` is there."""
    deadline = time.monotonic() + wait
    while True:
        log = running.log_since(start)
        if request_id in log or time.monotonic() > deadline:
            return log
        time.sleep(0.05)


@pytest.mark.parametrize("kind", ["custom", "gevent-timeout", "greenlet-exit"])
def test_a_base_exception_in_a_sync_view_is_the_internal_envelope_logged_once(
    running: Running, kind: str
) -> None:
    start = running.log_size()

    response = exchange(running.port, "GET", f"/base/{kind}")

    envelope = _envelope(response, 500, "internal")
    log = _logged(running, start, envelope["request_id"])
    assert log.count(f"500 internal (request_id={envelope['request_id']})") == 1
    assert "Traceback" in log
    # The worker lives on: the next request is answered.
    assert exchange(running.port, "GET", "/stream").status == 200


def test_a_cancelled_error_leaking_into_an_async_view_is_the_internal_envelope(
    running: Running,
) -> None:
    if not running.kind.asgi:
        pytest.skip("an async view under WSGI runs in its own event loop: no server task")
    start = running.log_size()

    response = exchange(running.port, "GET", "/async/cancelled-inner")

    envelope = _envelope(response, 500, "internal")
    log = _logged(running, start, envelope["request_id"])
    assert log.count(f"500 internal (request_id={envelope['request_id']})") == 1


def test_a_request_whose_client_left_stays_cancelled_and_unanswered(running: Running) -> None:
    if not running.kind.asgi:
        pytest.skip("WSGI servers notice a client that left only when they write")
    start = running.log_size()

    with socket.create_connection(("127.0.0.1", running.port), timeout=5) as sock:
        sock.sendall(b"GET /async/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(0.3)  # the view is waiting
    time.sleep(2.0)  # past the view's own end

    log = running.log_since(start)
    assert "internal" not in log
    assert "Traceback" not in log
    assert exchange(running.port, "GET", "/stream").status == 200


def test_an_api_error_with_hop_by_hop_headers_gets_a_clean_response(running: Running) -> None:
    response = exchange(running.port, "GET", "/hop-by-hop")

    _envelope(response, 409, "conflict")
    assert response.complete
    assert response.framing == "content-length"
    assert response.header("content-encoding") is None
    assert not {name for name, _ in response.headers} & (HOP_BY_HOP - {"connection"})
    assert response.after == b""


def test_a_header_value_the_server_refuses_is_the_internal_envelope_logged_once(
    running: Running,
) -> None:
    start = running.log_size()

    response = exchange(running.port, "GET", "/unsendable-header")

    envelope = _envelope(response, 500, "internal")
    assert response.header("x-note") is None
    log = _logged(running, start, envelope["request_id"])
    assert log.count(f"500 internal (request_id={envelope['request_id']})") == 1


def test_a_stream_that_fails_before_its_first_chunk_is_the_internal_envelope(
    running: Running,
) -> None:
    if running.kind.asgi:
        pytest.skip("ASGI sends the headers before the body: see the test below")
    start = running.log_size()

    response = exchange(running.port, "GET", "/stream-fails-first")

    envelope = _envelope(response, 500, "internal")
    log = _logged(running, start, envelope["request_id"])
    assert "after the headers were sent" not in log
    assert log.count(f"500 internal (request_id={envelope['request_id']})") == 1


def test_under_asgi_a_stream_that_fails_before_its_first_chunk_is_cut_and_logged_truly(
    running: Running,
) -> None:
    # Django's ASGI handler sends the headers before it asks for the first
    # chunk: the 200 with its Request-Id is on its way, the body is cut.
    if not running.kind.asgi:
        pytest.skip("WSGI: the envelope answers, see the test above")
    if running.kind.name == "gunicorn-asgi":
        pytest.xfail("gunicorn's ASGI worker holds the headers back and resets the connection")
    start = running.log_size()

    response = exchange(running.port, "GET", "/stream-fails-first")

    assert response.status == 200
    assert not response.complete
    log = _logged(running, start, response.request_id)
    assert (
        log.count(f"stream failed after the headers were sent (request_id={response.request_id})")
        == 1
    )


def test_a_stream_still_streams(running: Running) -> None:
    response = exchange(running.port, "GET", "/stream")

    assert response.status == 200
    assert response.body == b"chunk\n" * 3
    assert response.request_id
