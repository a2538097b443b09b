"""Flask under gunicorn (sync, gthread, gevent): failures a real server brings out.

Each is answered with the envelope and its ``Request-Id`` (never the server's
HTML page), logged once with the id, and the worker lives on.
"""

from __future__ import annotations

import json
import random
import socket
import time
from dataclasses import dataclass
from typing import Iterator

import pytest

from tests.apps.servers import Server, gunicorn_server

from .conftest import WORKER_TROUBLE
from .load import ENVELOPE_KEYS, ID
from .wire import Connection, Response, exchange, read_response

APP = "tests.e2e.flask_faults:app"
KINDS = {
    "sync": (),
    "gthread": ("--worker-class", "gthread", "--threads", "4"),
    "gevent": ("--worker-class", "gevent"),
}
BASE_EXCEPTIONS = ("cancelled", "custom", "gevent-timeout", "greenlet-exit")
HOP_BY_HOP = (
    "Transfer-Encoding",
    "Connection",
    "Content-Encoding",
    "Upgrade",
    "Trailer",
    "Keep-Alive",
)


@dataclass
class Faults:
    kind: str
    server: Server

    @property
    def port(self) -> int:
        return self.server.port

    def log_lines(self, request_id: str, seconds: float = 3) -> list[str]:
        """The log lines naming ``request_id`` (waits for them a little)."""
        deadline = time.monotonic() + seconds
        while True:
            lines = [line for line in self.server.log_text().splitlines() if request_id in line]
            if lines or time.monotonic() > deadline:
                return lines
            time.sleep(0.1)


@pytest.fixture(scope="module", params=list(KINDS), ids=lambda kind: f"gunicorn-{kind}")
def faults(request: pytest.FixtureRequest) -> Iterator[Faults]:
    """One worker, so that a dead worker shows as a new pid."""
    kind: str = request.param
    with gunicorn_server(APP, workers=1, extra=KINDS[kind]) as server:
        yield Faults(kind, server)
        log = server.log_text()
    trouble = [line for line in log.splitlines() if any(t in line for t in WORKER_TROUBLE)]
    assert not trouble, f"{kind}: {trouble[:5]}"


def _pid(faults: Faults) -> int:
    pid: int = exchange(faults.port, "GET", "/pid").json()["pid"]
    return pid


def _assert_envelope(response: Response, status: int, code: str) -> dict[str, str]:
    assert response.status == status, response.body[:200]
    assert ID.fullmatch(response.request_id), response.headers
    assert response.header("content-type") == "application/json"
    assert response.header("cache-control") == "no-store"
    assert response.framing == "content-length" and response.complete
    envelope: dict[str, str] = json.loads(response.body)
    assert list(envelope) == ENVELOPE_KEYS
    assert envelope["code"] == code and envelope["request_id"] == response.request_id
    return envelope


def _assert_logged_once_with_traceback(faults: Faults, request_id: str, name: str) -> None:
    lines = faults.log_lines(request_id)
    assert [line for line in lines if "-> 500 internal" in line], lines
    assert len([line for line in lines if line.startswith("ERROR error_core")]) == 1, lines
    log = faults.server.log_text()
    assert log.count(f"(request_id={request_id})") == 1
    assert name in log.split(f"(request_id={request_id})", 1)[1], "no traceback after the line"


@pytest.mark.parametrize("kind", BASE_EXCEPTIONS)
def test_a_base_exception_is_answered_and_the_worker_lives(faults: Faults, kind: str) -> None:
    pid = _pid(faults)

    response = exchange(faults.port, "GET", f"/base/{kind}")

    _assert_envelope(response, 500, "internal")
    name = {"cancelled": "CancelledError", "custom": "CustomBaseError"}.get(kind, "")
    _assert_logged_once_with_traceback(faults, response.request_id, name)
    assert _pid(faults) == pid, "the worker was replaced"


@pytest.mark.parametrize("header", HOP_BY_HOP)
def test_hop_by_hop_headers_of_an_api_error_do_not_reach_the_wire(
    faults: Faults, header: str
) -> None:
    """Depends on the core dropping framing and hop-by-hop headers from APIError.headers."""
    with Connection(faults.port) as connection:
        response = connection.request("GET", f"/hop/{header}")
        _assert_envelope(response, 409, "conflict")
        assert response.header("content-encoding") is None
        assert response.header("transfer-encoding") is None
        assert response.header("upgrade") is None
        assert response.header("trailer") is None
        assert response.header("keep-alive") is None
        assert response.header("connection") in (None, "close", "keep-alive")  # the server's own
        assert connection.request("GET", "/ok").status == 200


def test_a_header_the_server_refuses_is_answered_with_the_envelope(faults: Faults) -> None:
    response = exchange(faults.port, "GET", "/bad-header")

    _assert_envelope(response, 500, "internal")
    assert response.header("x-note") is None
    _assert_logged_once_with_traceback(faults, response.request_id, "RefusedHeaderError")


def test_a_stream_failing_before_its_first_chunk_is_answered_with_the_envelope(
    faults: Faults,
) -> None:
    response = exchange(faults.port, "GET", "/stream-fails-first")

    _assert_envelope(response, 500, "internal")
    _assert_logged_once_with_traceback(faults, response.request_id, "RuntimeError")
    assert not any(
        "after the headers were sent" in line for line in faults.log_lines(response.request_id)
    )


def test_an_app_calling_start_response_late_is_served(faults: Faults) -> None:
    response = exchange(faults.port, "GET", "/legacy/page")

    assert response.status == 200 and response.body == b"legacy"
    assert ID.fullmatch(response.request_id)


CHUNKED = {"Transfer-Encoding": "chunked"}
BROKEN_BODIES: dict[str, tuple[bytes, dict[str, str]]] = {
    "bad-chunk-size": (b"zz\r\nabc\r\n0\r\n\r\n", CHUNKED),
    "chunk-missing-terminator": (b"3\r\nabcXX0\r\n\r\n", CHUNKED),
    "chunk-larger-than-sent": (b"ff\r\nabc", CHUNKED),
    "no-last-chunk": (b"3\r\nabc\r\n", CHUNKED),
    "negative-chunk-size": (b"-1\r\nabc\r\n0\r\n\r\n", CHUNKED),
    "huge-chunk-size": (b"f" * 40 + b"\r\nabc\r\n0\r\n\r\n", CHUNKED),
    "bad-chunk-extension": (b"3;\x00\r\nabc\r\n0\r\n\r\n", CHUNKED),
    "chunk-size-without-crlf": (b"3abc\r\n0\r\n\r\n", CHUNKED),
    "bad-trailer": (b"3\r\nabc\r\n0\r\nbad trailer\r\n\r\n", CHUNKED),
    "shorter-than-content-length": (b"a=1", {"Content-Length": "100"}),
    "truncated-multipart": (
        b'--b\r\nContent-Disposition: form-data; name="f"\r\n\r\nabc',
        {"Content-Type": "multipart/form-data; boundary=b", "Content-Length": "90"},
    ),
}
_VALID_CHUNKED = b"4\r\na=1&\r\n3\r\nb=2\r\n0\r\n\r\n"


def _mutations(count: int, seed: int = 12) -> dict[str, tuple[bytes, dict[str, str]]]:
    """Valid chunked bodies with bytes replaced, dropped or cut (seeded, reproducible)."""
    rng = random.Random(seed)
    found: dict[str, tuple[bytes, dict[str, str]]] = {}
    while len(found) < count:
        body = bytearray(_VALID_CHUNKED)
        for _ in range(rng.randint(1, 3)):
            if not body:
                break
            at = rng.randrange(len(body))
            action = rng.choice(("replace", "drop", "cut"))
            if action == "replace":
                body[at] = rng.choice(b"\r\n;0fzZ \x00\xff-")
            elif action == "drop":
                del body[at]
            else:
                del body[at:]
        if bytes(body) != _VALID_CHUNKED:
            found[f"mutated-{len(found)}"] = (bytes(body), CHUNKED)
    return found


def _post_raw(port: int, path: str, body: bytes, headers: dict[str, str]) -> Response:
    """POST, then close our side: a body shorter than announced ends there."""
    fields = {"Host": f"127.0.0.1:{port}", "Connection": "close", **headers}
    head = f"POST {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items())
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode("latin-1") + b"\r\n" + body)
        sock.shutdown(socket.SHUT_WR)
        return read_response(sock, "POST")


CONTENT_TYPES = {
    "/body": "application/octet-stream",
    "/json": "application/json",
    "/form": "application/x-www-form-urlencoded",
}


@pytest.mark.parametrize("path", list(CONTENT_TYPES))
def test_a_malformed_request_body_is_a_client_error_logged_without_traceback(
    faults: Faults, path: str
) -> None:
    """Body framing fuzzed over loopback: every answer a 4xx, never an ERROR line."""
    cases = {**BROKEN_BODIES, **_mutations(40)}
    log_start = len(faults.server.log_text())
    answers = {}
    for name, (body, headers) in cases.items():
        headers = {"Content-Type": CONTENT_TYPES[path], **headers}
        response = _post_raw(faults.port, path, body, headers)
        answers[name] = response.status
        if response.request_id:  # the app answered (not gunicorn's own parser)
            assert response.status < 500, (name, response.body[:200])
            if response.status >= 400:
                _assert_envelope(response, 400, "invalid_request")
        else:
            assert 400 <= response.status < 500, (name, response.status)
    for name in BROKEN_BODIES:
        if path != "/json" or name != "truncated-multipart":  # /json ignores a form body
            assert answers[name] == 400, (name, answers[name])
    time.sleep(0.3)  # the last lines reach the log
    log = faults.server.log_text()[log_start:]
    assert "ERROR" not in log and "Traceback" not in log, log[-3000:]
