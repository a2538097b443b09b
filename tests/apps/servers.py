"""Start the example apps under a real server on loopback, and talk to them.

``gunicorn()`` yields the port (the demo's use); ``gunicorn_server()`` and
``uvicorn_server()`` yield a :class:`Server` that also gives the server's log.
Every server binds 127.0.0.1 on a free port, is waited for until it answers,
and is stopped with SIGTERM (graceful shutdown) at the end.
"""

from __future__ import annotations

import http.client
import importlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from .scenarios import Scenario

ROOT = Path(__file__).resolve().parents[2]
APPS = {
    "flask": "tests.apps.flask_app:app",
    "django": "tests.apps.django_project.wsgi:application",
    "flask-widgets": "examples.flask_widgets:app",
    "django-widgets": "examples.django_widgets.wsgi:application",
}
# The Django settings each app runs with (the scenario project's, unless named here).
SETTINGS = {"django-widgets": "examples.django_widgets.settings"}
ASGI_APPS = {
    "django": "tests.apps.django_project.asgi:application",
}
READY_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0


@dataclass(frozen=True)
class Answer:
    """One HTTP response as the client saw it."""

    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


@dataclass
class Server:
    """A running server: its port, its process and its combined stdout/stderr."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    returncode: int | None = None  # set once stopped

    def log_text(self) -> str:
        """Everything the server (master and workers) has written so far."""
        self.log.flush()
        with open(self.log.name, "rb") as log:
            return log.read().decode(errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _server_env(app: str = "") -> dict[str, str]:
    # The example project's own settings, not whatever the caller (a test run) uses.
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": SETTINGS.get(app, "tests.apps.django_project.settings"),
    }
    # Development mode (debug allocators, asyncio debug) slows a server down
    # several-fold; the servers run as they would in production.
    env.pop("PYTHONDEVMODE", None)
    return env


@contextmanager
def serve(name: str, command: list[str], port: int, *, app: str = "") -> Iterator[Server]:
    """Run ``command`` (a server bound to 127.0.0.1:``port``) until the block ends."""
    with tempfile.NamedTemporaryFile(prefix=f"{name}-", suffix=".log") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=_server_env(app)
        )
        server = Server(name, port, process, log)
        try:
            _wait_ready(server)
            yield server
        finally:
            server.returncode = _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM (both servers shut down gracefully on it), SIGKILL if that hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return -signal.SIGKILL


def gunicorn_command(
    app: str,
    port: int,
    *,
    workers: int = 2,
    threads: int | None = None,
    extra: tuple[str, ...] = (),
) -> list[str]:
    """gunicorn with sync workers, or gthread workers when ``threads`` is given."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        APPS.get(app, app),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--graceful-timeout",
        "5",
        "--timeout",
        "30",
    ]
    if threads is not None:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    if _gunicorn_has_setting("control_socket_disable"):
        # Recent gunicorn opens a control socket at one path per user by default:
        # servers running side by side (tests, the demo) would share it.
        command.append("--no-control-socket")
    return [*command, *extra]


def _gunicorn_has_setting(name: str) -> bool:
    try:
        config = importlib.import_module("gunicorn.config")
    except ImportError:
        return False
    return any(setting.name == name for setting in config.KNOWN_SETTINGS)


def uvicorn_command(
    app: str, port: int, *, workers: int = 2, extra: tuple[str, ...] = ()
) -> list[str]:
    """uvicorn (ASGI) with ``workers`` processes and no access log."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        ASGI_APPS.get(app, app),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--timeout-graceful-shutdown",
        "5",
        *extra,
    ]


@contextmanager
def gunicorn_server(
    app: str, *, workers: int = 2, threads: int | None = None, extra: tuple[str, ...] = ()
) -> Iterator[Server]:
    """Run ``app`` ("flask", "django" or a WSGI path) under gunicorn on 127.0.0.1."""
    port = free_port()
    kind = "sync" if threads is None else "gthread"
    command = gunicorn_command(app, port, workers=workers, threads=threads, extra=extra)
    with serve(f"gunicorn-{kind}-{app}", command, port, app=app) as server:
        yield server


@contextmanager
def uvicorn_server(
    app: str = "django", *, workers: int = 2, extra: tuple[str, ...] = ()
) -> Iterator[Server]:
    """Run ``app`` ("django" or an ASGI path) under uvicorn on 127.0.0.1."""
    port = free_port()
    command = uvicorn_command(app, port, workers=workers, extra=extra)
    with serve(f"uvicorn-{app}", command, port) as server:
        yield server


@contextmanager
def gunicorn(app: str, *, workers: int = 2, extra: tuple[str, ...] = ()) -> Iterator[int]:
    """Run ``app`` under gunicorn on 127.0.0.1 and yield its port; stop it after."""
    with gunicorn_server(app, workers=workers, extra=extra) as server:
        yield server.port


def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.name} exited with {server.process.returncode}: {_tail(server)}"
            )
        try:
            # Any HTTP answer means the server is up (the example apps have no /ok).
            send(server.port, Scenario("ready", "GET", "/ok", 200, None), timeout=2)
            return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{server.name} was not ready in {READY_TIMEOUT:.0f} s: {_tail(server)}")


def _tail(server: Server) -> str:
    return server.log_text()[-2000:]


def send(port: int, scenario: Scenario, *, timeout: float = 10) -> Answer:
    """Send one scenario's request over HTTP and read the whole response."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(scenario.method, scenario.path, scenario.body or None, scenario.headers)
        response = connection.getresponse()
        body = response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, headers, body)
    finally:
        connection.close()
