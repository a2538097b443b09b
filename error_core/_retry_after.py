"""``Retry-After`` from the waits rate limiters report."""

from __future__ import annotations

import math


def retry_after_seconds(seconds: object) -> int | None:
    """``Retry-After`` for a wait of ``seconds``: whole seconds, rounded up, never negative.

    ``None`` (no header) when the wait is unknown: ``None``, not a number, or
    not finite. Rate limiters report waits as floats, or as ``None``.
    """
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        return None
    if not math.isfinite(seconds):
        return None
    return max(0, math.ceil(seconds))
