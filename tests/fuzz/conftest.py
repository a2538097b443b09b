"""Fuzzing of both adapters with Hypothesis (issue 6).

Like ``tests/e2e``, this folder runs only when asked for: ``pytest tests/fuzz``
(or a file or test in it), or with ``ERROR_CORE_FUZZ=1``; ``tox -e fuzz`` runs
it. A plain ``pytest`` over ``tests/`` skips it: the default environments do
not install Hypothesis and keep their time for the unit tests.

Budget and seed (see the README's "Security" section):

- ``FUZZ_EXAMPLES`` examples per property test (default 2000, CI's budget);
- ``FUZZ_SEED`` replays a run: each run prints its seed in the header, and a
  failure prints the falsifying example and a ``@reproduce_failure`` blob.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.opt_in import asked_for, only_when_asked

HERE = Path(__file__).resolve().parent

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or 2000)
SEED = int(os.environ.get("FUZZ_SEED") or random.SystemRandom().randrange(2**32))


pytest_ignore_collect = only_when_asked(HERE, "ERROR_CORE_FUZZ")


REPLAY = f"FUZZ_EXAMPLES={EXAMPLES} FUZZ_SEED={SEED}"
# Examples that passed every property, per adapter (printed at the end of the run).
COUNTS: dict[str, int] = {}


def pytest_collection_finish(session: pytest.Session) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and asked_for(HERE, "ERROR_CORE_FUZZ", session.config):
        reporter.write_line(f"fuzz: {REPLAY} (set both to replay this run)")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.failed:
        report.sections.append(("fuzz seed", f"replay with {REPLAY}"))
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for adapter, count in COUNTS.items():
        terminalreporter.write_line(f"fuzz: {adapter}: {count} examples passed every property")
