"""One scenario table, every adapter: same status, headers that matter and bytes."""

from __future__ import annotations

import json
import re
from typing import Callable

import pytest

from error_core import CODES
from tests.apps.errors import SECRET
from tests.apps.scenarios import SCENARIOS, Scenario

from .drivers import Result, django_asgi_driver, django_driver, flask_driver

pytest.importorskip("flask")
pytest.importorskip("django")

ADAPTERS: dict[str, Callable[[], Callable[[Scenario], Result]]] = {
    "flask": flask_driver,
    "django": django_driver,
    "django-asgi": django_asgi_driver,
}
ID = re.compile(r"req_[0-9A-HJKMNP-TV-Z]{26}")
COMPARED_HEADERS = ("content-type", "cache-control", "retry-after", "allow", "www-authenticate")


@pytest.fixture(scope="module")
def senders() -> dict[str, Callable[[Scenario], Result]]:
    return {name: make() for name, make in ADAPTERS.items()}


def _framework(adapter: str) -> str:
    return adapter.split("-")[0]


def _answers(
    scenario: Scenario, senders: dict[str, Callable[[Scenario], Result]]
) -> dict[str, Result]:
    return {
        adapter: send(scenario)
        for adapter, send in senders.items()
        if _framework(adapter) not in scenario.skip
    }


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_every_adapter_answers_as_the_table_says(
    scenario: Scenario, senders: dict[str, Callable[[Scenario], Result]]
) -> None:
    for adapter, result in _answers(scenario, senders).items():
        assert result.status == scenario.status, adapter
        request_id = result.headers["request-id"]
        assert ID.fullmatch(request_id), adapter
        assert request_id != scenario.headers.get("X-Request-Id")
        for name, value in scenario.expect_headers.items():
            assert result.headers.get(name.lower()) == value, (adapter, name)
        if scenario.code is None:
            continue
        assert result.headers["content-type"] == "application/json", adapter
        assert result.headers["cache-control"] == "no-store", adapter
        if scenario.method == "HEAD":
            assert result.body == b"", adapter
            continue
        assert int(result.headers["content-length"]) == len(result.body), adapter
        envelope = json.loads(result.body)
        assert list(envelope) == ["code", "message", "request_id"], adapter
        assert envelope["code"] == scenario.code, adapter
        assert envelope["request_id"] == request_id, adapter
        # Only an ad hoc APIError sends a code outside the table, and raising it
        # did not add it there.
        assert (envelope["code"] in CODES) != scenario.name.endswith("-ad-hoc"), adapter
        assert SECRET not in result.body.decode(), adapter
        assert "RuntimeError" not in envelope["message"], adapter


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_adapters_answer_byte_for_byte_alike(
    scenario: Scenario, senders: dict[str, Callable[[Scenario], Result]]
) -> None:
    answers = _answers(scenario, senders)
    if len(answers) < 2:
        pytest.skip(f"only one framework can produce this: {scenario.skip}")
    if scenario.code is None:  # a success body is the application's own
        comparable = {adapter: result.status for adapter, result in answers.items()}
    else:
        comparable = {
            adapter: (
                result.status,
                {name: result.headers.get(name) for name in COMPARED_HEADERS},
                result.body.replace(result.headers["request-id"].encode(), b"<id>"),
            )
            for adapter, result in answers.items()
        }
    first, *others = comparable.items()
    for adapter, answer in others:
        assert answer == first[1], f"{adapter} differs from {first[0]}"
