"""A real Celery worker (prefork) and a real Redis broker on 127.0.0.1."""

from __future__ import annotations

import gc
import re
import time
from typing import Iterator

import pytest

pytest.importorskip("celery", reason="the Celery integration needs celery")
pytest.importorskip("redis", reason="the worker tests use Redis as broker (celery[redis])")

from examples.chain.processes import (
    Process,
    celery_worker,
    environment,
    redis_binary,
    redis_server,
)

if redis_binary() is None:
    pytest.skip(
        "redis-server is not installed (Debian: apt-get install redis-server)",
        allow_module_level=True,
    )

from celery import Celery

from error_core import current_request_id, request_id_scope

TIMEOUT = 30
WORKER_LINE = re.compile(
    r"^WORKER (?P<level>\S+) (?P<logger>\S+) \[(?P<id>[^\]]+)\] (?P<message>.*)$"
)


@pytest.fixture(scope="module")
def worker() -> Iterator[tuple[Celery, Process]]:
    with redis_server() as url:
        from tests.integrations import celery_app

        app = celery_app.app
        app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
        with celery_worker(
            "tests.integrations.celery_app", environment(CHAIN_REDIS_URL=url)
        ) as process:
            yield app, process
        # Results left for the collector unsubscribe from Redis: while it runs.
        gc.collect()
        app.close()


def _lines(log: str, request_id: str) -> list[dict[str, str]]:
    """The worker's records logged under ``request_id``."""
    return [
        match.groupdict()
        for line in log.splitlines()
        if (match := WORKER_LINE.match(line)) is not None and match["id"] == request_id
    ]


def test_a_task_runs_under_the_id_of_the_request_that_enqueued_it(
    worker: tuple[Celery, Process],
) -> None:
    app, _ = worker
    with request_id_scope("req-enqueuer"):
        result = app.tasks["tests.integrations.celery_app.report"].delay()
    assert result.get(timeout=TIMEOUT) == "req-enqueuer"


def test_a_task_enqueued_outside_a_request_gets_an_id_of_its_own(
    worker: tuple[Celery, Process],
) -> None:
    app, _ = worker
    assert current_request_id() is None
    first = app.tasks["tests.integrations.celery_app.report"].delay().get(timeout=TIMEOUT)
    second = app.tasks["tests.integrations.celery_app.report"].delay().get(timeout=TIMEOUT)
    assert first.startswith("req_") and second.startswith("req_") and first != second


def test_retries_keep_the_id(worker: tuple[Celery, Process]) -> None:
    app, _ = worker
    with request_id_scope("req-flaky"):
        result = app.tasks["tests.integrations.celery_app.flaky"].delay()
    assert result.get(timeout=TIMEOUT) == ["req-flaky"] * 3


def test_a_task_enqueued_by_a_task_keeps_the_id(worker: tuple[Celery, Process]) -> None:
    app, _ = worker
    with request_id_scope("req-parent"):
        child_id = (
            app.tasks["tests.integrations.celery_app.enqueue_child"].delay().get(timeout=TIMEOUT)
        )
    assert app.AsyncResult(child_id).get(timeout=TIMEOUT) == "req-parent"


def test_a_failing_task_logs_its_traceback_once_with_the_id(
    worker: tuple[Celery, Process],
) -> None:
    app, process = worker
    with request_id_scope("req-failing"):
        result = app.tasks["tests.integrations.celery_app.fail"].delay()
    with pytest.raises(RuntimeError, match="the task is on fire"):
        result.get(timeout=TIMEOUT)
    result.forget()

    # Celery stores the failure before it logs it: wait for the record.
    deadline = time.monotonic() + TIMEOUT
    while "raised unexpected" not in (log := process.log_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # a second record of the failure, if any, would follow at once
    log = process.log_text()
    records = _lines(log, "req-failing")
    messages = [(record["logger"], record["message"]) for record in records]
    assert ("tests.tasks", "about to fail") in messages
    failures = [r for r in records if r["level"] == "ERROR"]
    assert len(failures) == 1, records
    assert "raised unexpected: RuntimeError('the task is on fire')" in failures[0]["message"]
    # The traceback is on that record, and nowhere else.
    assert log.count('raise RuntimeError("the task is on fire")') == 1
    traceback_start = log.index('raise RuntimeError("the task is on fire")')
    record_start = log.rindex("\nWORKER ", 0, traceback_start)
    assert "[req-failing]" in log[record_start:traceback_start].splitlines()[1]
