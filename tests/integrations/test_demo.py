"""The chain demo (``python -m examples.chain``) runs and shows one id everywhere."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from examples.chain.processes import redis_binary

for module, why in (
    ("gunicorn", "the demo's services run under gunicorn"),
    ("flask", "the shop is a Flask app"),
    ("django", "the orders service is a Django project"),
    ("requests", "the shop calls out with requests"),
    ("celery", "the demo has a Celery worker"),
    ("redis", "the worker's broker is Redis (celery[redis])"),
):
    pytest.importorskip(module, reason=why)


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(redis_binary() is None, reason="redis-server is not installed")
def test_the_demo_prints_the_error_body_and_every_line_with_its_id() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the test run's, not the demo's
    result = subprocess.run(
        [sys.executable, "-m", "examples.chain"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "The client: POST /checkout -> 500"
    body = json.loads(lines[1])
    request_id = body["request_id"]
    assert body["code"] == "internal"
    records = [line for line in lines if re.match(r"^(shop|orders|worker) ", line)]
    assert {line.split()[0] for line in records} == {"shop", "orders", "worker"}
    assert all(f"[{request_id}]" in line for line in records)
    assert "reserving stock for order 7" in result.stdout
    assert result.stdout.count("ConnectionError: the payment provider did not answer") == 1
