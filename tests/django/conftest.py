"""Fixtures of the Django adapter tests."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Iterator

import pytest
from django.http import HttpRequest
from django.test import Client

from .middleware import PATH as FAILING_MIDDLEWARE
from .utils import signals_sent

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings


@pytest.fixture
def quiet_client() -> Client:
    """A client that answers 500s instead of re-raising the view's exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def signals() -> Iterator[list[HttpRequest | None]]:
    """The request of every ``got_request_exception`` sent during the test."""
    with signals_sent() as sent:
        yield sent


@pytest.fixture
def failing_middleware(settings: Settings) -> None:
    """Put the test-only ``FailingMiddleware`` after the project's middleware."""
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, FAILING_MIDDLEWARE]


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every log record from INFO up (error_core logs 4xx at INFO)."""
    caplog.set_level(logging.INFO)
    return caplog


@pytest.fixture
def no_db_signals() -> Iterator[None]:
    """What Django's test client does: requests sent straight to a handler touch no DB."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
