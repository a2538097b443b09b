"""Retry-After from a rate limiter's wait: whole seconds, rounded up."""

from __future__ import annotations

import pytest

from error_core import RateLimited
from error_core._retry_after import retry_after_seconds


@pytest.mark.parametrize(
    ("wait", "seconds"),
    [(0, 0), (1, 1), (42, 42), (0.2, 1), (59.001, 60), (60.0, 60), (-3.5, 0), (-1, 0)],
)
def test_a_known_wait_is_rounded_up_and_never_negative(wait: float, seconds: int) -> None:
    assert retry_after_seconds(wait) == seconds


@pytest.mark.parametrize("wait", [None, "30", True, float("nan"), float("inf"), object()])
def test_an_unknown_wait_gives_no_header(wait: object) -> None:
    assert retry_after_seconds(wait) is None


def test_it_feeds_rate_limited() -> None:
    assert RateLimited(retry_after=retry_after_seconds(2.5)).headers() == [("Retry-After", "3")]
    assert RateLimited(retry_after=retry_after_seconds(None)).headers() == []
