"""Hostile requests to views that raise anything: both adapters keep the contract.

Each example is one request, built as a server hands it over (a WSGI environ
or an ASGI scope), to a view that reads the body and then returns, raises a
random ``APIError``, raises any exception with any text, or lets the
framework answer. Every property of :mod:`.properties` is checked on every
example: ``FUZZ_EXAMPLES`` examples (CI: 2000) per adapter.
"""

from __future__ import annotations

from typing import Callable

import pytest
from hypothesis import given, seed
from hypothesis import strategies as st

from tests.raw import RawRequest

from . import apps
from .conftest import COUNTS, EXAMPLES, SEED
from .harness import FUZZ, Send, captured, django_asgi_sender, django_wsgi_sender, flask_sender
from .properties import check_answer, check_logs
from .strategies import plans, requests

URLCONF = "tests.fuzz.apps"


def _by_trust(make: Callable[[bool], Send]) -> Callable[[], dict[bool, Send]]:
    return lambda: {trust: make(trust) for trust in (False, True)}


ADAPTERS: dict[str, tuple[str, Callable[[], dict[bool, Send]]]] = {
    "flask": (
        "flask",
        _by_trust(lambda t: flask_sender(apps.flask_app(ERRORS_TRUST_INCOMING_REQUEST_ID=t))),
    ),
    "django-wsgi": (
        "django",
        _by_trust(lambda t: django_wsgi_sender(URLCONF, ERRORS_TRUST_INCOMING_REQUEST_ID=t)),
    ),
    "django-asgi": (
        "django",
        _by_trust(lambda t: django_asgi_sender(URLCONF, ERRORS_TRUST_INCOMING_REQUEST_ID=t)),
    ),
}
_senders: dict[str, dict[bool, Send]] = {}


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
            answer = send[trust](request)
        check_answer(answer, request, apps.SEEN, trust=trust)
        check_logs(records, answer)
        passed += 1

    run()
    COUNTS[adapter] = passed
    assert passed >= EXAMPLES, f"only {passed} of {EXAMPLES} examples ran"
