"""What every fuzz test uses: Hypothesis settings, senders to each adapter, log capture.

A sender takes a :class:`~tests.raw.RawRequest` and gives the application's
:class:`~tests.raw.Answer`, calling the app as a server does: Flask and Django
through WSGI, Django through ASGI. Django senders take the URLconf (and any
other setting) they run under.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from hypothesis import HealthCheck, settings

from tests.raw import Answer, RawRequest, call_asgi, call_wsgi, environ, scope

from .conftest import EXAMPLES

Send = Callable[[RawRequest], Answer]

# FUZZ_EXAMPLES examples per property; FUZZ_SEED is applied with @seed by each test.
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
def captured(*handlers: logging.Handler) -> Iterator[list[logging.LogRecord]]:
    """The records of the block, on the root logger (with ``handlers`` added there too)."""
    root = logging.getLogger()
    capture, level = Capture(), root.level
    added = [capture, *handlers]
    for handler in added:
        root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield capture.records
    finally:
        for handler in added:
            root.removeHandler(handler)
        root.setLevel(level)


def flask_sender(app: Any) -> Send:
    """``app`` called as a WSGI server calls it."""
    return lambda request: call_wsgi(app, environ(request))


@contextmanager
def django_settings(urlconf: str, **overrides: Any) -> Iterator[None]:
    from django.test import override_settings

    with override_settings(ROOT_URLCONF=urlconf, **overrides):
        yield


def django_wsgi_sender(urlconf: str, **overrides: Any) -> Send:
    """Django's WSGI handler with ``urlconf`` (and ``overrides``) in force."""
    from django.core.handlers.wsgi import WSGIHandler

    with django_settings(urlconf, **overrides):  # MIDDLEWARE is read here
        handler = WSGIHandler()

    def send(request: RawRequest) -> Answer:
        with django_settings(urlconf, **overrides):
            return call_wsgi(handler, environ(request))

    return send


def asgi_scope(request: RawRequest) -> dict[str, Any]:
    """The scope a server builds, its query string made UTF-8.

    Django's ASGIHandler answers a query string that is not UTF-8 with its
    own bare 400 before any middleware runs (README, "Security").
    """
    asgi_scope = scope(request)
    asgi_scope["query_string"] = request.query.decode("utf-8", "replace").encode()
    return asgi_scope


def django_asgi_sender(urlconf: str, **overrides: Any) -> Send:
    """Django's ASGI handler with ``urlconf`` (and ``overrides``) in force, on one loop."""
    from django.core.handlers.asgi import ASGIHandler

    with django_settings(urlconf, **overrides):  # MIDDLEWARE is read here
        handler = ASGIHandler()
    loop = asyncio.new_event_loop()

    def send(request: RawRequest) -> Answer:
        with django_settings(urlconf, **overrides):
            return call_asgi(handler, asgi_scope(request), request.body, loop)

    return send
