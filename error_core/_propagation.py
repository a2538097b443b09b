"""Which exceptions that are not ``Exception`` an adapter answers, and which it lets go."""

from __future__ import annotations

import asyncio

# The interpreter or the server is stopping, or a generator is being closed:
# answering would fight the shutdown.
_ALWAYS_PROPAGATE = (KeyboardInterrupt, SystemExit, GeneratorExit)


def must_propagate(exc: BaseException) -> bool:
    """Whether an adapter must let ``exc`` leave the request unanswered.

    ``KeyboardInterrupt``, ``SystemExit`` and ``GeneratorExit`` always do. An
    ``asyncio.CancelledError`` does when the running task itself is being
    cancelled (under ASGI: the client left, so there is nobody to answer);
    one that leaked from another task the view awaited does not. Every other
    ``BaseException`` (``gevent.Timeout``, ``greenlet.GreenletExit``, a custom
    one) is answered with the ``internal`` envelope like any unexpected error,
    so that a client still connected gets an answer and no worker dies.
    """
    if isinstance(exc, _ALWAYS_PROPAGATE):
        return True
    if isinstance(exc, asyncio.CancelledError):
        return _current_task_cancelling()
    return False


def _current_task_cancelling() -> bool:
    try:
        task = asyncio.current_task()
    except RuntimeError:  # no running event loop: a sync view, nothing cancels it
        return False
    if task is None:
        return False
    # Task.cancelling() counts pending cancel() requests on this task (3.11+).
    return task.cancelling() > 0
