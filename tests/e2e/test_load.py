"""The bounded load check: every response of a mixed, concurrent load is checked.

20,000 requests (``ERROR_CORE_E2E_REQUESTS`` overrides, for development) from 64
concurrent clients against each server (4 worker processes). The figures are
printed (run pytest with ``-s``).
"""

from __future__ import annotations

import os

from error_core import ErrorCode
from tests.apps.errors import CardDeclined

from .conftest import WORKERS, Running
from .load import MIX, UNEXPECTED_LOG_LINE, run_load

REQUESTS = int(os.environ.get("ERROR_CORE_E2E_REQUESTS") or 20_000)
PROCESSES = 2  # client processes
THREADS = 32  # clients (one keep-alive connection each) per process
SECONDS = 120.0  # the run stops sending after this, and fails


def test_mixed_concurrent_load(running: Running) -> None:
    log_before = running.server.log_text().count(UNEXPECTED_LOG_LINE)
    result = run_load(
        running.port, requests=REQUESTS, processes=PROCESSES, threads=THREADS, seconds=SECONDS
    )
    tally = result.tally
    print()
    print(result.report(str(running.spec)))
    unexpected = sum(tally.by_kind[kind.name] for kind in MIX if kind.unexpected)
    tracebacks = running.server.log_text().count(UNEXPECTED_LOG_LINE) - log_before
    print(f"[load]   unexpected exceptions {unexpected}, their tracebacks in the log {tracebacks}")

    assert PROCESSES * THREADS >= 64 and WORKERS >= 4
    assert tally.requests == REQUESTS, result.report(str(running.spec))
    assert tally.failures == 0, result.report(str(running.spec))
    expected_classes = {code.value for code in ErrorCode} | {CardDeclined.code, "success"}
    assert expected_classes <= set(tally.by_class), sorted(tally.by_class)
    # Ids were made by several processes at once (all of them, in practice: printed above).
    assert len(tally.pids) >= 2, f"{len(tally.pids)} of {WORKERS} workers answered"
    assert tracebacks == unexpected, "each unexpected exception's traceback is logged once"
