"""A JSON body nested deeper than the parser recurses is the client's invalid JSON: 400."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import pytest
from flask import Flask, Request, request

from flask_errors import Errors

from ..json_depth import too_deep_json
from .helpers import MakeApp, assert_envelope, sent_exceptions

# Unbalanced: invalid JSON anyway (a RecursionError up to 3.11, a ValueError after).
DEEP = b"[" * 1000


def _app(make_app: MakeApp, *, silent: bool = False) -> Flask:
    app = make_app({"MAX_CONTENT_LENGTH": 3_000_000})

    @app.post("/echo")
    def echo() -> Any:
        return {"json": request.get_json(silent=silent)}

    return app


@pytest.mark.parametrize("body", [DEEP, "balanced"])
def test_a_json_body_nested_too_deeply_is_invalid_request(
    make_app: MakeApp, body: bytes | str
) -> None:
    # The parser's RecursionError was a 500 internal.
    if body == "balanced":
        body = too_deep_json()
    assert isinstance(body, bytes)
    app = _app(make_app)
    response = app.test_client().post("/echo", data=body, content_type="application/json")
    assert_envelope(response, 400, "invalid_request")


def test_a_json_body_nested_too_deeply_is_none_for_silent_get_json(make_app: MakeApp) -> None:
    app = _app(make_app, silent=True)
    response = app.test_client().post("/echo", data=DEEP, content_type="application/json")
    assert response.status_code == 200
    assert response.get_json() == {"json": None}


def test_a_recursion_error_outside_body_parsing_is_still_internal(make_app: MakeApp) -> None:
    app = make_app()

    @app.post("/own")
    def own() -> Any:
        request.get_json()
        return {"json": json.loads("[" * 100_000)}  # the application's own parsing

    @app.get("/recurse")
    def recurse() -> Any:
        def down(n: int) -> int:
            return down(n + 1)

        return {"n": down(0)}

    client = app.test_client()
    assert_envelope(client.post("/own", json=[1]), 500, "internal")
    assert_envelope(client.get("/recurse"), 500, "internal")


def test_a_json_body_nested_within_the_limit_still_parses(make_app: MakeApp) -> None:
    app = _app(make_app)
    body = b"[" * 100 + b"]" * 100
    response = app.test_client().post("/echo", data=body, content_type="application/json")
    assert response.status_code == 200
    assert response.get_json() == {"json": json.loads(body)}


def test_the_application_s_own_request_class_is_kept() -> None:
    class AppRequest(Request):
        marker = "app"

    app = Flask(__name__)
    app.request_class = AppRequest
    Errors(app)

    @app.post("/echo")
    def echo() -> Any:
        assert isinstance(request._get_current_object(), AppRequest)  # type: ignore[attr-defined]
        return {"marker": request.marker, "json": request.get_json()}  # type: ignore[attr-defined]

    client = app.test_client()
    assert client.post("/echo", json=[1]).get_json() == {"marker": "app", "json": [1]}
    response = client.post("/echo", data=DEEP, content_type="application/json")
    assert_envelope(response, 400, "invalid_request")


def test_a_request_built_outside_flask_answers_too_deep_a_body_as_invalid_json() -> None:
    from werkzeug.exceptions import BadRequest
    from werkzeug.test import EnvironBuilder

    from flask_errors._json_nesting import NestingTooDeep, nesting_checked

    environ = EnvironBuilder(data=too_deep_json(), content_type="application/json").get_environ()
    checked = nesting_checked(Request)(environ)
    failed: list[ValueError | None] = []
    checked.on_json_loading_failed = failed.append  # type: ignore[method-assign]
    assert checked.get_json(cache=False) is None  # what on_json_loading_failed returned
    assert [type(error) for error in failed] == [NestingTooDeep]
    assert checked.get_json(silent=True, cache=False) is None
    assert len(failed) == 1
    del checked.on_json_loading_failed
    with pytest.raises(BadRequest):
        checked.get_json(cache=False)


def test_the_application_s_json_provider_still_parses_the_body(make_app: MakeApp) -> None:
    from flask.json.provider import DefaultJSONProvider

    class Provider(DefaultJSONProvider):
        def loads(self, s: str | bytes, **kwargs: Any) -> Any:
            return {"parsed_by": "app", "value": super().loads(s, **kwargs)}

    app = _app(make_app)
    app.json = Provider(app)
    response = app.test_client().post("/echo", json=[1])
    assert json.loads(response.data) == {"json": {"parsed_by": "app", "value": [1]}}
    deep = app.test_client().post("/echo", data=DEEP, content_type="application/json")
    assert_envelope(deep, 400, "invalid_request")


def _webargs_app(make_app: MakeApp, config: dict[str, Any] | None = None) -> Flask:
    marshmallow = pytest.importorskip("marshmallow")
    flaskparser = pytest.importorskip("webargs.flaskparser")
    app = make_app({"MAX_CONTENT_LENGTH": 3_000_000, **(config or {})})

    class Item(marshmallow.Schema):
        name = marshmallow.fields.String()

    @app.post("/webargs")
    @flaskparser.use_args(Item(), location="json")
    def with_webargs(args: dict[str, Any]) -> dict[str, Any]:
        return args

    return app


@pytest.mark.parametrize("testing", [False, True])
@pytest.mark.parametrize("body", [DEEP, "balanced"])
def test_a_json_body_nested_too_deeply_for_webargs_is_invalid_request(
    make_app: MakeApp, body: bytes | str, testing: bool, caplog: pytest.LogCaptureFixture
) -> None:
    # webargs (APIFairy's @body, flask-smorest's @arguments) parses the body with json.loads
    # itself: the parser's RecursionError was a 500 internal with a traceback.
    balanced = body == "balanced"
    if balanced:
        body = too_deep_json()  # a RecursionError on every Python
    assert isinstance(body, bytes)
    app = _webargs_app(make_app, {"TESTING": testing})
    with sent_exceptions(app) as sent:
        response = app.test_client().post("/webargs", data=body, content_type="application/json")
    if balanced:
        assert_envelope(response, 400, "invalid_request")
    else:
        # Unbalanced: a RecursionError up to 3.11; from 3.12 the JSONDecodeError webargs
        # answers itself, whose envelope names what it found wrong.
        assert (response.status_code, response.get_json()["code"]) == (400, "invalid_request")
    assert sent == []
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_a_json_body_within_the_limit_still_reaches_a_webargs_view(make_app: MakeApp) -> None:
    app = _webargs_app(make_app)
    client = app.test_client()
    assert client.post("/webargs", json={"name": "a"}).get_json() == {"name": "a"}
    response = client.post("/webargs", data=b"{bad", content_type="application/json")
    assert_envelope(response, 400, "invalid_request", "Invalid JSON body.")


def test_a_recursion_error_outside_webargs_body_parsing_is_still_internal(
    make_app: MakeApp,
) -> None:
    app = _webargs_app(make_app)

    @app.get("/recurse")
    def recurse() -> Any:
        def down(n: int) -> int:
            return down(n + 1)

        return {"n": down(0)}

    with sent_exceptions(app) as sent:
        assert_envelope(app.test_client().get("/recurse"), 500, "internal")
    assert [type(exc) for exc in sent] == [RecursionError]


def test_a_recursion_error_outside_webargs_reaches_the_applications_handler(
    make_app: MakeApp,
) -> None:
    app = _webargs_app(make_app)

    @app.errorhandler(RuntimeError)
    def runtime_error(error: RuntimeError) -> tuple[dict[str, str], int]:
        return {"app": type(error).__name__}, 503

    @app.get("/recurse")
    def recurse() -> Any:
        raise RecursionError("the application's own")

    response = app.test_client().get("/recurse")
    assert (response.status_code, response.get_json()) == (503, {"app": "RecursionError"})


def test_a_recursion_error_outside_webargs_is_the_envelope_in_debug_when_asked(
    make_app: MakeApp,
) -> None:
    app = _webargs_app(make_app, {"TESTING": True, "ERRORS_HANDLE_UNEXPECTED_IN_DEBUG": True})

    @app.get("/recurse")
    def recurse() -> Any:
        raise RecursionError("the application's own")

    assert_envelope(app.test_client().get("/recurse"), 500, "internal")


def test_the_applications_own_recursion_error_handler_is_kept(make_app: MakeApp) -> None:
    app = _webargs_app(make_app)

    @app.errorhandler(RecursionError)
    def recursion_error(error: RecursionError) -> tuple[dict[str, str], int]:
        return {"app": "handler"}, 418

    body = too_deep_json()  # a RecursionError on every Python
    response = app.test_client().post("/webargs", data=body, content_type="application/json")
    assert (response.status_code, response.get_json()) == (418, {"app": "handler"})


def test_a_recursion_error_is_not_webargs_once_webargs_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from error_core._webargs_json import raised_in_webargs_load_json

    monkeypatch.delitem(sys.modules, "webargs.core", raising=False)
    assert raised_in_webargs_load_json(RecursionError()) is False


@pytest.mark.parametrize("testing", [False, True])
def test_a_json_number_too_long_for_python_sent_to_webargs_is_invalid_request(
    make_app: MakeApp, testing: bool, caplog: pytest.LogCaptureFixture
) -> None:
    # json.loads raises a plain ValueError (not the JSONDecodeError webargs turns
    # into its 400) for an integer over sys.get_int_max_str_digits() digits: it was
    # a 500 with a traceback; request.get_json() answers it with 400 already.
    app = _webargs_app(make_app, {"TESTING": testing})
    body = b'{"name": ' + b"9" * 5000 + b"}"
    with sent_exceptions(app) as sent:
        response = app.test_client().post("/webargs", data=body, content_type="application/json")
    assert_envelope(response, 400, "invalid_request")
    assert sent == []
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_a_value_error_outside_webargs_body_parsing_is_still_internal(make_app: MakeApp) -> None:
    app = _webargs_app(make_app)

    @app.get("/own")
    def own() -> Any:
        return {"n": int("not a number")}

    assert_envelope(app.test_client().get("/own"), 500, "internal")


def test_an_app_that_never_imported_webargs_gets_no_webargs_handlers(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flask_errors._json_nesting import webargs_body_handlers

    monkeypatch.delitem(sys.modules, "webargs.core", raising=False)

    assert webargs_body_handlers(make_app(), lambda error: None, lambda handler: handler) == {}
