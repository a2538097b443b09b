"""A bounded load check: many clients, mixed requests, every response checked.

Client processes (``spawn``) each run threads with their own keep-alive
connection (see :mod:`tests.e2e.wire`). Every request carries a unique marker;
the echo views answer with the marker and the id they saw, so a response that
carries another request's id is caught. The parent merges the results and
counts duplicate request ids across all workers.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from .wire import Connection, Response, WireError

ID = re.compile(r"req_[0-9A-HJKMNP-TV-Z]{26}")
ENVELOPE_KEYS = ["code", "message", "request_id"]
JSON = {"Content-Type": "application/json"}
TOO_LARGE = b"x" * 2048  # both example apps accept 1024 bytes
UNEXPECTED_LOG_LINE = "RuntimeError: db-password=hunter2"  # tests.apps.errors.SECRET
RECONNECT_EVERY = 25  # requests per keep-alive connection


@dataclass(frozen=True)
class Kind:
    """One kind of request in the mix and what its response must be."""

    name: str
    method: str
    path: str  # "{marker}" is replaced by the request's marker
    status: int
    code: str | None  # None: a success
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    # "body": a success echo {"marker", "request_id"}; "message": an error
    # whose message is "marker=<marker> request_id=<the id the view saw>".
    echo: str = ""
    expect_headers: tuple[tuple[str, str], ...] = ()  # (name, value the header must contain)
    unexpected: bool = False  # an unexpected exception: its traceback is logged once


def _error_echo(status: int, code: str, *, async_view: bool) -> Kind:
    prefix = "/async" if async_view else ""
    return Kind(
        f"echo-{status}{'-async' if async_view else ''}",
        "GET",
        f"{prefix}/echo?marker={{marker}}&status={status}",
        status,
        code,
        echo="message",
    )


MIX: tuple[Kind, ...] = (
    # Successes, sync and async views, with and without a client-sent id.
    Kind("echo", "GET", "/echo?marker={marker}", 200, None, echo="body"),
    Kind("echo-async", "GET", "/async/echo?marker={marker}", 200, None, echo="body"),
    Kind(
        "echo-incoming-id",
        "GET",
        "/echo?marker={marker}",
        200,
        None,
        headers=(("X-Request-Id", "client-chosen-id"),),
        echo="body",
    ),
    Kind("echo-async-2", "GET", "/async/echo?marker={marker}", 200, None, echo="body"),
    Kind("created", "POST", "/items", 201, None, b'{"name": "widget"}', tuple(JSON.items())),
    Kind("head-ok", "HEAD", "/ok", 200, None),
    # Every built-in error class, raised by a view that names the id it saw.
    _error_echo(400, "invalid_request", async_view=False),
    _error_echo(401, "authentication", async_view=True),
    _error_echo(403, "permission_denied", async_view=False),
    _error_echo(404, "not_found", async_view=True),
    _error_echo(405, "method_not_allowed", async_view=False),
    _error_echo(406, "not_acceptable", async_view=True),
    _error_echo(409, "conflict", async_view=False),
    _error_echo(413, "payload_too_large", async_view=True),
    _error_echo(415, "unsupported_media_type", async_view=False),
    _error_echo(429, "rate_limited", async_view=True),
    _error_echo(500, "internal", async_view=False),
    _error_echo(503, "unavailable", async_view=True),
    Kind("card-declined", "GET", "/errors/card-declined", 402, "card_declined"),
    # Errors the frameworks raise or render themselves, and unexpected exceptions.
    Kind("route-not-found", "GET", "/no/such/route", 404, "not_found"),
    Kind(
        "method-not-allowed",
        "DELETE",
        "/items",
        405,
        "method_not_allowed",
        expect_headers=(("allow", "GET"), ("allow", "POST")),
    ),
    Kind("body-too-large", "POST", "/upload", 413, "payload_too_large", TOO_LARGE),
    Kind(
        "malformed-json", "POST", "/items", 400, "invalid_request", b'{"name": ', (*JSON.items(),)
    ),
    Kind(
        "rate-limited",
        "GET",
        "/errors/rate-limited",
        429,
        "rate_limited",
        expect_headers=(("retry-after", "30"),),
    ),
    Kind(
        "framework-503",
        "GET",
        "/framework/503",
        503,
        "unavailable",
        expect_headers=(("retry-after", "120"),),
    ),
    Kind("unexpected", "GET", "/errors/unexpected", 500, "internal", unexpected=True),
    Kind("unexpected-async", "GET", "/async/unexpected", 500, "internal", unexpected=True),
    Kind("head-error", "HEAD", "/echo?marker={marker}&status=404", 404, "not_found"),
)


@dataclass
class Tally:
    """What one client process (or all of them, merged) saw."""

    requests: int = 0
    by_class: Counter[str] = field(default_factory=Counter)  # error code, or "success"
    by_kind: Counter[str] = field(default_factory=Counter)
    non_envelope: int = 0  # an error response whose body is not the envelope
    body_id_differs: int = 0  # envelope request_id != Request-Id header
    other_request_id: int = 0  # the view saw (or echoed) another request's id or marker
    wrong_status: int = 0
    header_problems: int = 0  # Content-Length, Content-Type, no-store, Allow, Retry-After...
    transport_errors: int = 0
    retries: int = 0  # a kept-alive connection closed by the server before the request
    connections: int = 0
    not_sent: int = 0  # left when the deadline passed
    ids: list[str] = field(default_factory=list)
    pids: set[int] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)  # the first few problems, described

    def problem(self, what: str) -> None:
        if len(self.examples) < 20:
            self.examples.append(what)

    def merge(self, other: Tally) -> None:
        for name in (
            "requests",
            "non_envelope",
            "body_id_differs",
            "other_request_id",
            "wrong_status",
            "header_problems",
            "transport_errors",
            "retries",
            "connections",
            "not_sent",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_class.update(other.by_class)
        self.by_kind.update(other.by_kind)
        self.ids.extend(other.ids)
        self.pids |= other.pids
        for example in other.examples:
            self.problem(example)

    @property
    def duplicate_ids(self) -> int:
        return len(self.ids) - len(set(self.ids))

    @property
    def failures(self) -> int:
        return (
            self.non_envelope
            + self.body_id_differs
            + self.other_request_id
            + self.wrong_status
            + self.header_problems
            + self.transport_errors
            + self.not_sent
            + self.duplicate_ids
        )


def check(kind: Kind, marker: str, response: Response, tally: Tally) -> None:
    """Check one response against its kind; count what is wrong."""
    tally.requests += 1
    tally.by_kind[kind.name] += 1
    where = f"{kind.method} {kind.path.format(marker=marker)}"
    ids = response.header_values("request-id")
    if len(ids) != 1 or not ID.fullmatch(ids[0]):
        tally.header_problems += 1
        tally.problem(f"{where}: Request-Id headers {ids}")
    request_id = ids[0] if ids else ""
    tally.ids.append(request_id)
    if response.status != kind.status:
        tally.wrong_status += 1
        tally.problem(f"{where}: status {response.status}, not {kind.status}")
        return
    for name, value in kind.expect_headers:
        if value not in (response.header(name) or ""):
            tally.header_problems += 1
            tally.problem(f"{where}: {name}: {response.header(name)!r} lacks {value!r}")
    if kind.code is None:
        tally.by_class["success"] += 1
        if kind.echo == "body":
            _check_success_echo(where, marker, request_id, response, tally)
        return
    tally.by_class[kind.code] += 1
    _check_error(kind, where, marker, request_id, response, tally)


def _check_success_echo(
    where: str, marker: str, request_id: str, response: Response, tally: Tally
) -> None:
    try:
        echoed = json.loads(response.body)
        tally.pids.add(int(echoed["pid"]))
        seen = (echoed["marker"], echoed["request_id"])
    except (ValueError, KeyError, TypeError):
        tally.other_request_id += 1
        tally.problem(f"{where}: not an echo: {response.body[:200]!r}")
        return
    if seen != (marker, request_id):
        tally.other_request_id += 1
        tally.problem(f"{where}: echoed {seen}, sent marker {marker} and got id {request_id}")


def _check_error(
    kind: Kind, where: str, marker: str, request_id: str, response: Response, tally: Tally
) -> None:
    headers_ok = (
        response.header("content-type") == "application/json"
        and response.header("cache-control") == "no-store"
        and len(response.header_values("content-length")) == 1
    )
    if kind.method == "HEAD":
        if response.body or not headers_ok:
            tally.header_problems += 1
            tally.problem(f"{where}: HEAD answered {response.headers} {response.body[:100]!r}")
        return
    if not headers_ok or response.header("content-length") != str(len(response.body)):
        tally.header_problems += 1
        tally.problem(f"{where}: headers {response.headers}, {len(response.body)} body bytes")
    try:
        envelope = json.loads(response.body)
        envelope_ok = list(envelope) == ENVELOPE_KEYS and envelope["code"] == kind.code
    except (ValueError, TypeError):
        envelope_ok = False
    if not envelope_ok:
        tally.non_envelope += 1
        tally.problem(f"{where}: not the {kind.code} envelope: {response.body[:200]!r}")
        return
    if envelope["request_id"] != request_id:
        tally.body_id_differs += 1
        tally.problem(f"{where}: body id {envelope['request_id']}, header id {request_id}")
    if kind.echo == "message":
        expected = f"marker={marker} request_id={request_id}"
        if envelope["message"] != expected:
            tally.other_request_id += 1
            tally.problem(f"{where}: message {envelope['message']!r}, expected {expected!r}")


def _client(
    port: int,
    numbers: range,
    marker_prefix: str,
    deadline: float,
    tally: Tally,
    lock: threading.Lock,
) -> None:
    local = Tally()
    with Connection(port, timeout=30) as connection:
        for position, number in enumerate(numbers):
            if time.monotonic() > deadline:
                local.not_sent += len(numbers) - position
                break
            if position % RECONNECT_EVERY == 0:
                # As real clients do now and then; it also spreads the
                # connections over the workers of keep-alive servers.
                connection.close()
            kind = MIX[number % len(MIX)]
            marker = f"{marker_prefix}{number}"
            response = _send(connection, kind, marker, local)
            if response is not None:
                check(kind, marker, response, local)
        local.connections = connection.connects
    with lock:
        tally.merge(local)


def _send(connection: Connection, kind: Kind, marker: str, tally: Tally) -> Response | None:
    headers = dict(kind.headers)
    for attempt in range(2):
        reused = connection.sock is not None
        try:
            return connection.request(
                kind.method, kind.path.format(marker=marker), kind.body, headers
            )
        except (ConnectionResetError, BrokenPipeError) as error:
            # A kept-alive connection the server closed in between: HTTP clients
            # retry those on a fresh connection (nothing of an answer arrived).
            if reused and attempt == 0:
                tally.retries += 1
                continue
            failure: Exception = error
        except (OSError, WireError) as error:
            failure = error
        tally.transport_errors += 1
        tally.problem(f"{kind.method} {kind.path}: {type(failure).__name__}: {failure}")
        return None
    return None


def client_process(
    port: int, first: int, count: int, threads: int, index: int, seconds: float
) -> Tally:
    """Send requests ``first`` .. ``first + count - 1`` from ``threads`` threads."""
    tally = Tally()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    workers = [
        threading.Thread(
            target=_client,
            args=(
                port,
                range(first + t, first + count, threads),
                f"p{index}t{t}n",
                deadline,
                tally,
                lock,
            ),
        )
        for t in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return tally


@dataclass
class LoadResult:
    """All clients' tally, and how long the run took."""

    tally: Tally
    clients: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.tally.requests / self.seconds if self.seconds else 0.0

    def report(self, name: str) -> str:
        t = self.tally
        classes = ", ".join(f"{code} {n}" for code, n in sorted(t.by_class.items()))
        lines = [
            f"[load] {name}: {t.requests} requests from {self.clients} clients in "
            f"{self.seconds:.1f} s = {self.per_second:.0f} requests/s; "
            f"{len(t.pids)} worker processes answered; {t.connections} connections",
            f"[load]   by class: {classes}",
            f"[load]   errors: {t.requests - t.by_class['success']}; "
            f"non-envelope error bodies {t.non_envelope}; duplicate ids {t.duplicate_ids}; "
            f"body id != Request-Id {t.body_id_differs}; another request's id or marker "
            f"{t.other_request_id}; wrong status {t.wrong_status}; header problems "
            f"{t.header_problems}; transport errors {t.transport_errors}; "
            f"retried {t.retries}; not sent {t.not_sent}",
        ]
        lines += [f"[load]   problem: {example}" for example in t.examples]
        return "\n".join(lines)


def run_load(
    port: int, *, requests: int, processes: int, threads: int, seconds: float
) -> LoadResult:
    """``requests`` mixed requests from ``processes`` x ``threads`` concurrent clients."""
    context = multiprocessing.get_context("spawn")
    share = -(-requests // processes)
    total = Tally()
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        futures = [
            pool.submit(
                client_process,
                port,
                index * share,
                min(share, requests - index * share),
                threads,
                index,
                seconds,
            )
            for index in range(processes)
        ]
        for future in futures:
            total.merge(future.result())
    return LoadResult(total, processes * threads, time.monotonic() - started)
