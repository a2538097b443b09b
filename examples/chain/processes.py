"""Start Redis and a Celery worker on loopback, and stop them by pid.

Used by the chain demo and by the tests of the Celery integration. Each
process writes to a temporary log file, is waited for until it is ready
(bounded), and is stopped with SIGTERM (SIGKILL if that hangs).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterator

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0


@dataclass
class Process:
    """A started process and its combined stdout/stderr."""

    name: str
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    returncode: int | None = None  # set once stopped

    def log_text(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_bytes().decode(errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def environment(**extra: str) -> dict[str, str]:
    """The environment of a child process: the repository importable, no dev mode."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDEVMODE", None)  # the debug checks would slow the servers down
    # A caller's Django project (a test run's) would turn on Celery's Django fix-up.
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return {**env, **extra}


@contextmanager
def running(
    name: str, command: list[str], ready: Callable[[Process], bool], env: dict[str, str]
) -> Iterator[Process]:
    """Run ``command`` until the block ends, once ``ready(process)`` is true."""
    with tempfile.NamedTemporaryFile(prefix=f"{name}-", suffix=".log") as log:
        popen = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        process = Process(name, popen, log)
        try:
            deadline = time.monotonic() + READY_TIMEOUT
            while not ready(process):
                if popen.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not start: {process.log_text()[-2000:]}")
                time.sleep(0.1)
            yield process
        finally:
            process.returncode = stop(popen)


def stop(popen: subprocess.Popen[bytes]) -> int:
    """SIGTERM to the pid, SIGKILL if it has not exited in time."""
    if popen.poll() is None:
        popen.send_signal(signal.SIGTERM)
    try:
        return popen.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        popen.kill()
        popen.wait()
        return -signal.SIGKILL


def redis_binary() -> str | None:
    """The ``redis-server`` executable, or ``None`` if it is not installed."""
    return shutil.which("redis-server")


@contextmanager
def redis_server() -> Iterator[str]:
    """A throw-away Redis on 127.0.0.1 (no persistence); yields its URL."""
    binary = redis_binary()
    if binary is None:
        raise RuntimeError("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    command = [
        binary,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
    ]

    def ready(process: Process) -> bool:
        return "Ready to accept connections" in process.log_text()

    with running("redis", command, ready, environment()):
        yield f"redis://127.0.0.1:{port}/0"


@contextmanager
def celery_worker(app: str, env: dict[str, str]) -> Iterator[Process]:
    """A Celery worker of ``app`` (prefork, one child) until the block ends."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        app,
        "worker",
        "--pool",
        "prefork",
        "--concurrency",
        "1",
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--hostname",
        f"worker-{os.getpid()}@127.0.0.1",
    ]

    def ready(process: Process) -> bool:
        return " ready." in process.log_text()

    with running("celery", command, ready, env) as process:
        yield process
