"""Sentry: every event of a request carries its id as the ``request_id`` tag."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sentry_sdk")
pytest.importorskip("flask")
pytest.importorskip("django")

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("framework", ["flask", "django"])
def test_sentry_events_carry_the_request_id_tag(framework: str) -> None:
    probe = subprocess.run(
        [sys.executable, "-m", "tests.sentry_probe", framework],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    sent = json.loads(probe.stdout.splitlines()[-1])

    message_id, crash_id = sent["ids"]
    tagged = [tags.get("request_id") for tags in sent["tags"]]
    # The view's capture_message first, then the crash (Flask also turns its
    # ERROR log line into an event): every one tagged with its own request.
    assert tagged[0] == message_id
    assert len(tagged) >= 2 and set(tagged[1:]) == {crash_id}
