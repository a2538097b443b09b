"""The integrations' tests. Those that start processes run only when asked for.

``test_chain`` (three gunicorn services), ``test_celery_worker`` (Redis and a
worker) and ``test_demo`` take a minute together: they run when the run names
this folder (or one of them), or with ``ERROR_CORE_INTEGRATIONS=1``, as
``tox -e integrations`` does. The other tests here always run, each skipped
when its library is not installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.opt_in import asked_for

HERE = Path(__file__).resolve().parent
WITH_PROCESSES = {"test_chain.py", "test_celery_worker.py", "test_demo.py"}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path.name in WITH_PROCESSES and not asked_for(
        HERE, "ERROR_CORE_INTEGRATIONS", config
    ):
        return True
    return None
