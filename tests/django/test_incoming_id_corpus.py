"""The incoming-id corpus through Django's WSGI and ASGI handlers."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Callable, Iterator

import pytest
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler

from tests.incoming_ids import (
    FRESH_ID,
    assert_adopted,
    assert_not_adopted,
    hostile_requests,
    valid_requests,
)
from tests.raw import Answer, RawRequest, call_asgi, call_wsgi, environ, scope

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

pytestmark = pytest.mark.usefixtures("no_db_signals")

Send = Callable[[RawRequest], Answer]


@pytest.fixture(params=["wsgi", "asgi"])
def send(request: pytest.FixtureRequest) -> Iterator[Send]:
    if request.param == "wsgi":
        handler = WSGIHandler()
        yield lambda raw: call_wsgi(handler, environ(raw))
        return
    asgi, loop = ASGIHandler(), asyncio.new_event_loop()
    yield lambda raw: call_asgi(asgi, scope(raw), raw.body, loop)
    loop.close()


@pytest.mark.parametrize("trust", [False, True], ids=["ignored", "trusted"])
def test_a_hostile_id_is_never_adopted_echoed_or_logged_raw(
    send: Send, settings: Settings, caplog: pytest.LogCaptureFixture, trust: bool
) -> None:
    settings.ERRORS_TRUST_INCOMING_REQUEST_ID = trust
    caplog.set_level(logging.DEBUG)
    for value, raw in hostile_requests():
        caplog.clear()
        answer = send(raw)
        assert answer.status == 404, value
        assert_not_adopted(value, answer, caplog.records)


def test_a_valid_id_is_adopted_when_trusted(
    send: Send, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings.ERRORS_TRUST_INCOMING_REQUEST_ID = True
    caplog.set_level(logging.DEBUG)
    for value, raw in valid_requests():
        caplog.clear()
        assert_adopted(value, send(raw), caplog.records)


def test_a_valid_id_is_ignored_when_not_trusted(send: Send) -> None:
    for value, raw in valid_requests():
        request_id = send(raw).header("Request-Id")
        assert request_id != value and FRESH_ID.fullmatch(request_id or ""), value
