"""flask-limiter: a breached limit is 429 ``rate_limited`` with ``Retry-After``."""

from __future__ import annotations

import time

from flask import current_app
from flask_limiter import Limiter, RateLimitExceeded

from error_core import RateLimited
from error_core._retry_after import retry_after_seconds


def rate_limit_error(exc: RateLimitExceeded) -> RateLimited:
    """The error for a breached limit, its wait read from the limit's reset time.

    The wait comes from the limiter's storage whether or not flask-limiter's
    own headers are on. The message is the limit's ``error_message`` when the
    application gave one, else the code's default (not flask-limiter's
    "1 per 1 minute").
    """
    message = exc.description if exc.limit.error_message else None
    return RateLimited(message, retry_after=retry_after_seconds(_seconds_to_reset()))


def _seconds_to_reset() -> float | None:
    """Until every limit this request breached has room again; ``None`` if unknown."""
    limiters: set[Limiter] = current_app.extensions.get("limiter", set())
    try:
        resets = [
            limit.window[0]  # (reset time, remaining); a plain tuple before limits 3
            for limiter in limiters
            for limit in limiter.current_limits
            if limit.breached
        ]
    except Exception:  # noqa: BLE001 - an unreachable storage costs the header, not the 429
        return None
    return max(resets) - time.time() if resets else None
