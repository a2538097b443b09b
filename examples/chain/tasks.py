"""The worker's tasks. The broker is ``CHAIN_REDIS_URL``."""

from __future__ import annotations

import logging
import os

from celery import Celery

from error_core.integrations import celery as request_ids

from .logs import FORMAT

app = Celery(
    "examples.chain.tasks",
    broker=os.environ.get("CHAIN_REDIS_URL", "redis://127.0.0.1:6379/0"),
)
app.conf.update(
    worker_log_format=FORMAT.replace("%(process_name)s", "worker"),
    worker_task_log_format=FORMAT.replace("%(process_name)s", "worker"),
    broker_connection_retry_on_startup=True,
)
request_ids.install()  # in the module both the web service and the worker import
logger = logging.getLogger("examples.chain.tasks")


@app.task
def reserve_stock(order: int) -> None:
    logger.info("reserving stock for order %d", order)
