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
