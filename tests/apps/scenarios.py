"""The scenario table: one request, one expected status and code, both frameworks.

The conformance tests and the demo both run this table through the Flask app
and the Django project and compare what comes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import API_KEY, REVOKED_KEY, THROTTLE_WAIT, WWW_AUTHENTICATE


@dataclass(frozen=True)
class Scenario:
    """One request and the outcome both example apps must produce."""

    name: str
    method: str
    path: str
    status: int
    code: str | None  # None: a success, not an error envelope
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    # A framework that cannot produce this failure at all, and why.
    skip: dict[str, str] = field(default_factory=dict)
    # Headers the answer must carry with these values (None: must not carry).
    expect_headers: dict[str, str | None] = field(default_factory=dict)


JSON = {"Content-Type": "application/json"}
BEARER = {"Authorization": f"Bearer {API_KEY}"}
CHALLENGE = {"WWW-Authenticate": WWW_AUTHENTICATE}
TOO_LARGE = b"x" * 2048  # both example apps accept 1024 bytes

# One scenario a line where it fits: the table reads better unformatted.
# fmt: off
SCENARIOS = (
    Scenario("success", "GET", "/ok", 200, None),
    Scenario("success-async", "GET", "/async/ok", 200, None),
    Scenario("created", "POST", "/items", 201, None, JSON, b'{"name": "widget"}'),
    # Every built-in code raised by the application, with its own message.
    Scenario("invalid-request", "GET", "/errors/invalid", 400, "invalid_request"),
    Scenario("authentication", "GET", "/errors/authentication", 401, "authentication"),
    Scenario("permission-denied", "GET", "/errors/permission", 403, "permission_denied"),
    Scenario("not-found", "GET", "/errors/not-found", 404, "not_found"),
    Scenario("conflict", "GET", "/errors/conflict", 409, "conflict"),
    Scenario("rate-limited", "GET", "/errors/rate-limited", 429, "rate_limited"),
    Scenario("rate-limited-custom", "GET", "/errors/rate-limited-custom", 429, "rate_limited"),
    Scenario("internal-chosen-message", "GET", "/errors/internal", 500, "internal"),
    Scenario("unexpected-exception", "GET", "/errors/unexpected", 500, "internal"),
    Scenario("message-quotes-newlines", "GET", "/errors/quotes", 400, "invalid_request"),
    Scenario("message-non-ascii", "GET", "/errors/unicode", 400, "invalid_request"),
    Scenario("application-code-class", "GET", "/errors/card-declined", 402, "card_declined"),
    Scenario("application-code-ad-hoc", "GET", "/errors/ad-hoc-code", 403, "quota_exceeded"),
    # Errors the frameworks raise or render themselves.
    Scenario("route-not-found", "GET", "/no/such/route", 404, "not_found"),
    Scenario("route-not-found-non-ascii", "GET", "/no/such/caf%C3%A9", 404, "not_found"),
    Scenario("method-not-allowed-view-class", "DELETE", "/items", 405, "method_not_allowed"),
    Scenario("method-not-allowed-decorator", "PUT", "/methods", 405, "method_not_allowed"),
    Scenario("malformed-json", "POST", "/items", 400, "invalid_request", JSON, b'{"name": '),
    Scenario("missing-field", "POST", "/items", 400, "invalid_request", JSON, b'{"nom": "x"}'),
    Scenario("body-too-large", "POST", "/upload", 413, "payload_too_large", {}, TOO_LARGE),
    Scenario(
        "disallowed-host", "GET", "/ok", 400, "invalid_request", {"Host": "evil.example"}
    ),
    Scenario("framework-400", "GET", "/framework/400", 400, "invalid_request"),
    Scenario("framework-403", "GET", "/framework/403", 403, "permission_denied"),
    Scenario("framework-404", "GET", "/framework/404", 404, "not_found"),
    Scenario("framework-406", "GET", "/framework/406", 406, "not_acceptable"),
    Scenario("framework-410-unlisted", "GET", "/framework/410", 410, "invalid_request"),
    Scenario("framework-500", "GET", "/framework/500", 500, "internal"),
    Scenario("framework-503-retry-after", "GET", "/framework/503", 503, "unavailable"),
    Scenario("unknown-error-name", "GET", "/errors/nope", 404, "not_found"),
    # A validation library's error escaping a view: the client's mistake.
    Scenario(
        "pydantic-validation-error", "POST", "/pydantic", 400, "invalid_request",
        JSON, b'{"qty": "many"}',
    ),
    # An empty error the application returns rather than raises.
    Scenario("empty-error-returned-by-view", "GET", "/empty-error", 400, "invalid_request"),
    # HEAD: status and headers, no body.
    Scenario("head-not-found", "HEAD", "/errors/not-found", 404, "not_found"),
    Scenario("head-route-not-found", "HEAD", "/no/such/route", 404, "not_found"),
    Scenario("head-rate-limited", "HEAD", "/errors/rate-limited", 429, "rate_limited"),
    # Async views.
    Scenario("async-not-found", "GET", "/async/not-found", 404, "not_found"),
    Scenario("async-unexpected", "GET", "/async/unexpected", 500, "internal"),
    # An incoming id is ignored unless trusted (it is not, in the examples).
    Scenario(
        "incoming-id-ignored", "GET", "/errors/not-found", 404, "not_found",
        {"X-Request-Id": "client-chosen-id"},
    ),
    # Django-only failures.
    Scenario(
        "csrf-failure", "POST", "/csrf", 403, "permission_denied",
        {"Content-Type": "application/x-www-form-urlencoded"}, b"a=1",
        skip={"flask": "Flask has no built-in CSRF protection."},
    ),
    Scenario(
        # With a well-formed CSRF cookie, CsrfViewMiddleware reads the form body.
        "body-too-large-in-middleware", "POST", "/csrf", 413, "payload_too_large",
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": "csrftoken=" + "a" * 32},
        b"a=" + TOO_LARGE,
        skip={"flask": "Flask has no middleware that reads the body before the view."},
    ),
    # Django REST framework views (django_errors.rest_framework.exception_handler)
    # against plain Flask routes failing the same way (tests/apps/flask_api.py).
    Scenario("drf-success", "GET", "/drf/items", 200, None),
    Scenario("drf-created", "POST", "/drf/items", 201, None, JSON, b'{"name": "widget"}'),
    Scenario(
        "drf-validation-missing-field", "POST", "/drf/items", 400, "invalid_request",
        JSON, b'{"nom": "x"}',
    ),
    Scenario(
        "drf-validation-nested", "POST", "/drf/items", 400, "invalid_request", JSON,
        b'{"name": "widget", "tags": ["ok", "far-too-long-tag"], "owner": {"email": "nope"}}',
    ),
    Scenario("drf-parse-error", "POST", "/drf/items", 400, "invalid_request", JSON, b'{"name": '),
    Scenario(
        "drf-unsupported-media-type", "POST", "/drf/items", 415, "unsupported_media_type",
        {"Content-Type": "text/plain"}, b"name=widget",
    ),
    Scenario(
        "drf-not-acceptable", "GET", "/drf/items", 406, "not_acceptable", {"Accept": "text/csv"}
    ),
    Scenario(
        "drf-method-not-allowed", "DELETE", "/drf/items", 405, "method_not_allowed",
        expect_headers={"Allow": "GET, HEAD, OPTIONS, POST"},
    ),
    Scenario(
        "drf-not-authenticated", "GET", "/drf/private", 401, "authentication",
        expect_headers=CHALLENGE,
    ),
    Scenario(
        "drf-authentication-failed", "GET", "/drf/private", 401, "authentication",
        {"Authorization": "Bearer wrong"}, expect_headers=CHALLENGE,
    ),
    Scenario(
        "drf-revoked-key-message", "GET", "/drf/private", 401, "authentication",
        {"Authorization": f"Bearer {REVOKED_KEY}"}, expect_headers=CHALLENGE,
    ),
    Scenario("drf-authenticated", "GET", "/drf/private", 200, None, BEARER),
    Scenario(
        # DRF alone answers 403 when no authenticator offers a challenge.
        "drf-no-challenge-still-401", "GET", "/drf/session-only", 401,
        "authentication", expect_headers={"WWW-Authenticate": None},
    ),
    Scenario("drf-permission-denied", "GET", "/drf/forbidden", 403, "permission_denied", BEARER),
    Scenario("drf-not-found", "GET", "/drf/widgets/wid_123", 404, "not_found"),
    Scenario("drf-http404", "GET", "/drf/widgets/wid_999", 404, "not_found"),
    Scenario("drf-head-not-found", "HEAD", "/drf/widgets/wid_123", 404, "not_found"),
    Scenario(
        "drf-throttled", "GET", "/drf/throttled", 429, "rate_limited",
        expect_headers={"Retry-After": str(THROTTLE_WAIT)},
    ),
    Scenario(
        "drf-throttled-no-wait", "GET", "/drf/throttled-no-wait", 429, "rate_limited",
        expect_headers={"Retry-After": None},
    ),
    Scenario("drf-api-error", "GET", "/drf/raise/conflict", 409, "conflict"),
    Scenario(
        "drf-django-permission-denied", "GET", "/drf/raise/django-permission-denied", 403,
        "permission_denied",
    ),
    Scenario("drf-unexpected", "GET", "/drf/raise/unexpected", 500, "internal"),
)
# fmt: on
