"""Every ```python block of the README and docs/ runs, as a user would paste it.

All blocks run in one fresh interpreter with Django set up (the tests'
settings), each in its own namespace, so that a block that registers a code,
installs a log record factory or initialises a library cannot change this
test run. A block run elsewhere says so on the line before it:
``<!-- example: run by tests/core/test_client.py -->`` (that test file must
read the block, with ``code_blocks``); such a block is checked here to exist
in that test.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache

import pytest

from tests.readme import ROOT, pages

RUN_BY = re.compile(r"^<!-- example: run by ([\w/.]+\.py) -->$")
RUNNER = """
import json, sys, traceback
import django
django.setup()
failures = {}
for key, code in json.load(sys.stdin).items():
    try:
        exec(compile(code, key, "exec"), {"__name__": "docs_example"})
    except BaseException:
        failures[key] = traceback.format_exc(limit=-3)
print(json.dumps(failures))
"""


@dataclass(frozen=True)
class Block:
    """One fenced python block: where it is, its code, and the test that runs it if not here."""

    key: str  # page:line
    heading: str
    code: str
    run_by: str | None


def blocks() -> list[Block]:
    found = []
    for page in pages():
        lines = page.read_text(encoding="utf-8").splitlines()
        heading, start = "", 0
        code: list[str] | None = None
        for number, line in enumerate(lines, 1):
            if code is None and line.startswith("#"):
                heading = line
            elif code is None and line == "```python":
                code, start = [], number
            elif code is not None and line == "```":
                marker = RUN_BY.match(lines[start - 2]) if start >= 2 else None
                key = f"{page.relative_to(ROOT)}:{start}"
                run_by = marker.group(1) if marker else None
                found.append(Block(key, heading, "\n".join(code) + "\n", run_by))
                code = None
            elif code is not None:
                code.append(line)
    return found


@cache
def failures() -> dict[str, str]:
    """Run every block that is run here, in one fresh interpreter."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.django.settings", "PYTHONPATH": str(ROOT)}
    to_run = {b.key: b.code for b in blocks() if b.run_by is None}
    result = subprocess.run(
        [sys.executable, "-c", RUNNER],
        input=json.dumps(to_run),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found: dict[str, str] = json.loads(result.stdout.splitlines()[-1])
    return found


@pytest.mark.parametrize("block", blocks(), ids=lambda b: b.key)
def test_the_example_runs(block: Block) -> None:
    if block.run_by is None:
        assert block.key not in failures(), failures()[block.key]
        return
    test_file = ROOT / block.run_by
    assert test_file.is_file(), f"{block.key}: {block.run_by} does not exist"
    text = test_file.read_text(encoding="utf-8")
    title = block.heading.lstrip("#").strip()
    assert "code_blocks(" in text and title in text, f"{block.run_by} does not read {title!r}"


def test_the_pages_have_examples() -> None:
    # A parser that found nothing would make every test above vacuous.
    assert len(blocks()) >= 20
    assert any(b.key.startswith("README.md") for b in blocks())


PROVED_BY = re.compile(r"<!-- proved by: (.*?) -->", re.S)
TEST_REFERENCE = re.compile(r"(tests/[\w/]+\.py)?(?:::(\w+))?")


def proofs() -> list[tuple[str, str | None]]:
    """``(file, test name or None)`` for every reference in a ``proved by`` comment of docs/."""
    found: list[tuple[str, str | None]] = []
    for page in pages():
        for comment in PROVED_BY.findall(page.read_text(encoding="utf-8")):
            current = ""
            for reference in re.split(r"[,;]\s*", re.sub(r"\([^)]*\)", "", comment)):
                match = TEST_REFERENCE.match(reference.strip())
                assert match and (match.group(1) or current), f"{page.name}: {reference!r}"
                current = match.group(1) or current
                found.append((current, match.group(2)))
    return found


def test_every_security_claim_names_tests_that_exist() -> None:
    assert len(proofs()) >= 20
    for path, name in proofs():
        text = (ROOT / path).read_text(encoding="utf-8")
        if name is not None:
            assert re.search(rf"def {name}\b", text), f"{path} has no {name}"
