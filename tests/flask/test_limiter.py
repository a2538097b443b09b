"""flask-limiter: a breached limit is 429 rate_limited with Retry-After, headers on or off."""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask, Response
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse

from flask_errors import Errors
from tests.readme import code_blocks

from .helpers import MakeApp, assert_envelope


def _limited_app(
    make_app: MakeApp, *, config: dict[str, Any] | None = None, **limiter: Any
) -> tuple[Flask, Limiter]:
    app = make_app(config)
    limits = Limiter(get_remote_address, app=app, storage_uri="memory://", **limiter)

    @app.get("/limited")
    @limits.limit("1 per minute")
    def limited() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/custom")
    @limits.limit("1 per minute", error_message="Slow down: one a minute.")
    def custom() -> dict[str, bool]:
        return {"ok": True}

    return app, limits


def _retry_after(response: Any) -> int:
    return int(response.headers["Retry-After"])


def test_breached_limit_is_429_with_retry_after_when_headers_are_off(make_app: MakeApp) -> None:
    app, _ = _limited_app(make_app)
    client = app.test_client()
    assert client.get("/limited").status_code == 200

    response = client.get("/limited")

    # flask-limiter's text ("1 per 1 minute") is not the application's message.
    assert_envelope(response, 429, "rate_limited")
    assert 59 <= _retry_after(response) <= 60
    assert "X-RateLimit-Limit" not in response.headers


def test_retry_after_when_flask_limiter_headers_are_on(make_app: MakeApp) -> None:
    app, _ = _limited_app(make_app, config={"RATELIMIT_HEADERS_ENABLED": True})
    client = app.test_client()
    client.get("/limited")

    response = client.get("/limited")

    assert_envelope(response, 429, "rate_limited")
    # flask-limiter rewrites Retry-After from the same reset time (rounding down).
    assert 58 <= _retry_after(response) <= 60
    assert response.headers["X-RateLimit-Limit"] == "1"
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert response.headers.getlist("Retry-After") == [response.headers["Retry-After"]]


def test_the_limits_error_message_is_the_applications(make_app: MakeApp) -> None:
    app, _ = _limited_app(make_app)
    client = app.test_client()
    client.get("/custom")

    assert_envelope(client.get("/custom"), 429, "rate_limited", "Slow down: one a minute.")


def test_default_limits_applied_before_the_view(make_app: MakeApp) -> None:
    app = make_app()
    Limiter(get_remote_address, app=app, storage_uri="memory://", default_limits=["2 per hour"])

    @app.get("/anything")
    def anything() -> dict[str, bool]:
        return {"ok": True}

    client = app.test_client()
    assert [client.get("/anything").status_code for _ in range(2)] == [200, 200]

    response = client.get("/anything")

    assert_envelope(response, 429, "rate_limited")
    assert 3599 <= _retry_after(response) <= 3600


def test_moving_window_strategy(make_app: MakeApp) -> None:
    app, _ = _limited_app(make_app, strategy="moving-window")
    client = app.test_client()
    client.get("/limited")

    response = client.get("/limited")

    assert_envelope(response, 429, "rate_limited")
    assert 59 <= _retry_after(response) <= 60


def test_retry_after_waits_for_every_breached_limit(make_app: MakeApp) -> None:
    app = make_app()
    limits = Limiter(
        get_remote_address, app=app, storage_uri="memory://", fail_on_first_breach=False
    )

    @app.get("/both")
    @limits.limit("1 per second")
    @limits.limit("1 per hour")
    def both() -> dict[str, bool]:
        return {"ok": True}

    client = app.test_client()
    client.get("/both")

    response = client.get("/both")

    assert_envelope(response, 429, "rate_limited")
    assert 3599 <= _retry_after(response) <= 3600


def test_an_unreachable_storage_costs_the_header_not_the_429(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, limits = _limited_app(make_app)
    client = app.test_client()
    client.get("/limited")

    def unreachable(*args: Any) -> None:
        raise ConnectionError("storage is down")

    monkeypatch.setattr(limits.limiter, "get_window_stats", unreachable)
    response = client.get("/limited")

    assert_envelope(response, 429, "rate_limited")
    assert "Retry-After" not in response.headers


def test_a_limit_exceeded_outside_the_limiter_has_no_known_wait(make_app: MakeApp) -> None:
    app, _ = _limited_app(make_app)
    limit = SimpleNamespace(limit=parse("1/minute"), error_message=None)

    @app.get("/raise")
    def raising() -> dict[str, bool]:
        raise RateLimitExceeded(limit)  # type: ignore[arg-type]

    response = app.test_client().get("/raise")

    assert_envelope(response, 429, "rate_limited")
    assert "Retry-After" not in response.headers


def test_on_breach_response_is_the_applications(make_app: MakeApp) -> None:
    app, _ = _limited_app(make_app, on_breach=lambda limit: Response("busy", 429))
    client = app.test_client()
    client.get("/limited")

    response = client.get("/limited")

    assert (response.status_code, response.get_data()) == (429, b"busy")
    assert "Request-Id" in response.headers


def test_without_flask_limiter_installed(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "flask_limiter", None)  # import raises ImportError
    app = make_app()

    assert RateLimitExceeded not in app.error_handler_spec[None][429]


def test_the_readme_example() -> None:
    (example,) = code_blocks("### flask-limiter")
    namespace: dict[str, Any] = {"__name__": __name__}  # Flask(__name__) finds its root
    exec(example, namespace)
    client = namespace["app"].test_client()
    assert client.get("/search").status_code == 200

    response = client.get("/search")

    assert_envelope(response, 429, "rate_limited")
    assert 59 <= _retry_after(response) <= 60


def test_errors_then_limiter_in_either_order() -> None:
    app = Flask(__name__)
    limits = Limiter(get_remote_address, app=app, storage_uri="memory://")
    Errors(app)

    @app.get("/limited")
    @limits.limit("1 per day")
    def limited() -> dict[str, bool]:
        return {"ok": True}

    client = app.test_client()
    client.get("/limited")

    response = client.get("/limited")

    assert_envelope(response, 429, "rate_limited")
    assert 86399 <= _retry_after(response) <= 86400
