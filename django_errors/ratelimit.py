"""django-ratelimit: its ``@ratelimit``, with the wait that ``Retry-After`` needs.

``ErrorMiddleware`` answers django-ratelimit's ``Ratelimited`` with 429
``rate_limited`` (Django would say 403). Its decorator does not tell when the
limit resets; this one, a drop-in with the same arguments, does.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

from django.http import HttpRequest

# django-ratelimit ships no type hints.
from django_ratelimit import ALL  # type: ignore[import-untyped]
from django_ratelimit import exceptions as ratelimit_exceptions
from django_ratelimit.core import get_usage  # type: ignore[import-untyped]

_View = TypeVar("_View", bound=Callable[..., Any])


class Ratelimited(ratelimit_exceptions.Ratelimited):  # type: ignore[misc]
    """django-ratelimit's ``Ratelimited`` that knows when to retry (``None``: unknown)."""

    def __init__(self, retry_after: int | None = None) -> None:
        super().__init__()
        self.retry_after = retry_after


def ratelimit(
    group: str | None = None,
    key: str | Callable[..., str] | None = None,
    rate: str | tuple[int, int] | Callable[..., Any] | None = None,
    method: Any = ALL,
    block: bool = True,
) -> Callable[[_View], _View]:
    """``django_ratelimit.decorators.ratelimit`` whose exception carries ``retry_after``.

    Same arguments and the same ``request.limited``; when ``block`` it raises
    :class:`Ratelimited`, which ``ErrorMiddleware`` (and the DRF handler)
    answer with 429 and ``Retry-After``.
    """

    def decorator(fn: _View) -> _View:
        @functools.wraps(fn)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            usage = get_usage(
                request, group=group, fn=fn, key=key, rate=rate, method=method, increment=True
            )
            limited = usage is not None and bool(usage["should_limit"])
            request.limited = limited or getattr(request, "limited", False)  # type: ignore[attr-defined]
            if limited and block:
                raise Ratelimited(_retry_after(usage))
            return fn(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def _retry_after(usage: dict[str, Any]) -> int | None:
    """Seconds until the fixed window of ``get_usage()`` resets, ``None`` if unknown.

    ``time_left`` counts whole seconds to the window's last second, which
    still counts: the next window starts one second later. A failed cache
    read reports ``-1``: unknown.
    """
    time_left = usage.get("time_left")
    if not isinstance(time_left, int) or time_left < 0:
        return None
    return time_left + 1
