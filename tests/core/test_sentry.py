from __future__ import annotations

import sys
import types

import pytest

from error_core._sentry import tag_sentry_scope


def test_sentry_is_tagged_when_the_app_imported_it(monkeypatch: pytest.MonkeyPatch) -> None:
    tags: dict[str, str] = {}
    fake = types.ModuleType("sentry_sdk")
    fake.set_tag = tags.__setitem__  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentry_sdk", fake)

    tag_sentry_scope("req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W")

    assert tags == {"request_id": "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"}


def test_without_sentry_nothing_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "sentry_sdk", raising=False)

    tag_sentry_scope("req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W")

    assert "sentry_sdk" not in sys.modules


def test_a_request_started_while_the_app_uses_sentry_tags_its_scope(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from error_core import _request_id as ids
    from error_core._lifecycle import start_request
    from error_core._settings import Settings

    tags: dict[str, str] = {}
    fake = types.ModuleType("sentry_sdk")
    fake.set_tag = tags.__setitem__  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentry_sdk", fake)

    request_id, token = start_request(Settings(), lambda name: None)
    ids.unbind(token)

    assert tags == {"request_id": request_id}
