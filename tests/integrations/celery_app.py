"""The Celery app of the worker tests; broker and backend from ``CHAIN_REDIS_URL``."""

from __future__ import annotations

import logging
import os

from celery import Celery, Task

from error_core import current_request_id
from error_core.integrations import celery as request_ids

REDIS = os.environ.get("CHAIN_REDIS_URL", "redis://127.0.0.1:6379/0")
LOG_FORMAT = "WORKER %(levelname)s %(name)s [%(request_id)s] %(message)s"

app = Celery("tests.integrations.celery_app", broker=REDIS, backend=REDIS)
app.conf.update(
    worker_log_format=LOG_FORMAT,
    worker_task_log_format=LOG_FORMAT,
    worker_hijack_root_logger=True,
    broker_connection_retry_on_startup=True,
    task_default_retry_delay=0,
    result_expires=60,
)
request_ids.install()
logger = logging.getLogger("tests.tasks")


@app.task
def report() -> str | None:
    """The id the task runs under."""
    logger.info("reporting")
    return current_request_id()


@app.task
def fail() -> None:
    logger.info("about to fail")
    raise RuntimeError("the task is on fire")


@app.task(bind=True, max_retries=2)
def flaky(self: Task, seen: list[str | None] | None = None) -> list[str | None]:
    """Fails twice, then answers the id of each attempt."""
    seen = [*(seen or []), current_request_id()]
    logger.info("attempt %d", self.request.retries)
    if self.request.retries < 2:
        raise self.retry(kwargs={"seen": seen}, countdown=0)
    return seen


@app.task
def enqueue_child() -> str | None:
    """Enqueues :func:`report` from inside a task: the id goes along."""
    return report.delay().id
