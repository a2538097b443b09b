"""Views that raise any ``BaseException``, and the strategy drawing what and how.

``error_core._propagation.must_propagate`` is the rule: what it says propagates
must leave the adapter unanswered, anything else is answered with 500
``internal``. Each view asks the rule where the exception is raised, in the
same thread and task as the adapter that catches it, and records the answer
in :data:`STATE` for the property to hold the adapter to.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Callable

from hypothesis import strategies as st

from error_core._propagation import must_propagate

from .apps import Raise, Text
from .strategies import identifiers, small_text

# How the exception comes about; each adapter runs only the ways it has.
# "raise": a sync view raises it; "async": an async view raises it;
# "awaited": an async view awaits a task someone cancelled (CancelledError);
# "self_cancel": an async view's own task is cancelled (ASGI only);
# "client_left": the ASGI client disconnects while the view waits.
HOWS = {
    "flask": ["raise", "async", "awaited"],
    "django-wsgi": ["raise", "async", "awaited"],
    "django-asgi": ["raise", "async", "awaited", "self_cancel", "client_left"],
}


@dataclass(frozen=True)
class Thrown:
    """What the view raises (``exception``) and how (``how``)."""

    how: str
    exception: Raise | None = None
    marker: str = "SECRET"


@dataclass
class State:
    """What the current request's view did."""

    thrown: Thrown = field(default_factory=lambda: Thrown("raise"))
    raised: BaseException | None = None
    propagates: bool | None = None  # must_propagate(raised), asked where it was raised
    waiting: asyncio.Event | None = None  # set while a "client_left" view waits


STATE = State()


def start(thrown: Thrown) -> None:
    """Reset :data:`STATE` for a new request."""
    STATE.thrown, STATE.raised, STATE.propagates, STATE.waiting = thrown, None, None, None


def _ruled(exc: BaseException) -> BaseException:
    STATE.raised, STATE.propagates = exc, must_propagate(exc)
    return exc


def raise_sync() -> None:
    """The sync view's work: raise the planned exception."""
    assert STATE.thrown.exception is not None
    raise _ruled(STATE.thrown.exception.make())


async def raise_async() -> None:
    """The async view's work, by the plan's ``how``."""
    how = STATE.thrown.how
    await asyncio.sleep(0)
    try:
        if how == "async":
            raise_sync()
        elif how == "awaited":
            other = asyncio.ensure_future(asyncio.sleep(60))
            other.cancel()
            await other
        elif how == "self_cancel":
            task = asyncio.current_task()
            assert task is not None
            task.cancel(STATE.thrown.marker)
            await asyncio.sleep(0)
        elif how == "client_left":
            STATE.waiting = asyncio.Event()
            STATE.waiting.set()
            await asyncio.sleep(60)
    except BaseException as exc:
        if STATE.raised is not exc:
            _ruled(exc)
        raise


# The exceptions ----------------------------------------------------------------


def _optional_types() -> list[type[BaseException]]:
    """BaseExceptions of the green-thread libraries, when installed."""
    found: list[type[BaseException]] = []
    try:
        from greenlet import GreenletExit

        found.append(GreenletExit)
    except ImportError:  # pragma: no cover - optional
        pass
    try:
        from gevent import Timeout

        found.append(Timeout)
    except ImportError:  # pragma: no cover - optional
        pass
    return found


BASES: list[type[BaseException]] = [
    BaseException,
    KeyboardInterrupt,
    SystemExit,
    GeneratorExit,
    asyncio.CancelledError,
    *_optional_types(),
]


def _custom(name: str, base: type[BaseException]) -> type[BaseException]:
    return type(name, (base,), {"__module__": "hidden.module"})


def _made(cls: type[BaseException], marker: str, message: str) -> BaseException:
    text = f"{marker} {message}"
    if any(klass.__module__.startswith("gevent") for klass in cls.__mro__):
        return cls(None, text)  # type: ignore[call-arg]  # Timeout(seconds, exception)
    return cls(text)


def _group(marker: str, errors: list[BaseException]) -> BaseException:
    return BaseExceptionGroup(marker, errors)


def base_exceptions(marker: str) -> st.SearchStrategy[Raise]:
    """Any BaseException that is not an Exception, ``marker`` in its text."""
    classes = st.sampled_from(BASES) | st.builds(_custom, identifiers, st.sampled_from(BASES))
    # Short texts: what is raised matters here, not how much text it carries.
    texts = small_text().map(Text)
    single = st.builds(lambda c, m: Raise(_made, (c, marker, m)), classes, texts)
    members = single | st.builds(lambda m: Raise(ValueError, (f"{marker} {m}",)), small_text())
    group = st.builds(
        lambda errors: Raise(_group, (marker, errors)), st.lists(members, min_size=1, max_size=3)
    )
    return single | group


@st.composite
def thrown(draw: Callable[..., Any], adapter: str) -> Thrown:
    """What one request's view raises on ``adapter``, and how."""
    marker = "SECRET" + draw(st.from_regex(r"[A-Z0-9]{8}", fullmatch=True))
    how = draw(st.sampled_from(HOWS[adapter]))
    if how in ("raise", "async"):
        return Thrown(how, draw(base_exceptions(marker)), marker)
    return Thrown(how, marker=marker)


# The apps ----------------------------------------------------------------------


def flask_app() -> Any:
    """A Flask app whose ``/base/sync`` and ``/base/async`` views raise."""
    from flask import Flask

    from flask_errors import Errors

    app = Flask("fuzz_base")
    Errors(app)

    @app.route("/base/sync", methods=["GET", "POST", "HEAD"])
    def sync_view() -> Any:
        raise_sync()

    @app.route("/base/async", methods=["GET", "POST", "HEAD"])
    async def async_view() -> Any:
        await raise_async()

    return app


def django_sync_view(request: Any) -> Any:
    """Raises the planned exception."""
    raise_sync()


async def django_async_view(request: Any) -> Any:
    """Raises (or meets) the planned exception, by the plan's ``how``."""
    await raise_async()


def _urlpatterns() -> list[Any]:
    from django.urls import path
    from django.views.decorators.csrf import csrf_exempt

    return [
        path("base/sync", csrf_exempt(django_sync_view)),
        path("base/async", csrf_exempt(django_async_view)),
    ]


urlpatterns = _urlpatterns()
