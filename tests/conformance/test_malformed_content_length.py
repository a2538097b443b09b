"""A Content-Length no body can have: 400 on every adapter, same bytes."""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Iterator

import pytest

pytest.importorskip("flask")
pytest.importorskip("django")

from tests.raw import Answer, RawRequest, call_asgi, call_wsgi, envelope_of, environ, scope

# Past Python's limit for int() of a string (4,300 digits by default).
LENGTH = b"9" * 5000


@pytest.fixture
def no_db_signals() -> Iterator[None]:
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _flask(request: RawRequest) -> Answer:
    from tests.apps.flask_app import create_app

    return call_wsgi(create_app(), environ(request))


def _django(request: RawRequest) -> Answer:
    from django.core.handlers.wsgi import WSGIHandler

    return call_wsgi(WSGIHandler(), environ(request))


def _django_asgi(request: RawRequest) -> Answer:
    from django.core.handlers.asgi import ASGIHandler

    loop = asyncio.new_event_loop()
    try:
        return call_asgi(ASGIHandler(), scope(request), request.body, loop)
    finally:
        loop.close()


ADAPTERS: dict[str, Callable[[RawRequest], Answer]] = {
    "flask": _flask,
    "django": _django,
    "django-asgi": _django_asgi,
}


@pytest.mark.usefixtures("no_db_signals")
@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", b"/ok"), ("POST", b"/items"), ("GET", b"/no/such/route")],
)
def test_a_content_length_of_thousands_of_digits_is_400_alike_on_every_adapter(
    method: str, path: bytes
) -> None:
    # Flask answered a view that never reads the body with a 200 (and an
    # unknown route with a 404); Django said 400 for every request.
    request = RawRequest(method, path, headers=[("Content-Length", LENGTH)])
    bodies: dict[str, Any] = {}
    for adapter, send in ADAPTERS.items():
        answer = send(request)
        request_id = envelope_of(answer, 400, "invalid_request")
        bodies[adapter] = answer.body.replace(request_id.encode(), b"<id>")
    assert len(set(bodies.values())) == 1, bodies


@pytest.mark.usefixtures("no_db_signals")
@pytest.mark.parametrize("length", [b"9223372036854775808", b"1" + b"0" * 18, b"9" * 30])
@pytest.mark.parametrize(("method", "path"), [("GET", b"/ok"), ("POST", b"/items")])
def test_a_content_length_past_18_digits_is_400_alike_on_every_adapter(
    length: bytes, method: str, path: bytes
) -> None:
    # Django's request.POST failed with an OverflowError (a 500) past
    # sys.maxsize; Flask and Django answered other views as if it were fine.
    request = RawRequest(
        method,
        path,
        headers=[
            ("Content-Type", b"multipart/form-data; boundary=xyz"),
            ("Content-Length", length),
        ],
    )
    bodies: dict[str, Any] = {}
    for adapter, send in ADAPTERS.items():
        answer = send(request)
        request_id = envelope_of(answer, 400, "invalid_request")
        bodies[adapter] = answer.body.replace(request_id.encode(), b"<id>")
    assert len(set(bodies.values())) == 1, bodies
