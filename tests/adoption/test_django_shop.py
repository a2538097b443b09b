"""error-core dropped into a Django REST framework project built the way real ones are.

``django_shop``: ``startproject``'s full ``MIDDLEWARE`` plus django-cors-headers,
``ErrorMiddleware`` first, DRF with the project's own exception handler kept
through ``ERRORS_DRF_EXCEPTION_HANDLER``, SimpleJWT, structlog and
django-structlog JSON logs. Every error path answers the envelope with the
headers the same stack sends without error-core, every log line of a request
carries the id the client gets, and successes are unchanged apart from
``Request-Id``.
"""

from __future__ import annotations

import copy
import gc
import io
import json
import logging
import logging.config
from typing import Any, Iterator

import pytest
from django.http import HttpResponseBase
from django.test import Client, override_settings

from error_core import CODES

pytest.importorskip("corsheaders")
pytest.importorskip("django_structlog")
pytest.importorskip("rest_framework_simplejwt")

from .django_shop import settings as shop  # after the checks: it imports the libraries

ORIGIN = "https://front.example"
# The headers other middleware set, that a converted page must keep.
KEPT = [
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "WWW-Authenticate",
]


@pytest.fixture
def json_logs() -> Iterator[io.StringIO]:
    """The shop's structlog configuration and ``LOGGING``, writing into a buffer."""
    import structlog

    stream = io.StringIO()
    config = copy.deepcopy(shop.LOGGING)
    config["handlers"]["json_file"]["stream"] = stream
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    shop.configure_structlog()
    logging.config.dictConfig(config)
    yield stream
    # django-structlog's middleware listens to got_request_exception while it
    # lives, and lives on in the handler's reference cycles, or for as long as
    # pytest keeps a record whose traceback holds its frame (the disallowed
    # Host's django.security record): disconnect it, or it takes over the
    # tracebacks of the tests after this one.
    gc.collect()
    _disconnect_django_structlog()
    structlog.reset_defaults()
    for name in config["loggers"]:
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
        logger.setLevel(logging.NOTSET)
    root.handlers[:] = saved
    root.setLevel(level)


def _disconnect_django_structlog() -> None:
    from django.core.signals import got_request_exception
    from django_structlog.middlewares.request import RequestMiddleware

    for found in gc.get_objects():
        if issubclass(type(found), RequestMiddleware):  # type(): never a lazy object's setup
            got_request_exception.disconnect(found.process_got_request_exception)


@pytest.fixture(autouse=True)
def jwt_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """SimpleJWT's token backend as the shop's process builds it, from its ``SIMPLE_JWT``.

    SimpleJWT builds it once, when first imported, from the settings of then:
    here those of the test run, not the shop's.
    """
    from rest_framework_simplejwt import state
    from rest_framework_simplejwt.backends import TokenBackend

    backend = TokenBackend(shop.SIMPLE_JWT["ALGORITHM"], shop.SIMPLE_JWT["SIGNING_KEY"])
    monkeypatch.setattr(state, "token_backend", backend)


@pytest.fixture
def token() -> str:
    """A SimpleJWT access token for user 7."""
    from rest_framework_simplejwt.tokens import AccessToken

    access = AccessToken()
    access["user_id"] = 7
    return str(access)


def _send(
    method: str, path: str, *, error_middleware: bool = True, **kwargs: Any
) -> HttpResponseBase:
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    with override_settings(**shop.overrides(error_middleware=error_middleware)):
        response: HttpResponseBase = getattr(client, method)(path, HTTP_ORIGIN=ORIGIN, **kwargs)
    return response


def _lines(stream: io.StringIO, start: int = 0) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue()[start:].splitlines()]


def _methods(response: HttpResponseBase) -> set[str]:
    return {m.strip() for m in response.get("Allow", "").split(",") if m.strip()}


def _vary(response: HttpResponseBase) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


# Requests name the test's SimpleJWT token as ``{token}``.
BEARER = {"HTTP_AUTHORIZATION": "Bearer {token}"}
JSON = {"content_type": "application/json"}


def _send_as(
    method: str, path: str, kwargs: dict[str, Any], token: str, *, error_middleware: bool = True
) -> HttpResponseBase:
    filled = {k: v.format(token=token) if isinstance(v, str) else v for k, v in kwargs.items()}
    return _send(method, path, error_middleware=error_middleware, **filled)


SUCCESSES = [
    pytest.param("get", "/api/products", {}, id="drf-list"),
    pytest.param(
        "post",
        "/api/orders",
        {**BEARER, **JSON, "data": {"product_id": 1, "quantity": 2}},
        id="jwt-post",
    ),
    pytest.param("get", "/health", {}, id="class-based-view"),
    pytest.param(
        "options", "/api/products", {"HTTP_ACCESS_CONTROL_REQUEST_METHOD": "GET"}, id="preflight"
    ),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), SUCCESSES)
def test_success_responses_are_unchanged_apart_from_the_request_id(
    json_logs: io.StringIO, token: str, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    without = _send_as(method, path, kwargs, token, error_middleware=False)
    with_errors = _send_as(method, path, kwargs, token)

    assert without.status_code < 300
    assert with_errors.status_code == without.status_code
    assert with_errors.content == without.content  # type: ignore[attr-defined]
    assert "Request-Id" not in without
    headers = [(k, v) for k, v in with_errors.items() if k != "Request-Id"]
    assert headers == list(without.items())
    assert with_errors.cookies.output() == without.cookies.output()
    assert with_errors["Request-Id"].startswith("req_")


ERRORS = [
    pytest.param("get", "/nope", {}, 404, "not_found", id="unknown-route"),
    pytest.param("get", "/newsletter", {}, 405, "method_not_allowed", id="405-class-based-view"),
    pytest.param("delete", "/api/products", {}, 405, "method_not_allowed", id="405-drf-view"),
    pytest.param("post", "/contact", {}, 403, "permission_denied", id="csrf"),
    pytest.param(
        "get",
        "/api/products",
        {"HTTP_HOST": "evil.example"},
        400,
        "invalid_request",
        id="disallowed-host",
    ),
    pytest.param(
        "post",
        "/api/orders",
        {**BEARER, **JSON, "data": {"quantity": 0}},
        400,
        "invalid_request",
        id="drf-validation",
    ),
    pytest.param(
        "post",
        "/api/orders",
        {**BEARER, **JSON, "data": {"product_id": 2, "quantity": 1}},
        409,
        "conflict",
        id="app-handler-409",
    ),
    pytest.param("post", "/api/orders", {}, 401, "authentication", id="no-jwt"),
    pytest.param(
        "post",
        "/api/orders",
        {"HTTP_AUTHORIZATION": "Bearer not.a.jwt"},
        401,
        "authentication",
        id="bad-jwt",
    ),
    pytest.param("post", "/api/refunds", BEARER, 500, "internal", id="unexpected"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), ERRORS)
def test_every_error_is_the_envelope_with_the_other_middlewares_headers_and_logged_id(
    json_logs: io.StringIO,
    token: str,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    code: str,
) -> None:
    without = _send_as(method, path, kwargs, token, error_middleware=False)
    start = len(json_logs.getvalue())
    response = _send_as(method, path, kwargs, token)

    assert without.status_code == status
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    envelope = json.loads(response.content)  # type: ignore[attr-defined]
    request_id = response["Request-Id"]
    assert list(envelope) == ["code", "message", "request_id"]
    assert envelope["code"] == code
    assert envelope["request_id"] == request_id
    # What the stack sends without error-core, error-core keeps.
    for header in KEPT:
        assert response.get(header) == without.get(header), header
    assert _vary(response) == _vary(without)
    # error-core spells Allow one way on both frameworks (upper case, sorted): same methods.
    assert _methods(response) == _methods(without)
    assert sorted(response.cookies) == sorted(without.cookies)
    # And it is what a front end on another origin needs.
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert response["Access-Control-Expose-Headers"] == "Request-Id"
    assert "origin" in _vary(response)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # A disallowed Host fails in CommonMiddleware: the middleware below it never ran.
    inner_ran = "HTTP_HOST" not in kwargs
    if inner_ran:
        assert response["X-Frame-Options"] == "DENY"
    # Every line of the request, django-structlog's included, carries the client's id.
    lines = _lines(json_logs, start)
    assert {line.get("request_id") for line in lines} == {request_id}
    events = [line["event"] for line in lines]
    if inner_ran:
        assert "request_started" in events
        assert "request_finished" in events or "request_failed" in events
    ours = [line for line in lines if line.get("logger") == "error_core"]
    assert len(ours) == 1
    assert ours[0]["status_code"] == status and ours[0]["error_code"] == code


def test_drf_validation_names_the_fields(json_logs: io.StringIO, token: str) -> None:
    response = _send_as("post", "/api/orders", {**BEARER, **JSON, "data": {"quantity": 0}}, token)

    message = json.loads(response.content)["message"]  # type: ignore[attr-defined]
    assert "product_id" in message and "quantity" in message


def test_the_applications_handler_keeps_its_mapping_and_message(
    json_logs: io.StringIO, token: str
) -> None:
    data = {"product_id": 2, "quantity": 1}
    response = _send_as("post", "/api/orders", {**BEARER, **JSON, "data": data}, token)

    envelope = json.loads(response.content)  # type: ignore[attr-defined]
    assert (response.status_code, envelope["code"]) == (409, "conflict")
    assert envelope["message"] == "This product is sold out."


@pytest.mark.parametrize("auth", ["", "Bearer not.a.jwt"])
def test_jwt_failure_keeps_www_authenticate(json_logs: io.StringIO, auth: str) -> None:
    extra = {"HTTP_AUTHORIZATION": auth} if auth else {}
    response = _send("post", "/api/orders", **extra)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert json.loads(response.content)["message"] == CODES["authentication"].message  # type: ignore[attr-defined]


def test_unexpected_exception_logs_one_traceback_with_the_id(
    json_logs: io.StringIO, token: str
) -> None:
    response = _send_as("post", "/api/refunds", BEARER, token)

    assert response.status_code == 500
    assert b"payment provider" not in response.content  # type: ignore[attr-defined]
    lines = _lines(json_logs)
    tracebacks = [line for line in lines if "Traceback" in line.get("exception", "")]
    assert len(tracebacks) == 1
    assert "RuntimeError: payment provider unreachable" in tracebacks[0]["exception"]
    assert tracebacks[0]["request_id"] == response["Request-Id"]
