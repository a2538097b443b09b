"""Exceptions that are not ``Exception``: answered with the envelope unless they must propagate."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import pytest
from asgiref.testing import ApplicationCommunicator
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest
from django.test import AsyncClient, Client

from .utils import assert_envelope

if TYPE_CHECKING:
    from django.http import HttpResponseBase

pytestmark = pytest.mark.usefixtures("logs")

SYNC_KINDS = ["custom", "gevent-timeout", "greenlet-exit"]


def asgi_get(path: str) -> HttpResponseBase:
    """``path`` through Django's ASGI handler (the async test client)."""
    return asyncio.run(AsyncClient(raise_request_exception=False).get(path))


def assert_answered_and_logged_once(
    response: HttpResponseBase,
    logs: pytest.LogCaptureFixture,
    signals: list[HttpRequest | None],
) -> None:
    envelope = assert_envelope(response, 500, "internal")
    [record] = [r for r in logs.records if r.name == "error_core"]
    assert record.levelno == logging.ERROR
    assert record.request_id == envelope["request_id"]  # type: ignore[attr-defined]
    assert record.exc_info is not None
    assert len(signals) == 1


@pytest.mark.parametrize("kind", SYNC_KINDS)
def test_a_base_exception_in_a_sync_view_is_the_internal_envelope(
    kind: str,
    quiet_client: Client,
    logs: pytest.LogCaptureFixture,
    signals: list[HttpRequest | None],
) -> None:
    response = quiet_client.get(f"/t/base/raise/{kind}")

    assert_answered_and_logged_once(response, logs, signals)


@pytest.mark.parametrize("kind", SYNC_KINDS)
def test_a_base_exception_in_a_sync_view_under_asgi_is_the_internal_envelope(
    kind: str, logs: pytest.LogCaptureFixture, signals: list[HttpRequest | None]
) -> None:
    response = asgi_get(f"/t/base/raise/{kind}")

    assert_answered_and_logged_once(response, logs, signals)


@pytest.mark.parametrize("kind", [*SYNC_KINDS, "cancelled"])
def test_a_base_exception_in_an_async_view_is_the_internal_envelope(
    kind: str, logs: pytest.LogCaptureFixture, signals: list[HttpRequest | None]
) -> None:
    # A CancelledError the view raises itself: its task is not being cancelled.
    response = asgi_get(f"/t/base/async/raise/{kind}")

    assert_answered_and_logged_once(response, logs, signals)


def test_a_cancelled_error_leaking_from_an_awaited_task_is_the_internal_envelope(
    logs: pytest.LogCaptureFixture, signals: list[HttpRequest | None]
) -> None:
    response = asgi_get("/t/base/async/cancelled-inner")

    assert_answered_and_logged_once(response, logs, signals)


def test_keyboard_interrupt_still_propagates(quiet_client: Client) -> None:
    from django_errors.middleware import ErrorMiddleware

    def interrupted(request: HttpRequest) -> HttpResponseBase:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ErrorMiddleware(interrupted)(HttpRequest())


def test_a_request_whose_client_left_stays_cancelled_and_unanswered(
    logs: pytest.LogCaptureFixture, no_db_signals: None
) -> None:
    asyncio.run(_client_leaves())
    assert [r for r in logs.records if r.name == "error_core"] == []


async def _client_leaves() -> None:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/t/base/async/slow",
        "raw_path": b"/t/base/async/slow",
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    communicator = ApplicationCommunicator(ASGIHandler(), scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    await asyncio.sleep(0.1)  # the view is waiting
    await communicator.send_input({"type": "http.disconnect"})
    await communicator.wait(timeout=5)

    assert await communicator.receive_nothing()
