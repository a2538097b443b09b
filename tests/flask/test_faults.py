"""Faults inside the error machinery: the answer is still the envelope (issue 6).

Each test breaks one step between the failure and the bytes on the wire and
calls the app as a server does (a hand-built WSGI environ): only a
``BaseException`` that must propagate may leave the WSGI callable.
"""

from __future__ import annotations

import io
import logging
from typing import Any, Iterator

import pytest
from flask import Flask, Request, got_request_exception, request

from error_core import APIError, NotFound, current_request_id
from error_core._envelope import render_fallback
from flask_errors import Errors
from flask_errors._guard import Guard
from tests.raw import Answer, RawRequest, call_wsgi, envelope_of, environ

from .helpers import MakeApp

SECRET = "db-password=hunter2"
INTERNAL = "An unexpected error occurred on our side."


def send(app: Any, raw: RawRequest | None = None, **env: Any) -> Answer:
    built = environ(raw or RawRequest(path=b"/view"))
    built.update(env)
    return call_wsgi(app, built)


def app_with_view(make_app: MakeApp, **config: Any) -> Flask:
    app = make_app(config)

    @app.route("/view", methods=["GET", "HEAD", "POST"])
    def view() -> str:
        return "ok"

    @app.get("/missing")
    def missing() -> str:
        raise NotFound("Widget 42 does not exist.")

    @app.get("/dir/")
    def directory() -> str:
        return "dir"

    return app


def assert_internal(answer: Answer) -> str:
    request_id = envelope_of(answer, 500, "internal")
    assert SECRET.encode() not in answer.body
    assert b"Traceback" not in answer.body
    return request_id


class RaisingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        raise RuntimeError(SECRET)


@pytest.fixture
def raising_filter_on(request: pytest.FixtureRequest) -> Iterator[None]:
    logger = logging.getLogger(request.param)
    broken = RaisingFilter()
    logger.addFilter(broken)
    yield
    logger.removeFilter(broken)


def test_after_request_raises_gives_envelope(make_app: MakeApp) -> None:
    app = app_with_view(make_app)

    @app.after_request
    def broken(response: Any) -> Any:
        raise RuntimeError(SECRET)

    assert_internal(send(app))


def test_regression_teardown_raises_gives_envelope_and_unbinds_the_id(make_app: MakeApp) -> None:
    # Left Flask.wsgi_app as an exception before: the server's HTML 500.
    app = app_with_view(make_app)

    @app.teardown_request
    def broken(exc: BaseException | None) -> None:
        raise RuntimeError(SECRET)

    answer = send(app)

    assert_internal(answer)
    assert current_request_id() is None


def test_teardown_raises_gives_envelope_through_the_test_client(make_app: MakeApp) -> None:
    # The server's response starts before teardown; Werkzeug's test client
    # re-raises a second start with exc_info where a server takes it.
    app = app_with_view(make_app)

    @app.teardown_request
    def broken(exc: BaseException | None) -> None:
        raise RuntimeError(SECRET)

    response = app.test_client().get("/view")

    assert response.status_code == 500
    assert response.get_json()["code"] == "internal"
    assert response.headers["Content-Length"] == str(len(response.data))


@pytest.mark.parametrize("raising_filter_on", ["fuzz"], indirect=True)
def test_regression_log_filter_raises_gives_envelope(
    make_app: MakeApp, raising_filter_on: None
) -> None:
    # Flask.handle_exception's log_exception raised past every handler before.
    app = make_app()
    app.name = "fuzz"  # app.logger is logging.getLogger(app.name)

    @app.get("/view")
    def view() -> str:
        raise RuntimeError(SECRET)

    assert_internal(send(app))


def test_error_core_log_handler_raises_gives_envelope(make_app: MakeApp) -> None:
    class Broken(logging.Handler):
        def handle(self, record: logging.LogRecord) -> bool:
            raise RuntimeError(SECRET)

    logger, broken = logging.getLogger("error_core"), Broken()
    logger.addHandler(broken)
    try:
        answer = send(app_with_view(make_app), RawRequest(path=b"/missing"))
    finally:
        logger.removeHandler(broken)

    envelope_of(answer, 404, "not_found")


def test_regression_got_request_exception_receiver_raises_gives_envelope(
    make_app: MakeApp,
) -> None:
    app = make_app()

    @app.get("/view")
    def view() -> str:
        raise RuntimeError(SECRET)

    def receiver(sender: Any, **kwargs: Any) -> None:
        raise RuntimeError(SECRET)

    with got_request_exception.connected_to(receiver, app):
        assert_internal(send(app))


def test_regression_error_handler_raises_gives_envelope(make_app: MakeApp) -> None:
    app = make_app()

    @app.errorhandler(500)
    def broken_500(error: Exception) -> str:
        raise RuntimeError(SECRET)

    @app.get("/view")
    def view() -> str:
        raise RuntimeError(SECRET)

    assert_internal(send(app))


def test_regression_response_class_fails_gives_envelope_with_the_requests_id(
    make_app: MakeApp,
) -> None:
    app = app_with_view(make_app)
    seen: list[str | None] = []

    class Broken(app.response_class):  # type: ignore[name-defined,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            seen.append(current_request_id())
            raise RuntimeError(SECRET)

    app.response_class = Broken

    answer = send(app, RawRequest(path=b"/missing"))

    assert assert_internal(answer) == seen[0]


def test_regression_request_context_fails_gives_envelope(make_app: MakeApp) -> None:
    app = app_with_view(make_app)

    class Broken(Request):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise RuntimeError(SECRET)

    app.request_class = Broken

    assert_internal(send(app))


def test_get_host_raises_gives_envelope(make_app: MakeApp) -> None:
    app = app_with_view(make_app)

    class Broken(Request):
        @property
        def host(self) -> str:
            raise RuntimeError(SECRET)

        @host.setter
        def host(self, value: str) -> None:  # Werkzeug 3 sets it in __init__
            pass

    app.request_class = Broken

    @app.before_request
    def check_host() -> None:
        request.host  # noqa: B018

    assert_internal(send(app))


def test_reading_a_body_that_fails_is_a_client_disconnect(make_app: MakeApp) -> None:
    app = make_app()

    @app.post("/read")
    def read() -> str:
        request.get_data()
        return "read"

    class Broken(io.RawIOBase):
        def readinto(self, buffer: Any) -> int:
            raise OSError(SECRET)

    raw = RawRequest(method="POST", path=b"/read", body=b"x" * 10)
    # Werkzeug reads a failing input as a client that went away: 400.
    envelope_of(send(app, raw, **{"wsgi.input": Broken()}), 400, "invalid_request")


def test_api_error_whose_message_str_raises_gives_envelope(make_app: MakeApp) -> None:
    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError(SECRET)

    app = make_app()

    @app.get("/view")
    def view() -> str:
        raise NotFound(Unprintable())  # type: ignore[arg-type]

    assert_internal(send(app))


def test_api_error_whose_headers_hook_raises_gives_the_fallback_with_the_id(
    make_app: MakeApp,
) -> None:
    class BrokenHeaders(NotFound):
        def headers(self) -> list[tuple[str, str]]:
            raise RuntimeError(SECRET)

    app = make_app()
    seen: list[str | None] = []

    @app.get("/view")
    def view() -> str:
        seen.append(current_request_id())
        raise BrokenHeaders()

    answer = send(app)

    request_id = assert_internal(answer)
    assert request_id == seen[0]
    assert answer.body == render_fallback(request_id).body


def test_regression_api_error_with_unserialisable_values_gives_the_fallback(
    make_app: MakeApp,
) -> None:
    app = make_app()

    @app.get("/view")
    def view() -> str:
        error = APIError("ok")
        error.message = {1, 2}  # type: ignore[assignment,misc]
        error.code = object()  # type: ignore[assignment,misc]
        raise error

    assert_internal(send(app))


@pytest.mark.parametrize("exception", [KeyboardInterrupt, SystemExit, GeneratorExit])
def test_base_exceptions_that_must_propagate_leave_the_wsgi_callable(
    make_app: MakeApp, exception: type[BaseException]
) -> None:
    app = make_app()

    @app.get("/view")
    def view() -> str:
        raise exception()

    with pytest.raises(exception):
        send(app)
    assert current_request_id() is None


@pytest.mark.parametrize(
    "config",
    [{"TESTING": True}, {"DEBUG": True}, {"PROPAGATE_EXCEPTIONS": True}],
    ids=["testing", "debug", "propagate"],
)
def test_a_failure_outside_the_handlers_propagates_when_flask_propagates(
    make_app: MakeApp, config: dict[str, Any]
) -> None:
    app = app_with_view(make_app, **config)

    @app.teardown_request
    def broken(exc: BaseException | None) -> None:
        raise RuntimeError(SECRET)

    with pytest.raises(RuntimeError, match=SECRET):
        send(app)


def test_handle_unexpected_in_debug_answers_even_a_failure_outside_the_handlers(
    make_app: MakeApp,
) -> None:
    app = app_with_view(make_app, TESTING=True, ERRORS_HANDLE_UNEXPECTED_IN_DEBUG=True)

    @app.teardown_request
    def broken(exc: BaseException | None) -> None:
        raise RuntimeError(SECRET)

    assert_internal(send(app))


def test_a_head_request_gets_the_fallback_without_a_body(make_app: MakeApp) -> None:
    app = app_with_view(make_app)

    @app.teardown_request
    def broken(exc: BaseException | None) -> None:
        raise RuntimeError(SECRET)

    answer = send(app, RawRequest(method="HEAD", path=b"/view"))

    assert answer.status == 500
    assert answer.body == b""
    assert int(answer.header("Content-Length") or 0) > 0


def test_the_guard_logs_the_failure_once_with_the_id(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = app_with_view(make_app)

    @app.teardown_request
    def broken(exc: BaseException | None) -> None:
        raise RuntimeError(SECRET)

    answer = send(app, RawRequest(path=b"/view\r\nforged"))

    request_id = assert_internal(answer)
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.name == "error_core"
    assert (
        record.getMessage()
        == f"GET /view\\x0d\\x0aforged -> 500 internal (request_id={request_id})"
    )


def test_init_app_twice_wraps_once_with_the_new_settings() -> None:
    app = Flask(__name__)
    Errors(app)
    app.config["ERRORS_REQUEST_ID_HEADER"] = "X-Trace-Id"
    Errors(app)

    assert isinstance(app.wsgi_app, Guard)
    assert not isinstance(app.wsgi_app.wsgi_app, Guard)
    assert app.wsgi_app.settings.request_id_header == "X-Trace-Id"


def test_the_guard_passes_write_and_start_response_through() -> None:
    app = Flask(__name__)
    Errors(app)

    def legacy(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        write(b"written ")
        write(b"twice ")
        return [b"returned"]

    answer = call_wsgi(Guard(legacy, app, app.extensions["errors"]), environ(RawRequest()))

    assert (answer.status, answer.body) == (200, b"written twice returned")


def test_a_failure_after_write_lets_the_server_decide() -> None:
    app = Flask(__name__)
    Errors(app)

    def legacy(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])(b"half")
        raise RuntimeError(SECRET)

    with pytest.raises(RuntimeError, match=SECRET):  # the headers are out: PEP 3333
        call_wsgi(Guard(legacy, app, app.extensions["errors"]), environ(RawRequest()))


@pytest.mark.parametrize(
    "raw",
    [
        RawRequest(path=b"/view", headers=[("Content-Length", b"abc")]),
        RawRequest(method="POST", path=b"/view", headers=[("Content-Length", b"-1")]),
        RawRequest(path=b"/no/such/route", headers=[("Content-Length", b"1_0")]),
    ],
    ids=["letters", "negative", "underscore"],
)
def test_regression_malformed_content_length_is_400(make_app: MakeApp, raw: RawRequest) -> None:
    # Werkzeug read it as 0 where Django failed with a 500: RFC 9110 says 400.
    envelope_of(send(app_with_view(make_app), raw), 400, "invalid_request")


def test_a_malformed_request_is_refused_before_any_hook_runs(make_app: MakeApp) -> None:
    # As a server refuses it: the app's hooks and views never see the bad input.
    app = app_with_view(make_app)
    seen: list[str] = []
    app.before_request(lambda: seen.append("before_request"))

    @app.after_request
    def after(response: Any) -> Any:
        seen.append("after_request")
        return response

    answer = send(app, RawRequest(path=b"/view", headers=[("Content-Length", b"abc")]))

    request_id = envelope_of(answer, 400, "invalid_request")
    assert answer.header("Request-Id") == request_id
    assert seen == []
    assert send(app, RawRequest(path=b"/view")).status == 200
    assert seen == ["before_request", "after_request"]


def test_regression_query_string_not_utf8_is_400(make_app: MakeApp) -> None:
    # Werkzeug's request.args failed with a UnicodeDecodeError before: a 500.
    app = make_app()

    @app.get("/args")
    def args() -> dict[str, str]:
        return request.args.to_dict()

    envelope_of(send(app, RawRequest(path=b"/args", query=b"q=\xff")), 400, "invalid_request")
    assert send(app, RawRequest(path=b"/args", query=b"q=caf\xc3\xa9")).status == 200


def test_regression_redirect_with_cr_lf_in_the_query_is_400(make_app: MakeApp) -> None:
    # Werkzeug copied the CR into the redirect's Location and failed: a 500.
    app = app_with_view(make_app)

    answer = send(app, RawRequest(path=b"/dir", query=b"a=\r\nSet-Cookie:%20x=1"))

    envelope_of(answer, 400, "invalid_request")
    assert answer.header("Set-Cookie") is None


def test_a_redirect_is_still_a_redirect(make_app: MakeApp) -> None:
    app = app_with_view(make_app)

    answer = send(app, RawRequest(path=b"/dir", query=b"a=1"))

    assert answer.status == 308
    assert answer.header("Location") == "http://localhost/dir/?a=1"
