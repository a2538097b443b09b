"""Faults inside the error machinery: the answer is still the envelope (issue 6).

Each test breaks one step between the failure and the bytes on the wire and
calls Django's own WSGI and ASGI handlers with a request as a server hands
it over: only a ``BaseException`` that must propagate may leave them.
"""

from __future__ import annotations

import asyncio
import io
import logging
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pytest
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception
from django.http import HttpRequest
from django.test import RequestFactory

import django_errors._envelope_response
from django_errors.middleware import ErrorMiddleware
from error_core import NotFound, current_request_id
from error_core._envelope import render_fallback
from tests.apps.errors import SECRET
from tests.raw import Answer, RawRequest, call_asgi, call_wsgi, envelope_of, environ, scope

from . import faults

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

pytestmark = pytest.mark.usefixtures("no_db_signals")

Send = Callable[..., Answer]


@pytest.fixture
def broken_project(settings: Settings) -> Iterator[set[str]]:
    """The fault URLs and ``BreakingMiddleware``; add "500"/"404" to break a handler."""
    settings.ROOT_URLCONF = "tests.django.faults"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, faults.PATH]
    faults.BROKEN.clear()
    yield faults.BROKEN
    faults.BROKEN.clear()


@pytest.fixture(params=["wsgi", "asgi"])
def send(request: pytest.FixtureRequest, broken_project: set[str]) -> Iterator[Send]:
    """Send a raw request through Django's WSGI or ASGI handler."""
    if request.param == "wsgi":
        handler = WSGIHandler()

        def send_wsgi(raw: RawRequest, **env: Any) -> Answer:
            built = environ(raw)
            built.update(env)
            return call_wsgi(handler, built)

        yield send_wsgi
        return
    asgi, loop = ASGIHandler(), asyncio.new_event_loop()

    def send_asgi(raw: RawRequest, **env: Any) -> Answer:
        return call_asgi(asgi, scope(raw), raw.body, loop)

    yield send_asgi
    loop.close()


def get(path: bytes, *headers: tuple[str, bytes], method: str = "GET") -> RawRequest:
    return RawRequest(method=method, path=path, headers=list(headers))


def assert_internal(answer: Answer) -> str:
    request_id = envelope_of(answer, 500, "internal")
    assert SECRET.encode() not in answer.body
    assert b"Traceback" not in answer.body
    return request_id


BREAK = faults.HEADER


def test_regression_handler500_raises_gives_envelope(send: Send, broken_project: set[str]) -> None:
    # WSGI: the failure escaped WSGIHandler before (the server's own 500 page).
    broken_project.add("500")

    assert_internal(send(get(b"/ok", (BREAK, b"raise"))))
    assert current_request_id() is None


def test_regression_handler404_and_handler500_raise_gives_envelope(
    send: Send, broken_project: set[str]
) -> None:
    broken_project.update({"404", "500"})

    assert_internal(send(get(b"/no/such/route")))


def test_handler404_raises_gives_envelope(send: Send, broken_project: set[str]) -> None:
    broken_project.add("404")

    assert_internal(send(get(b"/no/such/route")))


def test_regression_process_response_of_inner_middleware_raises_gives_envelope(
    send: Send, broken_project: set[str]
) -> None:
    assert_internal(send(get(b"/ok", (BREAK, b"process-response"))))
    broken_project.add("500")
    assert_internal(send(get(b"/ok", (BREAK, b"process-response"))))


def test_inner_middleware_returns_none_gives_envelope(send: Send) -> None:
    assert_internal(send(get(b"/ok", (BREAK, b"none"))))


def test_regression_our_own_failure_gives_envelope() -> None:
    # Failed in ErrorMiddleware itself before, so Django answered with its HTML 500.
    response = ErrorMiddleware(lambda request: None)(RequestFactory().get("/"))  # type: ignore[arg-type,return-value]

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert SECRET.encode() not in response.content


def test_regression_envelope_rendering_fails_gives_the_fixed_fallback(
    send: Send, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(django_errors._envelope_response, "error_response", broken)

    answer = send(get(b"/t/raise/conflict"))

    request_id = assert_internal(answer)
    assert answer.body == render_fallback(request_id).body


def test_regression_got_request_exception_receiver_raises_gives_envelope(send: Send) -> None:
    def receiver(sender: Any, **kwargs: Any) -> None:
        raise RuntimeError(SECRET)

    got_request_exception.connect(receiver, dispatch_uid="tests.django.faults.receiver")
    try:
        answer = send(get(b"/t/raise/runtime"))
    finally:
        got_request_exception.disconnect(dispatch_uid="tests.django.faults.receiver")

    assert_internal(answer)


class RaisingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        raise RuntimeError(SECRET)


@pytest.mark.parametrize("logger", ["django.security.SuspiciousFileOperation", "error_core"])
def test_regression_log_filter_raises_keeps_the_answer(send: Send, logger: str) -> None:
    # A raising filter on django.security turned this 400 into a 500 before.
    broken = RaisingFilter()
    logging.getLogger(logger).addFilter(broken)
    try:
        answer = send(get(b"/t/raise/suspicious"))
    finally:
        logging.getLogger(logger).removeFilter(broken)

    envelope_of(answer, 400, "invalid_request")


def test_regression_security_log_cannot_forge_a_line(
    send: Send, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)

    answer = send(get(b"/t/raise/suspicious-crlf"))

    envelope_of(answer, 400, "invalid_request")
    [record] = [r for r in caplog.records if r.name.startswith("django.security")]
    assert record.getMessage() == "bad name\\x0d\\x0aERROR forged line"


def test_get_host_that_fails_gives_envelope(send: Send, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: HttpRequest) -> str:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(HttpRequest, "get_host", broken)

    assert_internal(send(get(b"/ok")))


def test_reading_a_body_that_fails_gives_the_400_envelope(settings: Settings) -> None:
    # Django says UnreadablePostError: the client broke the body off, not our failure.
    class Broken(io.RawIOBase):
        def readinto(self, buffer: Any) -> int:
            raise OSError(SECRET)

    settings.ROOT_URLCONF = "tests.django.faults"
    raw = RawRequest(method="POST", path=b"/t/read-body", body=b"x" * 10)
    built = environ(raw)
    built["wsgi.input"] = Broken()

    answer = call_wsgi(WSGIHandler(), built)

    envelope_of(answer, 400, "invalid_request")
    assert SECRET.encode() not in answer.body


def test_api_error_whose_headers_hook_raises_gives_the_fallback_with_the_id(send: Send) -> None:
    answer = send(get(b"/t/raise/broken-headers"))

    request_id = assert_internal(answer)
    assert answer.body == render_fallback(request_id).body


def test_api_error_whose_message_str_raises_is_internal(send: Send) -> None:
    assert_internal(send(get(b"/t/raise/unprintable")))


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (get(b"/ok", ("Content-Length", b"abc")), "content length not digits"),
        (get(b"/ok", ("Content-Length", b"-1")), "negative content length"),
        (RawRequest(method="POST", path=b"/upload", headers=[("Content-Length", b"1_0")]), "1_0"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_regression_malformed_content_length_is_400(send: Send, raw: RawRequest, what: str) -> None:
    # Django's request.body failed with a ValueError before: a 500.
    envelope_of(send(raw), 400, "invalid_request")


@pytest.mark.parametrize("query", [b"q=\xff", b"q=\r\nX:%20y", b"q=\x00"])
def test_regression_query_string_not_utf8_or_with_controls_is_400(
    broken_project: set[str], query: bytes
) -> None:
    # Django's WSGI request took it; Werkzeug fails on it (a 500) and Django's
    # ASGI handler refuses what is not UTF-8: 400 on both adapters.
    answer = call_wsgi(WSGIHandler(), environ(RawRequest(path=b"/ok", query=query)))

    envelope_of(answer, 400, "invalid_request")


def test_regression_query_string_with_controls_is_400(send: Send) -> None:
    envelope_of(send(RawRequest(path=b"/ok", query=b"q=\r\nX:%20y")), 400, "invalid_request")
    assert send(RawRequest(path=b"/ok", query="q=名".encode())).status == 200


def test_known_limitation_asgi_query_string_not_utf8_is_djangos_own_400(
    broken_project: set[str],
) -> None:
    # Django's ASGIHandler answers before any middleware runs (README, "Security").
    loop = asyncio.new_event_loop()
    try:
        raw = RawRequest(path=b"/ok", query=b"q=\xff")
        answer = call_asgi(ASGIHandler(), scope(raw), b"", loop)
    finally:
        loop.close()

    assert answer.status == 400
    assert answer.header("Request-Id") is None


@pytest.mark.parametrize("name", ["keyboard-interrupt", "system-exit", "generator-exit"])
def test_base_exceptions_that_must_propagate_leave_the_handler(
    broken_project: set[str], name: str
) -> None:
    exception = {
        "keyboard-interrupt": KeyboardInterrupt,
        "system-exit": SystemExit,
        "generator-exit": GeneratorExit,
    }[name]

    with pytest.raises(exception):
        call_wsgi(WSGIHandler(), environ(get(f"/t/raise/{name}".encode())))
    assert current_request_id() is None


def test_an_escaped_failure_is_logged_once_with_the_id(
    broken_project: set[str], caplog: pytest.LogCaptureFixture
) -> None:
    broken_project.add("500")

    answer = call_wsgi(WSGIHandler(), environ(get(b"/ok\r\nforged", (BREAK, b"raise"))))

    request_id = assert_internal(answer)
    [record] = [r for r in caplog.records if r.name == "error_core"]
    assert record.exc_info is not None
    assert (
        record.getMessage() == f"GET /ok\\x0d\\x0aforged -> 500 internal (request_id={request_id})"
    )


def test_not_found_is_still_answered_as_chosen(send: Send) -> None:
    envelope_of(send(get(b"/no/such/route")), NotFound.status, "not_found")
