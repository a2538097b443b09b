"""structlog and OpenTelemetry are used only once the application imported them."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from error_core import _structlog, _tracing, current_request_id
from error_core._lifecycle import start_request
from error_core._request_id import unbind
from error_core._settings import Settings


def test_mirroring_the_id_without_structlog_imported_imports_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, _structlog.MODULE, raising=False)

    _structlog.mirror("req_1")
    _structlog.mirror(None)

    assert _structlog.MODULE not in sys.modules


def test_a_request_starts_without_opentelemetry_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, _tracing.MODULE, raising=False)

    request_id, token = start_request(Settings(), lambda name: None)
    try:
        assert current_request_id() == request_id
    finally:
        unbind(token)
    assert _tracing.MODULE not in sys.modules


class _Span:
    def __init__(self, recording: bool) -> None:
        self.recording = recording
        self.attributes: dict[str, Any] = {}

    def is_recording(self) -> bool:
        return self.recording

    def set_attribute(self, name: str, value: Any) -> None:
        self.attributes[name] = value


@pytest.mark.parametrize("recording", [True, False])
def test_the_id_is_set_only_on_a_recording_span(
    monkeypatch: pytest.MonkeyPatch, recording: bool
) -> None:
    span = _Span(recording)
    trace = types.ModuleType(_tracing.MODULE)
    trace.get_current_span = lambda: span  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, _tracing.MODULE, trace)

    _tracing.tag_span("req_1")

    assert span.attributes == ({_tracing.ATTRIBUTE: "req_1"} if recording else {})
