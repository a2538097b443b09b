"""Where ``error_core``'s records go in configurations the application wrote."""

from __future__ import annotations

import logging
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from error_core._log import log_error_response

ROOT = Path(__file__).resolve().parents[2]


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def no_root_handlers() -> Iterator[None]:
    """Root without handlers, as Django's default LOGGING leaves it (pytest adds its own)."""
    root = logging.getLogger()
    saved, root.handlers = root.handlers, []
    try:
        yield
    finally:
        root.handlers = saved


@contextmanager
def framework_logger(level: int) -> Iterator[tuple[logging.Logger, Collect]]:
    """A framework's error logger at ``level``, and what its handler receives."""
    fallback, collect = logging.getLogger("tests.framework_errors"), Collect()
    fallback.addHandler(collect)
    fallback.setLevel(level)
    try:
        yield fallback, collect
    finally:
        fallback.removeHandler(collect)
        fallback.setLevel(logging.NOTSET)


def test_records_nobody_handles_go_to_the_framework_logger_not_last_resort(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    last_resort = Collect()
    monkeypatch.setattr(logging, "lastResort", last_resort)
    with framework_logger(logging.INFO) as (fallback, collect), no_root_handlers():
        log_error_response(
            "GET", "/x", 404, "not_found", request_id="req_1", fallback=lambda level: fallback
        )
        log_error_response(
            "GET", "/y", 500, "internal", request_id="req_2", fallback=lambda level: fallback
        )

    assert [(r.name, r.levelno, r.getMessage()) for r in collect.records] == [
        ("error_core", logging.INFO, "GET /x -> 404 not_found (request_id=req_1)"),
        ("error_core", logging.ERROR, "GET /y -> 500 internal (request_id=req_2)"),
    ]
    assert last_resort.records == []


def test_records_go_to_error_core_handlers_when_configured() -> None:
    fallback, ours = Collect(), Collect()
    logging.getLogger("tests.framework_errors").addHandler(fallback)
    logger = logging.getLogger("error_core")
    logger.addHandler(ours)
    try:
        with no_root_handlers():
            log_error_response(
                "GET",
                "/y",
                500,
                "internal",
                fallback=lambda level: logging.getLogger("tests.framework_errors"),
            )
    finally:
        logger.removeHandler(ours)
        logging.getLogger("tests.framework_errors").removeHandler(fallback)

    assert len(ours.records) == 1
    assert fallback.records == []


def _logging_examples() -> list[str]:
    """Every ``LOGGING = {...}`` Python block of the docs that sets up handlers."""
    blocks = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for block in page.read_text().split("```python\n")[1:]:
            code = block.split("```", 1)[0]
            if code.startswith("LOGGING = {") and '"handlers"' in code:
                blocks.append(code)
    return blocks


@pytest.mark.parametrize("example", _logging_examples())
def test_documented_logging_example_keeps_error_core_enabled_as_pasted(example: str) -> None:
    _adapters_installed()
    # A process of its own: dictConfig as Django applies LOGGING, after importing error-core.
    script = (
        "import logging.config, sys\n"
        "import error_core, flask_errors, django_errors.middleware\n"
        f"{example}\n"
        "logging.config.dictConfig(LOGGING)\n"
        "from error_core._log import log_error_response\n"
        "log_error_response('GET', '/x', 500, 'internal', request_id='req_pasted')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert "GET /x -> 500 internal (request_id=req_pasted)" in result.stderr


def test_the_error_core_logger_is_not_created_by_importing_error_core() -> None:
    _adapters_installed()
    script = (
        "import logging, error_core, flask_errors, django_errors.middleware\n"
        "print('error_core' in logging.root.manager.loggerDict)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    assert result.stdout.strip() == "False", result.stderr


def test_a_record_the_framework_logger_would_drop_goes_nowhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    last_resort = Collect()
    monkeypatch.setattr(logging, "lastResort", last_resort)
    with framework_logger(logging.ERROR) as (fallback, collect), no_root_handlers():
        log_error_response(
            "GET", "/x", 404, "not_found", request_id="req_1", fallback=lambda level: fallback
        )

    assert collect.records == []
    assert last_resort.records == []


def _adapters_installed() -> None:
    """Skip where the adapters cannot be imported (the core-only tox env)."""
    pytest.importorskip("flask", reason="imports flask_errors as an application would")
    pytest.importorskip("django", reason="imports django_errors as an application would")
