"""An APIError a streamed body raises before its first chunk is its own envelope, alike."""

from __future__ import annotations

import json
import logging

import pytest

from tests.apps.errors import STREAM_CONFLICT
from tests.apps.scenarios import Scenario

from .drivers import django_driver, flask_driver

pytest.importorskip("flask")
pytest.importorskip("django")

SCENARIO = Scenario("stream-conflict", "GET", "/stream?fail=0&conflict=1", 409, "conflict")


def test_an_api_error_before_the_first_chunk_is_its_envelope_alike_on_flask_and_django(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="error_core")

    results = {"flask": flask_driver()(SCENARIO), "django": django_driver()(SCENARIO)}

    bodies = set()
    for adapter, result in results.items():
        assert result.status == 409, adapter
        envelope = json.loads(result.body)
        assert envelope == {
            "code": "conflict",
            "message": STREAM_CONFLICT,
            "request_id": result.headers["request-id"],
        }, adapter
        bodies.add(result.body.replace(result.headers["request-id"].encode(), b"<id>"))
    assert len(bodies) == 1
    records = [r for r in caplog.records if r.name == "error_core"]
    assert [(r.levelno, r.exc_info) for r in records] == [(logging.INFO, None)] * 2
    assert [r.getMessage().split(" (")[0] for r in records] == ["GET /stream -> 409 conflict"] * 2
