"""A lone surrogate in an exception's text never loses the log record, on any adapter."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator

import pytest

pytest.importorskip("flask")
pytest.importorskip("django")


from error_core import EscapingFormatter, RequestIdFilter
from error_core._log_escaping import INDENT

from .hostile_apps import SENDERS


@pytest.fixture
def strict_log(tmp_path: Path) -> Iterator[Path]:
    """The README's formatter on a FileHandler that refuses what UTF-8 cannot encode."""
    path = tmp_path / "app.log"
    handler = logging.FileHandler(path, encoding="utf-8", errors="strict")
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(EscapingFormatter("%(levelname)s [%(request_id)s] %(name)s %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield path
    finally:
        root.setLevel(level)
        root.removeHandler(handler)
        handler.close()


@pytest.mark.parametrize("adapter", SENDERS)
def test_a_lone_surrogate_in_an_exception_text_keeps_its_log_record_and_traceback(
    adapter: str, strict_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, headers, _ = SENDERS[adapter]("/surrogate")

    assert status == 500
    request_id = dict((n.lower(), v) for n, v in headers)["request-id"]
    lines = strict_log.read_text(encoding="utf-8", errors="strict").splitlines()
    records = _records(lines)
    line = f"ERROR [{request_id}] error_core GET /surrogate -> 500 internal"
    assert f"{line} (request_id={request_id})" in records
    # The traceback is on one record of the request (Flask's own, or ours on Django).
    tracebacks = [rest for first, rest in records.items() if f"[{request_id}]" in first and rest]
    assert len(tracebacks) == 1
    assert tracebacks[0][0] == f"{INDENT}Traceback (most recent call last):"
    assert tracebacks[0][-1].endswith("Surrogate: client sent \\ud800 here")
    assert "Logging error" not in capsys.readouterr().err


def _records(lines: list[str]) -> dict[str, list[str]]:
    """Each record's first line and its continuation lines."""
    records: dict[str, list[str]] = {}
    rest: list[str] = []
    for line in lines:
        if line.startswith(INDENT):
            rest.append(line)
        else:
            rest = records.setdefault(line, [])
    return records
