"""Errors(app) / init_app, and APIError raised anywhere in a request."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Blueprint, Flask, Response, g, jsonify
from werkzeug.exceptions import NotFound as WerkzeugNotFound

from error_core import (
    APIError,
    AuthenticationError,
    Conflict,
    InternalError,
    InvalidRequest,
    NotFound,
    PermissionDenied,
    RateLimited,
)
from error_core._settings import Settings
from flask_errors import Errors

from .helpers import REQUEST_ID, MakeApp, assert_envelope, default_message, sent_exceptions


class CardDeclined(APIError):
    """An application code with its own status."""

    code = "card_declined"
    status = 402
    message = "Your card was declined."


def test_errors_app_keeps_validated_settings_under_extensions(make_app: MakeApp) -> None:
    app = make_app({"ERRORS_REQUEST_ID_HEADER": "X-Trace-Id"})

    assert app.extensions["errors"] == Settings(request_id_header="X-Trace-Id")


def test_one_instance_serves_two_apps_with_their_own_config() -> None:
    errors = Errors()
    first, second = Flask(__name__), Flask(__name__)
    first.config["ERRORS_REQUEST_ID_HEADER"] = "X-First-Id"
    second.config["ERRORS_REQUEST_ID_HEADER"] = "X-Second-Id"
    errors.init_app(first)
    errors.init_app(second)
    for app in (first, second):

        @app.get("/ok")
        def ok() -> str:
            return "ok"

    first_client, second_client = first.test_client(), second.test_client()

    assert_envelope(first_client.get("/missing"), 404, "not_found", request_id_header="X-First-Id")
    assert_envelope(
        second_client.get("/missing"), 404, "not_found", request_id_header="X-Second-Id"
    )
    assert "X-First-Id" in first_client.get("/ok").headers
    assert "Request-Id" not in first_client.get("/ok").headers
    assert "X-Second-Id" in second_client.get("/ok").headers
    assert "X-First-Id" not in second_client.get("/missing").headers


@pytest.mark.parametrize("factory", [False, True], ids=["Errors(app)", "init_app"])
def test_api_error_from_view_is_the_envelope(make_app: MakeApp, factory: bool) -> None:
    app = make_app(factory=factory)

    @app.get("/widgets/<wid>")
    def widget(wid: str) -> str:
        raise NotFound(f"Widget {wid} does not exist.")

    response = app.test_client().get("/widgets/wid_123")

    assert_envelope(response, 404, "not_found", "Widget wid_123 does not exist.")


@pytest.mark.parametrize(
    ("error", "status", "code", "message"),
    [
        (
            InvalidRequest("The `name` field is required."),
            400,
            "invalid_request",
            "The `name` field is required.",
        ),
        (AuthenticationError(), 401, "authentication", None),
        (PermissionDenied(), 403, "permission_denied", None),
        (Conflict("Widget wid_1 was changed."), 409, "conflict", "Widget wid_1 was changed."),
        (InternalError("Payments are down."), 500, "internal", "Payments are down."),
        (CardDeclined(), 402, "card_declined", "Your card was declined."),
        (
            APIError("Quota exceeded.", code="quota_exceeded", status=403),
            403,
            "quota_exceeded",
            "Quota exceeded.",
        ),
    ],
    ids=lambda value: repr(value) if isinstance(value, APIError) else None,
)
def test_api_error_shows_its_own_code_status_and_message(
    make_app: MakeApp, error: APIError, status: int, code: str, message: str | None
) -> None:
    app = make_app()  # message None: the code's default message

    @app.get("/fail")
    def fail() -> str:
        raise error

    assert_envelope(app.test_client().get("/fail"), status, code, message)


def test_api_error_default_message_when_raised_without_one(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/fail")
    def fail() -> str:
        raise AuthenticationError

    assert_envelope(
        app.test_client().get("/fail"), 401, "authentication", default_message("authentication")
    )


def test_message_with_quotes_control_characters_and_non_ascii_is_exact_json(
    make_app: MakeApp,
) -> None:
    app = make_app()

    @app.get("/fail")
    def fail() -> str:
        raise InvalidRequest('Say "hi" \\ o/\n\tLe champ « nom » — 名前 😀')

    response = app.test_client().get("/fail")

    request_id = response.headers["Request-Id"]
    assert response.status_code == 400
    assert (
        response.get_data()
        == (
            '{"code":"invalid_request",'
            '"message":"Say \\"hi\\" \\\\ o/\\n\\tLe champ « nom » — 名前 😀",'
            f'"request_id":"{request_id}"}}'
        ).encode()
    )


def test_rate_limited_sends_retry_after(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/fail")
    def fail() -> str:
        raise RateLimited("Slow down.", retry_after=7)

    response = app.test_client().get("/fail")

    assert_envelope(response, 429, "rate_limited", "Slow down.")
    assert response.headers["Retry-After"] == "7"


def test_api_error_from_blueprint_view(make_app: MakeApp) -> None:
    app = make_app()
    bp = Blueprint("widgets", __name__, url_prefix="/widgets")

    @bp.get("/<wid>")
    def widget(wid: str) -> str:
        raise Conflict(f"Widget {wid} is locked.")

    app.register_blueprint(bp)

    assert_envelope(app.test_client().get("/widgets/w1"), 409, "conflict", "Widget w1 is locked.")


def test_api_error_from_app_before_request(make_app: MakeApp) -> None:
    app = make_app()

    @app.before_request
    def require_key() -> None:
        raise AuthenticationError()

    @app.get("/ok")
    def ok() -> str:
        raise AssertionError("the view must not run")

    assert_envelope(app.test_client().get("/ok"), 401, "authentication")


def test_api_error_from_blueprint_before_request(make_app: MakeApp) -> None:
    app = make_app()
    bp = Blueprint("admin", __name__, url_prefix="/admin")

    @bp.before_request
    def require_scope() -> None:
        raise PermissionDenied()

    @bp.get("/stats")
    def stats() -> str:
        raise AssertionError("the view must not run")

    @app.get("/public")
    def public() -> str:
        return "ok"

    app.register_blueprint(bp)
    client = app.test_client()

    assert_envelope(client.get("/admin/stats"), 403, "permission_denied")
    assert client.get("/public").status_code == 200


def test_api_error_is_not_reported_as_an_unexpected_exception(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/fail")
    def fail() -> str:
        raise InternalError("Payments are down.")

    with sent_exceptions(app) as sent:
        response = app.test_client().get("/fail")

    assert_envelope(response, 500, "internal", "Payments are down.")
    assert sent == []


def test_success_response_passes_untouched_with_request_id(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/ok")
    def ok() -> Response:
        return jsonify(ok=True, request_id=g.request_id)

    response = app.test_client().get("/ok")

    assert response.status_code == 200
    assert response.get_json() == {"ok": True, "request_id": response.headers["Request-Id"]}
    assert response.headers["Content-Type"] == "application/json"
    assert "Cache-Control" not in response.headers


def test_error_status_returned_by_a_view_is_not_rewritten(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/teapot")
    def teapot() -> tuple[dict[str, Any], int]:
        return {"error": "teapot"}, 418

    response = app.test_client().get("/teapot")

    assert response.status_code == 418
    assert response.get_json() == {"error": "teapot"}
    assert "Request-Id" in response.headers


def test_app_handler_for_a_specific_api_error_wins_when_kept(make_app: MakeApp) -> None:
    app = make_app({"ERRORS_KEEP_APP_HANDLERS": True})

    @app.errorhandler(CardDeclined)
    def declined(error: CardDeclined) -> tuple[dict[str, Any], int]:
        return {"declined": True}, 402

    @app.get("/pay")
    def pay() -> str:
        raise CardDeclined()

    @app.get("/missing-widget")
    def missing_widget() -> str:
        raise NotFound()

    client = app.test_client()
    response = client.get("/pay")

    assert response.status_code == 402
    assert response.get_json() == {"declined": True}
    assert "Request-Id" in response.headers
    assert_envelope(client.get("/missing-widget"), 404, "not_found")


def test_app_handler_for_a_werkzeug_status_wins_when_kept(make_app: MakeApp) -> None:
    app = make_app({"ERRORS_KEEP_APP_HANDLERS": True})

    @app.errorhandler(404)
    def not_found(error: WerkzeugNotFound) -> tuple[str, int]:
        return "custom not found", 404

    @app.post("/post-only")
    def post_only() -> str:
        return "ok"

    client = app.test_client()
    response = client.get("/missing")

    assert response.status_code == 404
    assert response.get_data() == b"custom not found"
    assert "Request-Id" in response.headers
    assert_envelope(client.get("/post-only"), 405, "method_not_allowed")


def test_app_handler_for_an_unexpected_exception_type_wins(make_app: MakeApp) -> None:
    app = make_app()

    @app.errorhandler(KeyError)
    def key_error(error: KeyError) -> tuple[dict[str, str], int]:
        return {"missing": str(error)}, 422

    @app.get("/lookup")
    def lookup() -> str:
        known: dict[str, str] = {}
        return known["absent"]

    with sent_exceptions(app) as sent:
        response = app.test_client().get("/lookup")

    assert response.status_code == 422
    assert response.get_json() == {"missing": "'absent'"}
    assert sent == []


@pytest.mark.parametrize(
    ("path", "status", "code", "message", "extra_header"),
    [
        ("/widgets/w1", 404, "not_found", "Widget w1 does not exist.", None),
        ("/missing", 404, "not_found", None, None),
        ("/limited", 429, "rate_limited", None, ("Retry-After", "30")),
        ("/post-only", 405, "method_not_allowed", None, ("Allow", "OPTIONS, POST")),
    ],
)
def test_head_request_gets_status_and_headers_without_body(
    make_app: MakeApp,
    path: str,
    status: int,
    code: str,
    message: str | None,
    extra_header: tuple[str, str] | None,
) -> None:
    app = make_app()

    @app.get("/widgets/<wid>")
    def widget(wid: str) -> str:
        raise NotFound(f"Widget {wid} does not exist.")

    @app.get("/limited")
    def limited() -> str:
        raise RateLimited()

    @app.post("/post-only")
    def post_only() -> str:
        return "ok"

    client = app.test_client()
    head = client.head(path)
    get = client.get(path)

    assert_envelope(get, status, code, message)
    assert head.status_code == status
    assert head.get_data() == b""
    assert head.headers["Content-Type"] == "application/json"
    assert head.headers["Cache-Control"] == "no-store"
    assert head.headers["Content-Length"] == str(len(get.get_data()))
    assert REQUEST_ID.fullmatch(head.headers["Request-Id"])
    if extra_header is not None:
        name, value = extra_header
        assert head.headers[name] == value
        assert get.headers[name] == value
