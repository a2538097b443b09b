"""Hostile requests to views that raise anything: both adapters keep the contract.

Each example is one request, built as a server hands it over (a WSGI environ
or an ASGI scope), to a view that reads the body and then returns, raises a
random ``APIError``, raises any exception with any text, or lets the
framework answer. Every property of :mod:`.properties` is checked on every
example: ``FUZZ_EXAMPLES`` examples (CI: 2000) per adapter.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import contextmanager
from typing import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.raw import Answer, RawRequest, call_asgi, call_wsgi, environ, scope

from . import apps
from .conftest import COUNTS, EXAMPLES, SEED
from .properties import check_answer, check_logs
from .strategies import plans, requests

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=list(HealthCheck),
)


class Capture(logging.Handler):
    """Every record of one request."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def captured() -> Iterator[list[logging.LogRecord]]:
    root = logging.getLogger()
    handler, level = Capture(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler.records
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


Send = Callable[[RawRequest, bool], Answer]


def flask_sender() -> Send:
    flask_apps = {
        trust: apps.flask_app(ERRORS_TRUST_INCOMING_REQUEST_ID=trust) for trust in (False, True)
    }
    return lambda request, trust: call_wsgi(flask_apps[trust], environ(request))


@contextmanager
def django_settings(trust: bool) -> Iterator[None]:
    from django.test import override_settings

    with override_settings(ROOT_URLCONF="tests.fuzz.apps", ERRORS_TRUST_INCOMING_REQUEST_ID=trust):
        yield


def django_wsgi_sender() -> Send:
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()

    def send(request: RawRequest, trust: bool) -> Answer:
        with django_settings(trust):
            return call_wsgi(handler, environ(request))

    return send


def django_asgi_sender() -> Send:
    from django.core.handlers.asgi import ASGIHandler

    handler = ASGIHandler()
    loop = asyncio.new_event_loop()

    def send(request: RawRequest, trust: bool) -> Answer:
        asgi_scope = scope(request)
        # Django's ASGIHandler answers a query string that is not UTF-8 with its
        # own bare 400 before any middleware runs (README, "Security").
        asgi_scope["query_string"] = request.query.decode("utf-8", "replace").encode()
        with django_settings(trust):
            return call_asgi(handler, asgi_scope, request.body, loop)

    return send


ADAPTERS: dict[str, tuple[str, Callable[[], Send]]] = {
    "flask": ("flask", flask_sender),
    "django-wsgi": ("django", django_wsgi_sender),
    "django-asgi": ("django", django_asgi_sender),
}
_senders: dict[str, Send] = {}


@pytest.mark.parametrize("adapter", list(ADAPTERS))
def test_every_answer_keeps_the_contract(adapter: str) -> None:
    framework, make = ADAPTERS[adapter]
    send = _senders.get(adapter) or _senders.setdefault(adapter, make())

    passed = 0

    @FUZZ
    @seed(SEED)
    @given(request=requests(), plan=plans(framework), trust=st.booleans())
    def run(request: RawRequest, plan: apps.Plan, trust: bool) -> None:
        nonlocal passed
        apps.start(plan)
        with captured() as records:
            answer = send(request, trust)
        check_answer(answer, request, apps.SEEN, trust=trust)
        check_logs(records, answer)
        passed += 1

    run()
    COUNTS[adapter] = passed
    assert passed >= EXAMPLES, f"only {passed} of {EXAMPLES} examples ran"
