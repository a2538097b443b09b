"""The request id: one per request, in g, in the contextvar, in every response."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from flask import Blueprint, Flask, copy_current_request_context, g

from error_core import NotFound, current_request_id

from .helpers import REQUEST_ID, MakeApp, assert_envelope


def add_id_routes(app: Flask) -> None:
    """``/id`` answers with what the view sees; ``/fail`` raises NotFound."""

    @app.get("/id")
    def show_id() -> dict[str, Any]:
        return {"g": g.request_id, "current": current_request_id()}

    @app.get("/fail")
    def fail() -> str:
        raise NotFound()


def test_view_sees_the_id_of_the_response_header(make_app: MakeApp) -> None:
    app = make_app()
    add_id_routes(app)

    response = app.test_client().get("/id")

    request_id = response.headers["Request-Id"]
    assert REQUEST_ID.fullmatch(request_id)
    assert response.get_json() == {"g": request_id, "current": request_id}


def test_error_body_header_and_view_agree(make_app: MakeApp) -> None:
    app = make_app()
    seen: list[str | None] = []

    @app.get("/fail")
    def fail() -> str:
        seen.append(current_request_id())
        raise NotFound()

    request_id = assert_envelope(app.test_client().get("/fail"), 404, "not_found")

    assert seen == [request_id]


def test_every_request_gets_a_fresh_id(make_app: MakeApp) -> None:
    app = make_app()
    add_id_routes(app)
    client = app.test_client()

    ids = [client.get(path).headers["Request-Id"] for path in ("/id", "/id", "/fail", "/fail")]

    assert len(set(ids)) == 4


def test_no_id_outside_a_request(make_app: MakeApp) -> None:
    app = make_app()
    add_id_routes(app)
    client = app.test_client()

    assert current_request_id() is None
    client.get("/id")
    assert current_request_id() is None
    client.get("/fail")
    assert current_request_id() is None


def test_requests_inside_one_app_context_get_their_own_ids(make_app: MakeApp) -> None:
    app = make_app()
    add_id_routes(app)
    client = app.test_client()

    with app.app_context():  # as many test fixtures and CLI commands do
        first = client.get("/id")
        second = client.get("/id")
        assert "request_id" not in g
        assert current_request_id() is None

    for response in (first, second):
        request_id = response.headers["Request-Id"]
        assert response.get_json() == {"g": request_id, "current": request_id}
    assert first.headers["Request-Id"] != second.headers["Request-Id"]


def test_request_made_while_handling_another_leaves_the_outer_id(make_app: MakeApp) -> None:
    app = make_app()
    add_id_routes(app)

    @app.get("/outer")
    def outer() -> dict[str, Any]:
        inner = app.test_client().get("/id")
        return {
            "inner": inner.get_json(),
            "inner_header": inner.headers["Request-Id"],
            "after": {"g": g.request_id, "current": current_request_id()},
        }

    response = app.test_client().get("/outer")

    outer_id = response.headers["Request-Id"]
    data = response.get_json()
    assert data["after"] == {"g": outer_id, "current": outer_id}
    assert data["inner"] == {"g": data["inner_header"], "current": data["inner_header"]}
    assert data["inner_header"] != outer_id


def test_request_context_without_dispatch_binds_nothing(make_app: MakeApp) -> None:
    app = make_app()

    with app.test_request_context("/id"):
        assert current_request_id() is None
        assert "request_id" not in g
    assert current_request_id() is None


@pytest.mark.parametrize("path", ["/page", "/missing"])
def test_every_hook_sees_the_id_whenever_it_was_registered(path: str) -> None:
    from flask_errors import Errors

    app = Flask(__name__)
    seen: dict[str, str | None] = {}

    def record(name: str) -> None:
        seen[name] = current_request_id()

    @app.url_value_preprocessor
    def early_url_values(endpoint: str | None, values: dict[str, Any] | None) -> None:
        record("url value preprocessor")

    @app.before_request
    def early() -> None:
        record("before request")

    @app.teardown_request
    def early_teardown(exc: BaseException | None) -> None:
        record("teardown registered first")

    bp = Blueprint("bp", __name__)

    @bp.before_request
    def blueprint_hook() -> None:
        record("blueprint before request")

    @bp.get("/page")
    def page() -> str:
        return "ok"

    app.register_blueprint(bp)
    Errors(app)

    @app.teardown_request
    def late_teardown(exc: BaseException | None) -> None:
        record("teardown registered last")

    response = app.test_client().get(path)

    request_id = response.headers["Request-Id"]
    expected = {
        "url value preprocessor",
        "before request",
        "teardown registered first",
        "teardown registered last",
    }
    if path == "/page":
        expected.add("blueprint before request")
    assert seen == dict.fromkeys(expected, request_id)
    assert current_request_id() is None


def test_concurrent_requests_never_see_each_other_ids(make_app: MakeApp) -> None:
    app = make_app()
    both_inside = threading.Barrier(2, timeout=10)

    @app.get("/wait")
    def wait() -> dict[str, Any]:
        before = current_request_id()
        both_inside.wait()  # the other request is now inside its view too
        return {"before": before, "after": current_request_id(), "g": g.request_id}

    results: list[Any] = []

    def call() -> None:
        response = app.test_client().get("/wait")
        results.append((response.headers["Request-Id"], response.get_json()))

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 2
    for request_id, seen in results:
        assert seen == {"before": request_id, "after": request_id, "g": request_id}
    assert results[0][0] != results[1][0]


def test_incoming_id_is_ignored_by_default(make_app: MakeApp) -> None:
    app = make_app()
    add_id_routes(app)
    client = app.test_client()

    for path in ("/id", "/fail"):
        response = client.get(path, headers={"X-Request-Id": "client-chosen-id"})
        assert REQUEST_ID.fullmatch(response.headers["Request-Id"])
        assert b"client-chosen-id" not in response.get_data()


@pytest.mark.parametrize(
    "incoming",
    ["client-chosen-id", "a", "A.b_c:d-9", "0" * 128, "550e8400-e29b-41d4-a716-446655440000"],
)
def test_trusted_valid_incoming_id_is_adopted(make_app: MakeApp, incoming: str) -> None:
    app = make_app({"ERRORS_TRUST_INCOMING_REQUEST_ID": True})
    add_id_routes(app)
    client = app.test_client()

    response = client.get("/id", headers={"X-Request-Id": incoming})
    error = client.get("/fail", headers={"X-Request-Id": incoming})

    assert response.headers["Request-Id"] == incoming
    assert response.get_json() == {"g": incoming, "current": incoming}
    assert_envelope(error, 404, "not_found", request_id=incoming)


@pytest.mark.parametrize(
    "incoming",
    [
        "abc\r\nX-Injected: 1",
        "abc\ndef",
        "a" * 129,
        "has spaces",
        "",
        "caf\u00e9",
        "<script>",
        "a/b",
    ],
    ids=["crlf", "lf", "129-chars", "spaces", "empty", "non-ascii", "markup", "slash"],
)
def test_trusted_invalid_incoming_id_is_replaced(make_app: MakeApp, incoming: str) -> None:
    app = make_app({"ERRORS_TRUST_INCOMING_REQUEST_ID": True})
    add_id_routes(app)
    client = app.test_client()
    # Set in the environ: the test client refuses newlines in header values.
    environ = {"HTTP_X_REQUEST_ID": incoming}

    response = client.get("/id", environ_overrides=environ)
    error = client.get("/fail", environ_overrides=environ)

    request_id = response.headers["Request-Id"]
    assert REQUEST_ID.fullmatch(request_id)
    assert response.get_json() == {"g": request_id, "current": request_id}
    assert_envelope(error, 404, "not_found")
    assert "X-Injected" not in error.headers


def test_custom_incoming_header(make_app: MakeApp) -> None:
    app = make_app(
        {
            "ERRORS_TRUST_INCOMING_REQUEST_ID": True,
            "ERRORS_INCOMING_REQUEST_ID_HEADER": "X-Correlation-Id",
        }
    )
    add_id_routes(app)
    client = app.test_client()

    adopted = client.get("/fail", headers={"X-Correlation-Id": "corr-1"})
    ignored = client.get("/fail", headers={"X-Request-Id": "req-1"})

    assert_envelope(adopted, 404, "not_found", request_id="corr-1")
    assert_envelope(ignored, 404, "not_found")


def test_custom_response_header(make_app: MakeApp) -> None:
    app = make_app({"ERRORS_REQUEST_ID_HEADER": "X-Trace-Id"})
    add_id_routes(app)
    client = app.test_client()

    success = client.get("/id")
    error = client.get("/fail")

    assert "Request-Id" not in success.headers
    assert "Request-Id" not in error.headers
    request_id = success.headers["X-Trace-Id"]
    assert success.get_json() == {"g": request_id, "current": request_id}
    assert_envelope(error, 404, "not_found", request_id_header="X-Trace-Id")


def test_g_answers_get_and_in_for_the_request_id(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/g")
    def show() -> dict[str, Any]:
        return {
            "get": g.get("request_id"),
            "in": "request_id" in g,
            "other": g.get("user", "nobody"),
        }

    response = app.test_client().get("/g")

    request_id = response.headers["Request-Id"]
    assert response.get_json() == {"get": request_id, "in": True, "other": "nobody"}


def test_an_id_the_app_sets_on_g_wins_over_the_request_id(make_app: MakeApp) -> None:
    app = make_app()

    @app.before_request
    def set_own() -> None:
        g.request_id = "set-by-the-app"

    @app.get("/g")
    def show() -> dict[str, Any]:
        return {"attr": g.request_id, "get": g.get("request_id"), "current": current_request_id()}

    response = app.test_client().get("/g")

    assert response.get_json() == {
        "attr": "set-by-the-app",
        "get": "set-by-the-app",
        "current": response.headers["Request-Id"],
    }


def test_other_names_on_g_behave_as_flask_documents(make_app: MakeApp) -> None:
    app = make_app()

    with app.app_context():
        assert "user" not in g
        assert g.get("user", "nobody") == "nobody"
        with pytest.raises(AttributeError):
            _ = g.request_id  # no request: no id
        g.user = "ada"
        assert g.user == "ada"
        assert "user" in g


def test_the_apps_own_g_class_is_kept(make_app: MakeApp) -> None:
    from flask.ctx import _AppCtxGlobals

    from flask_errors import Errors

    class LenientGlobals(_AppCtxGlobals):
        """Flask's documented example: None for an unknown name."""

        def __getattr__(self, name: str) -> Any:
            return None

    app = Flask(__name__)
    app.app_ctx_globals_class = LenientGlobals
    Errors(app)
    wrapped = app.app_ctx_globals_class
    Errors().init_app(app)

    @app.get("/g")
    def show() -> dict[str, Any]:
        return {"id": g.request_id, "unknown": g.unknown}

    response = app.test_client().get("/g")

    assert response.get_json() == {"id": response.headers["Request-Id"], "unknown": None}
    assert issubclass(wrapped, LenientGlobals)
    assert app.app_ctx_globals_class is wrapped  # a second init_app does not wrap twice
    with app.app_context():
        assert g.request_id is None  # no request: the app's own rule for a missing name


def test_an_error_handled_without_the_wsgi_layer_still_has_an_id(make_app: MakeApp) -> None:
    # A test that dispatches by hand, inside app.test_request_context().
    app = make_app()

    with app.test_request_context("/widgets/42"):
        response = app.handle_user_exception(NotFound())

    assert response.status_code == 404
    body = response.get_json()
    assert body["code"] == "not_found"
    assert REQUEST_ID.fullmatch(body["request_id"])
    assert response.headers["Request-Id"] == body["request_id"]


def test_g_has_the_id_in_a_thread_given_the_request_context(make_app: MakeApp) -> None:
    # flask.copy_current_request_context copies the request, not the contextvars.
    app = make_app()

    @app.get("/thread")
    def in_thread() -> dict[str, Any]:
        seen: dict[str, Any] = {}

        @copy_current_request_context
        def work() -> None:
            seen.update(g=g.request_id, get=g.get("request_id"), has="request_id" in g)

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        return seen

    response = app.test_client().get("/thread")

    request_id = response.headers["Request-Id"]
    assert response.get_json() == {"g": request_id, "get": request_id, "has": True}
