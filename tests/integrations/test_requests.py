from __future__ import annotations

import pickle
from typing import Iterator

import pytest

pytest.importorskip("requests", reason="the requests integration needs requests")

import requests

from error_core import request_id_scope
from error_core.integrations.requests import RequestIdAdapter, RequestIdSession

from .echo_server import echo_server


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with echo_server() as url:
        yield url


def _received(session: requests.Session, url: str, **kwargs: object) -> dict[str, str]:
    with session.get(url, timeout=5, **kwargs) as response:  # type: ignore[arg-type]
        received: dict[str, str] = response.json()
        return received


def test_the_session_sends_the_current_id(base_url: str) -> None:
    with RequestIdSession() as session, request_id_scope("req-current"):
        assert _received(session, f"{base_url}/echo")["x-request-id"] == "req-current"


def test_nothing_is_sent_outside_a_request(base_url: str) -> None:
    with RequestIdSession() as session:
        assert "x-request-id" not in _received(session, f"{base_url}/echo")


def test_the_header_name_is_configurable(base_url: str) -> None:
    with RequestIdSession(header="X-Correlation-Id") as session, request_id_scope("abc"):
        received = _received(session, f"{base_url}/echo")
    assert received["x-correlation-id"] == "abc"
    assert "x-request-id" not in received


def test_a_header_the_caller_set_wins(base_url: str) -> None:
    with RequestIdSession() as session, request_id_scope("bound"):
        received = _received(session, f"{base_url}/echo", headers={"x-request-id": "mine"})
    assert received["x-request-id"] == "mine"


def test_a_redirect_carries_the_id_too(base_url: str) -> None:
    with (
        RequestIdSession() as session,
        request_id_scope("followed"),
        session.get(f"{base_url}/redirect", timeout=5) as response,
    ):
        assert response.history and response.history[0].status_code == 302
        assert response.json()["x-request-id"] == "followed"


def test_the_adapter_mounted_on_a_prefix_sends_only_there(base_url: str) -> None:
    with requests.Session() as session, request_id_scope("scoped"):
        session.mount(f"{base_url}/echo", RequestIdAdapter(max_retries=2))
        assert _received(session, f"{base_url}/echo")["x-request-id"] == "scoped"
        assert "x-request-id" not in _received(session, f"{base_url}/other")


def test_the_adapter_keeps_its_header_when_pickled() -> None:
    adapter = pickle.loads(pickle.dumps(RequestIdAdapter(header="X-Trace", max_retries=3)))
    assert adapter.header == "X-Trace"
    assert adapter.max_retries.total == 3
