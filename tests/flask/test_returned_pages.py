"""Empty error pages a Flask view returns (rather than raises) become the envelope.

The rule is the core's (error_core._error_pages), as on Django: an error with
an empty body, of type ``text/html`` or of none, says nothing a client can
read; the envelope replaces it and keeps the headers that are not the page's
own. A page with content is the application's choice on Flask (Werkzeug's own
pages are exceptions, answered before they are rendered) and is passed on.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any, Iterator

import pytest
from flask import Flask, Response, abort
from werkzeug.exceptions import NotFound as WerkzeugNotFound

from error_core import CODES
from flask_errors import Errors

from .helpers import MakeApp
from .strict_server import serve

PAGE = "<html><body><h1>Gone</h1></body></html>"


def envelope(response: Any) -> dict[str, str]:
    assert response.headers["Content-Type"] == "application/json"
    body: dict[str, str] = json.loads(response.data)
    assert list(body) == ["code", "message", "request_id"]
    assert body["request_id"] == response.headers["Request-Id"]
    return body


def pages_app(make_app: MakeApp, config: dict[str, Any] | None = None) -> Flask:
    app = make_app(config)

    @app.get("/empty/<int:status>")
    def empty(status: int) -> tuple[str, int]:
        return "", status

    @app.get("/bare")
    def bare() -> Response:
        return Response(status=403, content_type=None)

    @app.get("/aborted")
    def aborted() -> Response:
        abort(Response(status=401, headers={"WWW-Authenticate": 'Basic realm="api"'}))

    @app.get("/html")
    def html() -> tuple[str, int]:
        return PAGE, 409

    @app.get("/empty-json")
    def empty_json() -> Response:
        return Response(status=400, mimetype="application/json")

    @app.get("/stream")
    def stream() -> Response:
        def chunks() -> Iterator[str]:
            yield from ()

        return Response(chunks(), status=500, mimetype="text/html")

    @app.get("/decorated")
    def decorated() -> Response:
        response = Response(status=405, mimetype="text/html")
        response.headers["Allow"] = "post, get"
        response.headers["Access-Control-Allow-Origin"] = "https://app.example"
        response.headers["Vary"] = "Origin"
        response.headers["Content-Language"] = "en"
        response.set_cookie("session", "s1")
        return response

    return app


@pytest.mark.parametrize(
    ("status", "code"),
    [(400, "invalid_request"), (404, "not_found"), (500, "internal"), (410, "invalid_request")],
)
def test_empty_error_returned_by_a_view_becomes_the_envelope(
    make_app: MakeApp, status: int, code: str
) -> None:
    response = pages_app(make_app).test_client().get(f"/empty/{status}")

    assert response.status_code == status
    body = envelope(response)
    assert body["code"] == code
    assert body["message"] == CODES[code].message
    assert response.headers["Content-Length"] == str(len(response.data))
    assert response.headers["Cache-Control"] == "no-store"


def test_error_without_body_or_type_returned_by_a_view_becomes_the_envelope(
    make_app: MakeApp,
) -> None:
    response = pages_app(make_app).test_client().get("/bare")

    assert response.status_code == 403
    assert envelope(response)["code"] == "permission_denied"


def test_empty_response_aborted_with_becomes_the_envelope_with_its_challenge(
    make_app: MakeApp,
) -> None:
    response = pages_app(make_app).test_client().get("/aborted")

    assert response.status_code == 401
    assert envelope(response)["code"] == "authentication"
    assert response.headers["WWW-Authenticate"] == 'Basic realm="api"'


def test_converted_page_keeps_the_headers_that_are_not_the_pages_own(make_app: MakeApp) -> None:
    response = pages_app(make_app).test_client().get("/decorated")

    assert response.status_code == 405
    assert envelope(response)["code"] == "method_not_allowed"
    assert response.headers["Allow"] == "GET, POST"  # normalised, as on Django
    assert response.headers["Access-Control-Allow-Origin"] == "https://app.example"
    assert response.headers["Vary"] == "Origin"
    assert response.headers.getlist("Set-Cookie") == ["session=s1; Path=/"]
    assert "Content-Language" not in response.headers


def test_converted_page_is_logged_like_any_error(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="error_core"):
        response = pages_app(make_app).test_client().get("/empty/404")

    request_id = response.headers["Request-Id"]
    lines = [r.getMessage() for r in caplog.records if r.name == "error_core"]
    assert lines == [f"GET /empty/404 -> 404 not_found (request_id={request_id})"]


def test_head_of_a_converted_page_has_the_envelopes_length_and_no_body(make_app: MakeApp) -> None:
    client = pages_app(make_app).test_client()
    get, head = client.get("/empty/404"), client.head("/empty/404")

    assert head.status_code == 404
    assert head.data == b""
    assert head.headers["Content-Type"] == "application/json"
    assert head.headers["Content-Length"] == get.headers["Content-Length"] != "0"


@pytest.mark.parametrize(
    ("path", "status", "content_type"),
    [
        ("/html", 409, "text/html; charset=utf-8"),
        ("/empty-json", 400, "application/json"),
        ("/stream", 500, "text/html; charset=utf-8"),
    ],
)
def test_error_page_with_content_of_its_own_type_or_streamed_is_passed_on(
    make_app: MakeApp, path: str, status: int, content_type: str
) -> None:
    response = pages_app(make_app).test_client().get(path)

    assert response.status_code == status
    assert response.headers["Content-Type"] == content_type
    assert "Request-Id" in response.headers


def test_empty_page_of_a_kept_app_handler_is_left_as_it_is(make_app: MakeApp) -> None:
    app = pages_app(make_app, {"ERRORS_KEEP_APP_HANDLERS": True})

    @app.errorhandler(404)
    def own_404(error: WerkzeugNotFound) -> tuple[str, int]:
        return "", 404

    with app.test_client() as client:
        kept = client.get("/no/such/route")
        converted = client.get("/empty/409")

    assert (kept.status_code, kept.data) == (404, b"")
    assert "Request-Id" in kept.headers
    assert envelope(converted)["code"] == "conflict"  # a view's empty page is still converted


def test_page_of_an_app_handler_taken_out_is_never_sent(make_app: MakeApp) -> None:
    app = pages_app(make_app)

    @app.errorhandler(404)
    def own_404(error: WerkzeugNotFound) -> tuple[str, int]:
        return "", 404

    response = app.test_client().get("/no/such/route")

    assert envelope(response)["code"] == "not_found"


def test_empty_error_of_a_status_without_a_name_becomes_the_envelope(make_app: MakeApp) -> None:
    response = pages_app(make_app).test_client().get("/empty/499")

    assert response.status_code == 499
    assert envelope(response)["code"] == "invalid_request"


def test_empty_error_with_a_malformed_status_from_inner_middleware_is_internal(
    make_app: MakeApp,
) -> None:
    app = Flask(__name__)

    def inner(environ: Any, start_response: Any) -> list[bytes]:
        start_response("4x4 Odd", [("Content-Type", "text/html"), ("Content-Length", "0")])
        return [b""]

    app.wsgi_app = inner  # type: ignore[method-assign]
    Errors(app)

    response = app.test_client().get("/")

    assert response.status_code == 500
    assert envelope(response)["code"] == "internal"


def test_empty_page_with_a_header_no_server_may_send_is_internal_not_the_servers_page(
    make_app: MakeApp,
) -> None:
    app = make_app()

    @app.get("/bad")
    def bad() -> tuple[str, int, dict[str, str]]:
        return "", 401, {"WWW-Authenticate": 'Bearer realm="a\x01b"'}

    sent = serve(app, "/bad")

    assert sent.status == "500 INTERNAL SERVER ERROR"
    assert json.loads(sent.body)["code"] == "internal"
    assert ("Cache-Control", "no-store") in sent.headers


def _inner_app(*starts: tuple[str, list[tuple[str, str]], bytes]) -> Any:
    """A WSGI app that starts its response once per ``starts``, the later ones with exc_info."""

    def inner(environ: Any, start_response: Any) -> list[bytes]:
        (first_status, first_headers, _), *later = starts
        start_response(first_status, first_headers)
        for status, headers, _ in later:
            try:
                raise RuntimeError("the app changed its mind")
            except RuntimeError:
                start_response(status, headers, sys.exc_info())
        return [starts[-1][2]]

    return inner


EMPTY_400 = ("400 BAD REQUEST", [("Content-Type", "text/html"), ("Content-Length", "0")], b"")
JSON_503 = (
    "503 SERVICE UNAVAILABLE",
    [("Content-Type", "application/json"), ("Content-Length", "13")],
    b'{"busy":true}',
)
OK_200 = ("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")], b"ok")


@pytest.mark.parametrize(
    ("starts", "status", "body"),
    [
        ((EMPTY_400, JSON_503), "503 SERVICE UNAVAILABLE", b'{"busy":true}'),
        ((EMPTY_400, OK_200), "200 OK", b"ok"),
        ((OK_200, JSON_503), "503 SERVICE UNAVAILABLE", b'{"busy":true}'),
    ],
    ids=["page-then-error", "page-then-success", "success-then-error"],
)
def test_a_later_start_with_exc_info_replaces_the_first_one_the_server_holds(
    starts: tuple[Any, ...], status: str, body: bytes
) -> None:
    app = Flask(__name__)
    app.wsgi_app = _inner_app(*starts)  # type: ignore[method-assign]
    Errors(app)

    sent = serve(app, "/")

    assert (sent.status, sent.body) == (status, body)
    assert dict(sent.headers)["Content-Length"] == str(len(body))
