"""Any ``BaseException`` in a view: propagated where the rule says, answered everywhere else.

``error_core._propagation.must_propagate`` decides (asked by the view where
the exception is raised, see :mod:`.base_exceptions`): an exception it lets
go leaves the adapter unanswered (the server or the event loop sees it); any
other one is answered with 500 ``internal``, its text never in the body, its
traceback logged once with the request id. On Flask, Django WSGI and Django
ASGI, sync and async views, custom subclasses, groups, a task cancelled
under the view and an ASGI client that leaves.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable

from hypothesis import given, note, seed
from hypothesis import strategies as st

from tests.raw import Answer, RawRequest, call_wsgi, environ, latin1

from . import apps
from . import base_exceptions as base
from .conftest import COUNTS, EXAMPLES, SEED
from .harness import FUZZ, asgi_scope, captured, django_settings
from .properties import check_answer, check_logs

URLCONF = "tests.fuzz.base_exceptions"
# What a request to a view that raises gives: an answer, or what escaped the app.
Outcome = tuple[Answer | None, BaseException | None]
Call = Callable[[RawRequest, bool], Outcome]


def _wsgi(app: Any, settings: bool = False) -> Call:
    def call(request: RawRequest, leave: bool) -> Outcome:
        try:
            if settings:
                with django_settings(URLCONF):
                    return call_wsgi(app, environ(request)), None
            return call_wsgi(app, environ(request)), None
        except BaseException as escaped:  # noqa: BLE001 - what left the app is the result
            return None, escaped

    return call


class AsgiCall:
    """Django's ASGI handler on its own loop; ``leave``: the client disconnects mid-view."""

    def __init__(self) -> None:
        from django.core.handlers.asgi import ASGIHandler

        # Django's ASGIHandler leaves the request's body file open when an
        # exception leaves it, which is what "propagates" means: its finaliser
        # warned at some later garbage collection, in another test or at exit
        # (where no filter applies). The server's part: close it after the call.
        opened: list[Any] = []

        class Handler(ASGIHandler):
            async def read_body(self, receive: Any) -> Any:
                body = await super().read_body(receive)
                opened.append(body)
                return body

        self.handler = Handler()
        self.opened = opened
        self.loop = asyncio.new_event_loop()

    def __call__(self, request: RawRequest, leave: bool) -> Outcome:
        sent: list[dict[str, Any]] = []
        received = False

        async def receive() -> dict[str, Any]:
            nonlocal received
            if not received:
                received = True
                return {"type": "http.request", "body": request.body, "more_body": False}
            if leave:
                # Until the view waits (bounded: it may never). In time, not turns of
                # the loop: on a loaded machine a sync middleware's thread may take
                # longer than 10,000 turns to reach the view.
                for turn in range(11_000):
                    if base.STATE.waiting is not None:
                        break
                    await asyncio.sleep(0 if turn < 1_000 else 0.001)
                return {"type": "http.disconnect"}
            await asyncio.Event().wait()  # connected until cancelled
            raise AssertionError("unreachable")  # pragma: no cover

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        try:
            with django_settings(URLCONF):
                self.loop.run_until_complete(self.handler(asgi_scope(request), receive, send))
        except BaseException as escaped:  # noqa: BLE001 - what left the app is the result
            self._renew()
            return _answer(sent), escaped
        finally:
            while self.opened:
                self.opened.pop().close()
        return _answer(sent), None

    def _renew(self) -> None:
        """A loop an exception left mid-run is finished off and replaced."""
        loop = self.loop
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()

        async def finish() -> None:
            await asyncio.gather(*pending, return_exceptions=True)

        loop.run_until_complete(finish())
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
        self.loop = asyncio.new_event_loop()


def _answer(sent: list[dict[str, Any]]) -> Answer | None:
    starts = [m for m in sent if m["type"] == "http.response.start"]
    if not starts:
        return None
    headers = [(latin1(name), latin1(value)) for name, value in starts[0]["headers"]]
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return Answer(starts[0]["status"], headers, body)


def _calls() -> dict[str, Call]:
    from django.core.handlers.wsgi import WSGIHandler

    return {
        "flask": _wsgi(base.flask_app()),
        "django-wsgi": _wsgi(WSGIHandler(), settings=True),
        "django-asgi": AsgiCall(),
    }


_made: dict[str, Call] = {}


def _turned_into_runtime_error(raised: object, escaped: object) -> bool:
    return (
        isinstance(raised, GeneratorExit)
        and isinstance(escaped, RuntimeError)
        and "ignored GeneratorExit" in str(escaped)
    )


def check_propagated(outcome: Outcome, records: list[logging.LogRecord]) -> None:
    """Nothing answered, nothing logged as answered; what escaped is the exception."""
    answer, escaped = outcome
    raised, how = base.STATE.raised, base.STATE.thrown.how
    assert answer is None, f"{raised!r} must propagate but was answered {answer.status}"
    if how in ("self_cancel", "client_left"):
        # Django's ASGI handler swallows the cancellation of a client that left.
        assert escaped is None or isinstance(escaped, asyncio.CancelledError), repr(escaped)
    elif _turned_into_runtime_error(raised, escaped):
        # A GeneratorExit leaving Django's ASGI coroutines while asyncio closes one
        # of them: the interpreter reports "coroutine ignored GeneratorExit". Ours
        # let it go (the adapters never answer it); the wrapping is Python's.
        pass
    else:
        assert escaped is raised, f"{raised!r} must propagate, {escaped!r} escaped"
    lines = [r.getMessage() for r in records if r.name == "error_core"]
    assert not lines, f"a response that was never sent was logged: {lines}"


def check_answered(outcome: Outcome, request: RawRequest, records: list[logging.LogRecord]) -> None:
    """The ``internal`` envelope, the exception's traceback logged once with the id."""
    answer, escaped = outcome
    raised = base.STATE.raised
    assert escaped is None, f"{type(escaped).__name__} escaped the adapter: {escaped!r}"
    assert answer is not None, "nothing was sent"
    seen = apps.Seen(plan=apps.Plan(marker=base.STATE.thrown.marker), reached=True, raised=raised)
    check_answer(answer, request, seen, trust=False)
    assert answer.status == 500, answer.status
    check_logs(records, answer)
    request_id = answer.header("Request-Id")
    with_traceback = [r for r in records if r.exc_info and r.exc_info[1] is raised]
    assert len(with_traceback) == 1, f"traceback logged {len(with_traceback)} times"
    assert with_traceback[0].request_id == request_id  # type: ignore[attr-defined]
    lines = [r for r in records if r.name == "error_core" and r.levelno == logging.ERROR]
    assert len(lines) == 1, [r.getMessage() for r in lines]


def test_any_base_exception_propagates_or_gets_the_envelope() -> None:
    if not _made:
        _made.update(_calls())
    passed = 0

    @FUZZ
    @seed(SEED)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        nonlocal passed
        adapter = data.draw(st.sampled_from(sorted(_made)), label="adapter")
        thrown = data.draw(base.thrown(adapter), label="thrown")
        method = data.draw(st.sampled_from(["GET", "POST", "HEAD"]), label="method")
        view = b"/base/sync" if thrown.how == "raise" else b"/base/async"
        request = RawRequest(method, view, body=b"{}" if method == "POST" else b"")
        note(f"adapter={adapter!r} thrown={thrown!r} method={method!r}")
        base.start(thrown)
        with captured() as records:
            outcome = _made[adapter](request, thrown.how == "client_left")
        assert base.STATE.propagates is not None, f"the view did not run: {outcome}"
        if base.STATE.propagates:
            check_propagated(outcome, records)
        else:
            check_answered(outcome, request, records)
        passed += 1

    run()
    COUNTS["base-exceptions"] = passed
    assert passed >= EXAMPLES, f"only {passed} of {EXAMPLES} examples ran"
