"""django-ratelimit: Ratelimited is 429 rate_limited (not 403), with Retry-After where known."""

from __future__ import annotations

import sys
import zlib
from types import SimpleNamespace
from typing import Any, Iterator

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django_ratelimit.exceptions import Ratelimited as LibraryRatelimited

from django_errors import ratelimit as errors_ratelimit
from django_errors._known_errors import known_error

from .utils import assert_envelope

pytestmark = pytest.mark.usefixtures("logs")

NOW = 1_700_000_123.75  # a frozen clock for django-ratelimit's windows


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """django-ratelimit counts in the default cache: Django's local-memory cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> float:
    """django-ratelimit's clock (only its own) stopped at ``NOW``."""
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: NOW))
    return NOW


def _window_reset(now: float, period: int, key: str) -> int:
    """When django-ratelimit's fixed window for ``key`` gives room again (its formula)."""
    ts = int(now)
    window = ts - ts % period + zlib.crc32(key.encode()) % period
    if window < ts:
        window += period
    return window + 1  # the window's last second still counts


def _twice(client: Client, path: str) -> Any:
    assert client.get(path).status_code == 200
    return client.get(path)


def test_library_decorator_is_429_not_403(client: Client) -> None:
    response = _twice(client, "/t/ratelimit/library")

    assert_envelope(response, 429, "rate_limited")
    # django-ratelimit's exception does not say when the window resets.
    assert "Retry-After" not in response


def test_errors_decorator_tells_the_wait(client: Client, frozen: float) -> None:
    response = _twice(client, "/t/ratelimit/with-wait")

    assert_envelope(response, 429, "rate_limited")
    expected = _window_reset(frozen, 60, "127.0.0.1") - int(frozen)
    assert response["Retry-After"] == str(expected)
    assert 1 <= expected <= 60


def test_errors_decorator_without_a_frozen_clock(client: Client) -> None:
    response = _twice(client, "/t/ratelimit/with-wait")

    assert 1 <= int(response["Retry-After"]) <= 60


def test_not_blocking_only_marks_the_request(client: Client) -> None:
    assert client.get("/t/ratelimit/not-blocking").json() == {"limited": False}
    assert client.get("/t/ratelimit/not-blocking").json() == {"limited": True}


def test_other_methods_are_not_counted(client: Client) -> None:
    for _ in range(3):
        assert client.get("/t/ratelimit/posts-only").json() == {"limited": False}


def test_ratelimited_in_a_drf_view(client: Client) -> None:
    response = _twice(client, "/t/drf/ratelimited")

    assert_envelope(response, 429, "rate_limited")
    assert "Retry-After" not in response


def test_errors_decorator_in_a_drf_view(client: Client, frozen: float) -> None:
    response = _twice(client, "/t/drf/ratelimited-wait")

    assert_envelope(response, 429, "rate_limited")
    expected = _window_reset(frozen, 60, "127.0.0.1") - int(frozen)
    assert response["Retry-After"] == str(expected)


def test_errors_ratelimited_is_the_librarys() -> None:
    exc = errors_ratelimit.Ratelimited(retry_after=5)

    assert isinstance(exc, LibraryRatelimited)
    assert isinstance(exc, PermissionDenied)
    assert exc.retry_after == 5
    assert errors_ratelimit.Ratelimited().retry_after is None


@pytest.mark.parametrize(
    ("usage", "retry_after"),
    [
        ({"time_left": 0}, 1),  # the window's last second: room again in at most 1 s
        ({"time_left": 41}, 42),
        ({"time_left": -1}, None),  # django-ratelimit's answer when the cache failed
        ({}, None),
    ],
)
def test_retry_after_from_usage(usage: dict[str, int], retry_after: int | None) -> None:
    assert errors_ratelimit._retry_after(usage) == retry_after


@pytest.mark.parametrize(
    ("exc", "status", "headers"),
    [
        (LibraryRatelimited(), 429, []),
        (errors_ratelimit.Ratelimited(retry_after=12), 429, [("Retry-After", "12")]),
        (PermissionDenied(), 403, []),
    ],
)
def test_ratelimited_is_mapped_before_permission_denied(
    exc: Exception, status: int, headers: list[tuple[str, str]]
) -> None:
    error = known_error(RequestFactory().get("/"), exc)

    assert error is not None
    assert (error.status, error.headers()) == (status, headers)


def test_without_django_ratelimit_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "django_ratelimit.exceptions")

    error = known_error(RequestFactory().get("/"), PermissionDenied())

    assert error is not None
    assert error.status == 403
