from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("httpx", reason="the httpx integration needs httpx")

import httpx

from error_core import request_id_scope
from error_core.integrations.httpx import AsyncRequestIdHook, RequestIdHook


def _echo(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=dict(request.headers))


def _client(hook: RequestIdHook) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(_echo), event_hooks={"request": [hook]})


def test_the_sync_client_sends_the_current_id() -> None:
    with _client(RequestIdHook()) as client, request_id_scope("req-sync"):
        assert client.get("http://svc/").json()["x-request-id"] == "req-sync"


def test_nothing_is_sent_outside_a_request() -> None:
    with _client(RequestIdHook()) as client:
        assert "x-request-id" not in client.get("http://svc/").json()


def test_the_header_name_is_configurable() -> None:
    with _client(RequestIdHook(header="X-Correlation-Id")) as client, request_id_scope("c1"):
        received = client.get("http://svc/").json()
    assert received["x-correlation-id"] == "c1"
    assert "x-request-id" not in received


def test_a_header_the_caller_set_wins() -> None:
    with _client(RequestIdHook()) as client, request_id_scope("bound"):
        received = client.get("http://svc/", headers={"X-Request-Id": "mine"}).json()
    assert received["x-request-id"] == "mine"


def test_the_async_client_sends_each_tasks_own_id() -> None:
    async def call(client: httpx.AsyncClient, request_id: str) -> str:
        async with request_id_scope(request_id):
            await asyncio.sleep(0)
            response = await client.get("http://svc/")
            return str(response.json()["x-request-id"])

    async def main() -> list[str]:
        transport = httpx.MockTransport(_echo)
        hooks = {"request": [AsyncRequestIdHook()]}
        async with httpx.AsyncClient(transport=transport, event_hooks=hooks) as client:
            return await asyncio.gather(*(call(client, f"task-{n}") for n in range(5)))

    assert asyncio.run(main()) == [f"task-{n}" for n in range(5)]


def test_the_async_hook_sends_nothing_outside_a_request() -> None:
    async def main() -> dict[str, str]:
        transport = httpx.MockTransport(_echo)
        hooks = {"request": [AsyncRequestIdHook()]}
        async with httpx.AsyncClient(transport=transport, event_hooks=hooks) as client:
            received: dict[str, str] = (await client.get("http://svc/")).json()
            return received

    assert "x-request-id" not in asyncio.run(main())
