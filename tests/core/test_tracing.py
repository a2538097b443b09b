"""The request id on the OpenTelemetry span (the recording itself: tests/integrations)."""

from __future__ import annotations

import sys

import pytest

from error_core._tracing import MODULE, record_exception


def test_an_app_without_opentelemetry_records_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, MODULE, raising=False)
    error = RuntimeError("boom")

    record_exception((RuntimeError, error, None), "req_1")  # no import, no error
    assert MODULE not in sys.modules
