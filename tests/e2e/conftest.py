"""End-to-end tests: the example apps under real servers on 127.0.0.1.

They run only when asked for: ``pytest tests/e2e`` (or a file or test in it),
or with ``ERROR_CORE_E2E=1``. A plain ``pytest`` over ``tests/`` skips this
folder, so the default tox environments, which have no servers installed,
never start one. ``tox -e e2e`` runs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ContextManager, Iterator

import pytest

from tests.apps.servers import Server, gunicorn_server, uvicorn_server
from tests.opt_in import only_when_asked

HERE = Path(__file__).resolve().parent
WORKERS = 4  # the load check needs at least 4 worker processes
THREADS = 4  # per gthread worker


pytest_ignore_collect = only_when_asked(HERE, "ERROR_CORE_E2E")


@dataclass(frozen=True)
class ServerSpec:
    """One app under one server configuration."""

    name: str
    framework: str  # "flask" or "django"
    start: Callable[[], ContextManager[Server]]
    stream_path: str  # a streaming view the server runs natively

    def __str__(self) -> str:
        return self.name


SERVERS = (
    ServerSpec(
        "gunicorn-sync-flask",
        "flask",
        lambda: gunicorn_server("flask", workers=WORKERS),
        "/stream",
    ),
    ServerSpec(
        "gunicorn-sync-django",
        "django",
        lambda: gunicorn_server("django", workers=WORKERS),
        "/stream",
    ),
    ServerSpec(
        "gunicorn-gthread-flask",
        "flask",
        lambda: gunicorn_server("flask", workers=WORKERS, threads=THREADS),
        "/stream",
    ),
    ServerSpec(
        "gunicorn-gthread-django",
        "django",
        lambda: gunicorn_server("django", workers=WORKERS, threads=THREADS),
        "/stream",
    ),
    ServerSpec(
        "uvicorn-django",
        "django",
        lambda: uvicorn_server("django", workers=WORKERS),
        "/async/stream",
    ),
)

# Lines that mean a worker died, hung or failed while the server was up.
WORKER_TROUBLE = (
    "WORKER TIMEOUT",  # gunicorn
    "Worker exiting",  # gunicorn, before the shutdown
    ") was sent",  # gunicorn: "Worker (pid:N) was sent SIGKILL!"
    ") exited with code",  # gunicorn
    "died",  # uvicorn: "Child process [N] died"
    "failed to start",  # uvicorn
    "Token was created in a different Context",
)


@dataclass
class Running:
    """A started server and its spec."""

    spec: ServerSpec
    server: Server

    @property
    def port(self) -> int:
        return self.server.port


@pytest.fixture(scope="session", params=SERVERS, ids=str)
def running(request: pytest.FixtureRequest) -> Iterator[Running]:
    """One server at a time (the session fixture groups the tests by server)."""
    spec: ServerSpec = request.param
    with spec.start() as server:
        yield Running(spec, server)
        log = server.log_text()  # before the shutdown's own messages
    trouble = [line for line in log.splitlines() if any(t in line for t in WORKER_TROUBLE)]
    assert not trouble, f"{spec}: {trouble[:5]}"
    assert server.returncode == 0, f"{spec} did not stop cleanly: {server.log_text()[-2000:]}"
