"""The core's rules for an error's own headers: what reaches the server, and how."""

from __future__ import annotations

import logging

import pytest

from error_core import APIError, AuthenticationError, RateLimited, _header_rules
from error_core._envelope import render
from error_core._header_rules import FRAMING_HEADERS, NOT_FOR_ERRORS, error_headers

RID = "req_01JDXR7M3K4P5Q6R7S8T9V0WXY"


@pytest.fixture
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget which names were warned about, as in a new process."""
    monkeypatch.setattr(_header_rules, "_warned", set())


@pytest.mark.usefixtures("fresh_warnings")
@pytest.mark.parametrize("name", sorted(FRAMING_HEADERS | NOT_FOR_ERRORS))
def test_a_framing_hop_by_hop_or_location_header_is_dropped_and_the_error_still_sent(
    name: str,
) -> None:
    error = AuthenticationError(headers=[(name.upper(), "x"), ("X-Kept", "yes")])

    status, headers, body, _ = render(error, RID)

    assert status == 401
    assert body.startswith(b'{"code":"authentication"')
    assert headers[-1] == ("X-Kept", "yes")
    assert not {n.lower() for n, _ in headers} & (FRAMING_HEADERS | NOT_FOR_ERRORS)


@pytest.mark.usefixtures("fresh_warnings")
def test_a_dropped_framing_header_is_warned_about_once_per_name(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="error_core")
    for _ in range(3):
        render(APIError(status=400, headers={"Connection": "close", "TE": "x"}), RID)

    messages = [r.getMessage() for r in caplog.records if r.name == "error_core"]
    assert [r.levelno for r in caplog.records] == [logging.WARNING] * 2
    assert messages[0].startswith("Connection dropped from an APIError's headers")
    assert messages[1].startswith("TE dropped from an APIError's headers")


def test_list_valued_names_given_twice_become_one_header_joined_by_commas() -> None:
    given = [
        ("WWW-Authenticate", 'Bearer realm="api"'),
        ("Vary", "Accept"),
        ("www-authenticate", 'Basic realm="api"'),
        ("X-A", "1"),
        ("x-a", "2"),
    ]
    assert error_headers(given, "Request-Id") == [
        ("WWW-Authenticate", 'Bearer realm="api", Basic realm="api"'),
        ("Vary", "Accept"),
        ("X-A", "1, 2"),
    ]


def test_single_valued_names_given_twice_keep_the_last_value_at_the_first_place() -> None:
    given = [
        ("Set-Cookie", "a=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT"),
        ("Retry-After", "10"),
        ("set-cookie", "b=2"),
        ("RETRY-AFTER", "20"),
    ]
    assert error_headers(given, "Request-Id") == [("Set-Cookie", "b=2"), ("Retry-After", "20")]


def test_a_rate_limited_retry_after_given_twice_in_headers_is_sent_once() -> None:
    error = RateLimited(headers=[("Retry-After", "5"), ("Retry-After", "6")])
    _, headers, _, _ = render(error, RID)
    assert [v for n, v in headers if n.lower() == "retry-after"] == ["6"]


def test_the_envelope_headers_and_unsendable_ones_are_not_an_errors() -> None:
    given = [
        ("content-type", "text/html"),
        ("Cache-Control", "public"),
        ("Content-Length", "1"),
        ("X-Correlation-Id", "theirs"),
        ("X-Bad", "a\r\nb"),
        ("Bad Name", "x"),
    ]
    assert error_headers(given, "x-correlation-id") == []


def test_no_headers_give_no_headers() -> None:
    assert error_headers([], "Request-Id") == []
