"""error-core dropped into a Flask API built the way real ones are (``flask_shop``).

Every error path answers the envelope with flask-cors' headers and the JSON
log lines intact, the application's own handlers are named in a warning, and
success responses are the bytes the same app sends without error-core, apart
from ``Request-Id``.
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any, Iterator

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from error_core import CODES

pytest.importorskip("flask_cors")
pytest.importorskip("flask_httpauth")
pytest.importorskip("apifairy")
pytest.importorskip("pythonjsonlogger")

from .flask_shop import create_app  # after the checks above: it imports the libraries

ORIGIN = "https://shop.example"
TOKEN = {"Authorization": "Bearer s3cr3t-token"}


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """Where the shop's JSON lines go; the root logger is put back afterwards."""
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    yield io.StringIO()
    root.handlers[:] = saved
    root.setLevel(level)


@pytest.fixture
def shop(log_stream: io.StringIO) -> Flask:
    """The shop with error-core, after its first request (a load balancer's health check).

    Handlers registered after ``Errors`` are reported before the first request,
    outside any request: that warning is not one of the requests' lines.
    """
    app = create_app({"LOG_STREAM": log_stream})
    assert app.test_client().get("/api/products").status_code == 200
    return app


def _lines(stream: io.StringIO, start: int = 0) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue()[start:].splitlines()]


def _send(app: Flask, method: str, path: str, **kwargs: Any) -> TestResponse:
    headers = {"Origin": ORIGIN, **kwargs.pop("headers", {})}
    return app.test_client().open(path, method=method, headers=headers, **kwargs)


SUCCESSES = [
    pytest.param("GET", "/api/products", {}, id="public-list"),
    pytest.param("GET", "/api/me", {"headers": TOKEN}, id="token-auth"),
    pytest.param(
        "POST",
        "/api/orders",
        {"headers": TOKEN, "json": {"product_id": 1, "quantity": 3}},
        id="validated-post",
    ),
    pytest.param(
        "OPTIONS",
        "/api/orders",
        {"headers": {"Access-Control-Request-Method": "POST"}},
        id="cors-preflight",
    ),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), SUCCESSES)
def test_success_responses_are_unchanged_apart_from_the_request_id(
    log_stream: io.StringIO, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    without = _send(
        create_app({"USE_ERRORS": False, "LOG_STREAM": log_stream}), method, path, **kwargs
    )
    with_errors = _send(create_app({"LOG_STREAM": log_stream}), method, path, **kwargs)

    assert without.status_code < 300
    assert with_errors.status == without.status
    assert with_errors.data == without.data
    assert "Request-Id" not in without.headers
    headers = [(k, v) for k, v in with_errors.headers.items() if k != "Request-Id"]
    assert headers == list(without.headers.items())
    assert with_errors.headers["Request-Id"].startswith("req_")


def test_the_applications_own_handlers_are_named_in_a_warning(log_stream: io.StringIO) -> None:
    create_app({"LOG_STREAM": log_stream}).test_client().get("/api/products")

    warnings = [
        line["message"]
        for line in _lines(log_stream)
        if line["name"] == "error_core" and line["levelname"] == "WARNING"
    ]
    assert len(warnings) == 2
    assert "create_app.<locals>.http_error" in warnings[0]
    assert "flask_shop.api_http_error" in warnings[1] and "blueprint 'api'" in warnings[1]
    assert all("ERRORS_KEEP_APP_HANDLERS = True" in w for w in warnings)


ERRORS = [
    pytest.param("GET", "/api/no-such-thing", {}, 404, "not_found", id="unknown-route"),
    pytest.param("PUT", "/api/products", {}, 405, "method_not_allowed", id="405"),
    pytest.param("GET", "/api/me", {}, 401, "authentication", id="no-token"),
    pytest.param(
        "GET",
        "/api/me",
        {"headers": {"Authorization": "Bearer wrong"}},
        401,
        "authentication",
        id="wrong-token",
    ),
    pytest.param(
        "POST",
        "/api/orders",
        {"headers": TOKEN, "json": {"product_id": "x"}},
        400,
        "invalid_request",
        id="validation",
    ),
    pytest.param(
        "POST",
        "/api/orders",
        {"headers": TOKEN, "json": {"product_id": 2, "quantity": 1}},
        409,
        "conflict",
        id="raised-api-error",
    ),
    pytest.param("DELETE", "/api/orders/7", {"headers": TOKEN}, 500, "internal", id="unexpected"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), ERRORS)
def test_every_error_is_the_envelope_with_cors_headers_and_the_logged_id(
    shop: Flask,
    log_stream: io.StringIO,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    code: str,
) -> None:
    start = len(log_stream.getvalue())
    response = _send(shop, method, path, **kwargs)

    assert response.status_code == status
    assert response.content_type == "application/json"
    body = response.get_json()
    request_id = response.headers["Request-Id"]
    assert list(body) == ["code", "message", "request_id"]
    assert body["code"] == code
    assert body["request_id"] == request_id
    # flask-cors' headers: a front end on another origin reads the body and the id.
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    exposed = [h.strip() for h in response.headers["Access-Control-Expose-Headers"].split(",")]
    assert "Request-Id" in exposed and "X-Total-Count" in exposed
    # Every JSON line of the request carries the id the client got, error-core's line included.
    lines = _lines(log_stream, start)
    assert {line["request_id"] for line in lines} == {request_id}
    ours = [line for line in lines if line["name"] == "error_core"]
    assert len(ours) == 1
    assert ours[0]["status_code"] == status and ours[0]["error_code"] == code
    if code != "internal":
        assert body["message"] == CODES[code].message or code in ("invalid_request", "conflict")


def test_auth_failure_keeps_www_authenticate(shop: Flask) -> None:
    response = _send(shop, "GET", "/api/me")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="Authentication Required"'
    assert response.get_json()["code"] == "authentication"


def test_validation_failure_names_the_fields(shop: Flask) -> None:
    response = _send(shop, "POST", "/api/orders", headers=TOKEN, json={"product_id": "x"})

    message = response.get_json()["message"]
    assert "product_id: Not a valid integer." in message
    assert "quantity: Missing data for required field." in message


def test_raised_api_error_keeps_its_message(shop: Flask) -> None:
    response = _send(
        shop, "POST", "/api/orders", headers=TOKEN, json={"product_id": 2, "quantity": 1}
    )

    assert response.get_json()["message"] == "This product is sold out."


def test_unexpected_exception_logs_one_traceback_with_the_id(
    shop: Flask, log_stream: io.StringIO
) -> None:
    response = _send(shop, "DELETE", "/api/orders/7", headers=TOKEN)

    assert response.status_code == 500
    assert b"payment provider" not in response.data
    lines = _lines(log_stream)
    tracebacks = [line for line in lines if "Traceback" in line.get("exc_info", "")]
    assert len(tracebacks) == 1
    assert "RuntimeError: payment provider unreachable" in tracebacks[0]["exc_info"]
    assert tracebacks[0]["request_id"] == response.headers["Request-Id"]
    errors = [line for line in lines if line["levelname"] == "ERROR"]
    assert {line["request_id"] for line in errors} == {response.headers["Request-Id"]}
