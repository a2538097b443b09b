"""Exceptions that are not ``Exception``: answered with the envelope unless they must go.

``error_core._propagation.must_propagate`` decides: the interpreter or the
server stopping (``KeyboardInterrupt``, ``SystemExit``) and a generator being
closed go; every other one (an ``asyncio.CancelledError`` leaking from a task
the view awaited, ``gevent.Timeout``, ``greenlet.GreenletExit``, a custom
``BaseException``) gets the ``internal`` envelope, logged once with its
traceback, and Flask's ``got_request_exception``, as an ``Exception`` would.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Callable, Iterator

import gevent
import greenlet
import pytest
from flask import Response

from .helpers import (
    MakeApp,
    assert_envelope,
    error_core_records,
    sent_exceptions,
    traceback_records,
)


class CustomBaseError(BaseException):
    """An application's own ``BaseException``."""


async def _await_cancelled_task() -> None:
    task = asyncio.get_running_loop().create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    task.cancel()
    await task


def _raise(exc: BaseException) -> Callable[[], None]:
    def view() -> None:
        raise exc

    return view


VIEWS: dict[str, Callable[[], object]] = {
    "cancelled": _await_cancelled_task,
    "custom": _raise(CustomBaseError("custom")),
    "gevent-timeout": _raise(gevent.Timeout()),
    "greenlet-exit": _raise(greenlet.GreenletExit()),
}
EXPECTED = {
    "cancelled": asyncio.CancelledError,
    "custom": CustomBaseError,
    "gevent-timeout": gevent.Timeout,
    "greenlet-exit": greenlet.GreenletExit,
}


@pytest.mark.parametrize("kind", VIEWS)
def test_a_base_exception_from_a_view_is_answered_with_the_envelope(
    make_app: MakeApp, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    app = make_app()
    app.add_url_rule("/fail", "fail", VIEWS[kind])

    with sent_exceptions(app) as reported:
        response = app.test_client().get("/fail")
        after = app.test_client().get("/fail")

    request_id = assert_envelope(response, 500, "internal")
    assert_envelope(after, 500, "internal")
    first = [r for r in error_core_records(caplog.records) if request_id in r.getMessage()]
    assert len(first) == 1
    [record] = first
    assert record.levelno == logging.ERROR
    assert record.request_id == request_id  # type: ignore[attr-defined]
    assert record.exc_info is not None and isinstance(record.exc_info[1], EXPECTED[kind])
    assert len(traceback_records(caplog.records)) == 2  # once per request, on error_core only
    assert [type(exc) for exc in reported] == [EXPECTED[kind]] * 2


def test_a_base_exception_in_a_streamed_body_before_its_first_chunk_is_answered(
    make_app: MakeApp,
) -> None:
    def chunks() -> Iterator[bytes]:
        raise CustomBaseError("stream")
        yield b""  # pragma: no cover - makes this a generator

    app = make_app()
    app.get("/stream")(lambda: Response(chunks(), mimetype="text/plain"))

    assert_envelope(app.test_client().get("/stream"), 500, "internal")


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), SystemExit(3)], ids=type)
def test_the_interpreter_stopping_is_not_answered(make_app: MakeApp, exc: BaseException) -> None:
    app = make_app()
    app.add_url_rule("/stop", "stop", _raise(exc))

    with pytest.raises(type(exc)):
        app.test_client().get("/stop")


def test_a_base_exception_propagates_when_flask_propagates_exceptions(make_app: MakeApp) -> None:
    app = make_app({"TESTING": True})
    app.add_url_rule("/fail", "fail", _raise(CustomBaseError("testing")))

    with pytest.raises(CustomBaseError):
        app.test_client().get("/fail")
