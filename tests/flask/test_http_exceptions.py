"""Werkzeug's HTTP exceptions: the status is kept, the body is the envelope."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Request, Response, abort, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import HTTPException, ServiceUnavailable, Unauthorized

from .helpers import MakeApp, assert_envelope, sent_exceptions


class SeeOther(HTTPException):
    """A non-error HTTPException, as some libraries raise to redirect."""

    code = 303

    def __init__(self, location: str) -> None:
        super().__init__()
        self.location = location

    def get_headers(self, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        return [("Location", self.location)]


class PaymentRequired(HTTPException):
    """A status Werkzeug has no class for."""

    code = 402


def test_unknown_route_is_not_found_with_the_default_message(make_app: MakeApp) -> None:
    app = make_app()

    assert_envelope(app.test_client().get("/no/such/route"), 404, "not_found")


def test_unknown_non_ascii_route_is_not_found(make_app: MakeApp) -> None:
    app = make_app()

    assert_envelope(app.test_client().get("/no/such/caf%C3%A9"), 404, "not_found")


def test_wrong_method_is_405_with_a_sorted_allow_header(make_app: MakeApp) -> None:
    app = make_app()

    @app.route("/items", methods=["POST", "GET"])
    def items() -> str:
        return "ok"

    response = app.test_client().delete("/items")

    assert_envelope(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS, POST"


def test_body_over_max_content_length_is_413(make_app: MakeApp) -> None:
    app = make_app({"MAX_CONTENT_LENGTH": 16})

    @app.post("/upload")
    def upload() -> dict[str, int]:
        return {"size": len(request.get_data())}

    client = app.test_client()

    assert_envelope(client.post("/upload", data=b"x" * 17), 413, "payload_too_large")
    assert client.post("/upload", data=b"x" * 16).get_json() == {"size": 16}


def test_malformed_json_is_400_with_the_default_message(make_app: MakeApp) -> None:
    app = make_app()

    @app.post("/items")
    def items() -> Any:
        return request.get_json()

    response = app.test_client().post("/items", data=b'{"name": ', content_type="application/json")

    assert_envelope(response, 400, "invalid_request")


def test_missing_form_key_is_400_with_the_default_message(make_app: MakeApp) -> None:
    app = make_app()

    @app.post("/items")
    def items() -> str:
        return request.form["name"]

    response = app.test_client().post("/items", data={"nom": "x"})

    assert_envelope(response, 400, "invalid_request")


def test_abort_with_a_description_shows_it(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/widgets/<wid>")
    def widget(wid: str) -> str:
        abort(409, description=f"Widget {wid} is being edited.")

    response = app.test_client().get("/widgets/w1")

    assert_envelope(response, 409, "conflict", "Widget w1 is being edited.")


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, "invalid_request"),
        (401, "authentication"),
        (403, "permission_denied"),
        (404, "not_found"),
        (406, "not_acceptable"),
        (410, "invalid_request"),
        (415, "unsupported_media_type"),
        (500, "internal"),
        (501, "internal"),
        (503, "unavailable"),
    ],
)
def test_abort_without_a_description_shows_the_default_message(
    make_app: MakeApp, status: int, code: str
) -> None:
    app = make_app()

    @app.get("/abort")
    def aborting() -> str:
        abort(status)

    with sent_exceptions(app) as sent:
        response = app.test_client().get("/abort")

    assert_envelope(response, status, code)
    assert sent == []  # an HTTP error the app chose is not an unexpected exception


def test_http_exception_without_a_werkzeug_class_keeps_its_status(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/pay")
    def pay() -> str:
        raise PaymentRequired()

    assert_envelope(app.test_client().get("/pay"), 402, "invalid_request")


def test_untrusted_host_never_echoes_the_host(make_app: MakeApp) -> None:
    app = make_app()

    class TrustedHostRequest(Request):
        trusted_hosts = ["localhost"]  # noqa: RUF012 - the type Werkzeug declares

    app.request_class = TrustedHostRequest

    @app.before_request
    def check_host() -> None:
        request.host  # noqa: B018 - raises SecurityError for an untrusted Host

    @app.get("/ok")
    def ok() -> str:
        return "ok"

    client = app.test_client()
    response = client.get("/ok", base_url="http://evil.example")

    assert_envelope(response, 400, "invalid_request")
    assert b"evil" not in response.get_data()
    assert client.get("/ok").status_code == 200


def test_strict_slashes_redirect_still_redirects(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/things/")
    def things() -> str:
        return "ok"

    response = app.test_client().get("/things")

    assert response.status_code == 308
    assert response.headers["Location"].endswith("/things/")
    assert "Request-Id" in response.headers


def test_non_error_http_exception_passes_through(make_app: MakeApp) -> None:
    app = make_app()

    @app.post("/things")
    def create() -> str:
        raise SeeOther("/things/1")

    response = app.test_client().post("/things")

    assert response.status_code == 303
    assert response.headers["Location"].endswith("/things/1")
    assert response.headers["Content-Type"] != "application/json"


def test_abort_with_a_response_sends_that_response(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/teapot")
    def teapot() -> str:
        abort(Response("short and stout", 418, {"X-Kind": "teapot"}))

    response = app.test_client().get("/teapot")

    assert response.status_code == 418
    assert response.get_data() == b"short and stout"
    assert response.headers["X-Kind"] == "teapot"
    assert "Request-Id" in response.headers


def test_trap_http_exceptions_still_gives_envelopes_and_passes_the_rest(
    make_app: MakeApp,
) -> None:
    app = make_app({"TRAP_HTTP_EXCEPTIONS": True})

    @app.get("/things/")
    def things() -> str:
        return "ok"

    @app.get("/teapot")
    def teapot() -> str:
        abort(Response("short and stout", 418))

    client = app.test_client()

    assert_envelope(client.get("/missing"), 404, "not_found")
    assert client.get("/things").status_code == 308
    teapot_response = client.get("/teapot")
    assert (teapot_response.status_code, teapot_response.get_data()) == (418, b"short and stout")


def test_service_unavailable_keeps_retry_after(make_app: MakeApp) -> None:
    app = make_app()

    @app.get("/busy")
    def busy() -> str:
        raise ServiceUnavailable(retry_after=120)

    response = app.test_client().get("/busy")

    assert_envelope(response, 503, "unavailable")
    assert response.headers["Retry-After"] == "120"


def test_unauthorized_keeps_every_www_authenticate_challenge_in_one_line(
    make_app: MakeApp,
) -> None:
    app = make_app()

    challenges = [
        WWWAuthenticate("basic", {"realm": "api"}),
        WWWAuthenticate("bearer", {"realm": "api"}),
    ]

    @app.get("/private")
    def private() -> str:
        raise Unauthorized(www_authenticate=challenges)

    response = app.test_client().get("/private")

    assert_envelope(response, 401, "authentication")
    # Werkzeug's own rendering (its quoting differs between versions), joined into one
    # header as the core joins every repeated list-valued header (Django holds one a name).
    assert response.headers.getlist("WWW-Authenticate") == [
        ", ".join(c.to_header() for c in challenges)
    ]
    assert response.headers["WWW-Authenticate"].startswith("Basic realm=")
