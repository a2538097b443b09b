"""Start the example apps under a real server on loopback, and talk to them."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .scenarios import Scenario

ROOT = Path(__file__).resolve().parent.parent
APPS = {
    "flask": "examples.flask_app:app",
    "django": "examples.django_project.wsgi:application",
}


@dataclass(frozen=True)
class Answer:
    """One HTTP response as the client saw it."""

    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def gunicorn(app: str, *, workers: int = 2, extra: tuple[str, ...] = ()) -> Iterator[int]:
    """Run ``app`` under gunicorn on 127.0.0.1 and yield its port; stop it after."""
    port = free_port()
    log = tempfile.TemporaryFile()
    command = [
        sys.executable, "-m", "gunicorn", APPS.get(app, app),
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--graceful-timeout", "5", "--timeout", "30", *extra,
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_ready(port, server, log)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_ready(port: int, server: subprocess.Popen[bytes], log: tempfile._TemporaryFileWrapper[bytes] | object) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}: {_tail(log)}")
        try:
            if send(port, Scenario("ready", "GET", "/ok", 200, None)).status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server on port {port} was not ready in 30 s: {_tail(log)}")


def _tail(log: object) -> str:
    log.seek(0)  # type: ignore[attr-defined]
    return log.read().decode(errors="replace")[-2000:]  # type: ignore[attr-defined]


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
