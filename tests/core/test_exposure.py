from __future__ import annotations

import sys
import types

import pytest

from error_core import Settings
from error_core._exposure import (
    add_outgoing_headers,
    expose_header,
    header,
    header_names,
    outgoing_headers,
    tag_sentry_scope,
)


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (None, "Request-Id"),
        ("", "Request-Id"),
        ("  ", "Request-Id"),
        ("X-Total-Count", "X-Total-Count, Request-Id"),
        ("X-Total-Count, ETag", "X-Total-Count, ETag, Request-Id"),
        ("request-id", "request-id"),
        ("ETag,Request-Id", "ETag,Request-Id"),
    ],
)
def test_the_request_id_header_is_appended_to_what_is_exposed(
    current: str | None, expected: str
) -> None:
    assert expose_header(current, "Request-Id") == expected


def test_sentry_is_tagged_when_the_app_imported_it(monkeypatch: pytest.MonkeyPatch) -> None:
    tags: dict[str, str] = {}
    fake = types.ModuleType("sentry_sdk")
    fake.set_tag = tags.__setitem__  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentry_sdk", fake)

    tag_sentry_scope("req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W")

    assert tags == {"request_id": "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"}


def test_without_sentry_nothing_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "sentry_sdk", raising=False)

    tag_sentry_scope("req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W")

    assert "sentry_sdk" not in sys.modules


RID = "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        ({}, [("Request-Id", RID)]),
        ({"Request-Id": "req_set_by_the_view"}, []),
        (
            {"Access-Control-Allow-Origin": "*"},
            [("Request-Id", RID), ("Access-Control-Expose-Headers", "Request-Id")],
        ),
        (
            {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag"},
            [("Request-Id", RID), ("Access-Control-Expose-Headers", "ETag, Request-Id")],
        ),
        (
            {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Request-Id"},
            [("Request-Id", RID)],
        ),
    ],
)
def test_outgoing_headers(present: dict[str, str], expected: list[tuple[str, str]]) -> None:
    assert outgoing_headers(Settings(), RID, present.__contains__, present.get) == expected


def test_outgoing_headers_expose_nothing_when_switched_off() -> None:
    present = {"Access-Control-Allow-Origin": "*"}
    settings = Settings(expose_request_id_header=False)

    found = outgoing_headers(settings, RID, present.__contains__, present.get)

    assert found == [("Request-Id", RID)]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            [("Content-Type", "application/json"), ("Content-Length", "2")],
            [("Content-Type", "application/json"), ("Content-Length", "2"), ("Request-Id", RID)],
        ),
        # The view's own id, in any case, is kept; a name that only contains it is not it.
        ([("request-id", "req_view")], [("request-id", "req_view")]),
        ([("X-Request-Id", "abc")], [("X-Request-Id", "abc"), ("Request-Id", RID)]),
        # A CORS response: what the CORS library exposed is replaced by the longer list.
        (
            [("access-control-expose-headers", "ETag"), ("Access-Control-Allow-Origin", "*")],
            [
                ("Access-Control-Allow-Origin", "*"),
                ("Request-Id", RID),
                ("Access-Control-Expose-Headers", "ETag, Request-Id"),
            ],
        ),
        (
            [("Access-Control-Allow-Origin", "*"), ("Request-Id", "req_view")],
            [
                ("Access-Control-Allow-Origin", "*"),
                ("Request-Id", "req_view"),
                ("Access-Control-Expose-Headers", "Request-Id"),
            ],
        ),
    ],
)
def test_add_outgoing_headers_sets_them_on_a_wsgi_header_list(
    headers: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    add_outgoing_headers(Settings(), RID, headers)

    assert headers == expected


def test_add_outgoing_headers_uses_the_configured_header_name() -> None:
    headers = [("X-Correlation-Id", "keep"), ("Access-Control-Allow-Origin", "*")]
    settings = Settings(request_id_header="X-Correlation-Id", expose_request_id_header=False)

    add_outgoing_headers(settings, RID, headers)

    assert headers == [("X-Correlation-Id", "keep"), ("Access-Control-Allow-Origin", "*")]


def test_header_names_and_header_look_names_up_in_any_case() -> None:
    headers = [("Content-Type", "text/plain"), ("X-Content-Length", "1"), ("SET-COOKIE", "a=1")]

    names = header_names(name for name, _ in headers)

    assert "\nset-cookie\n" in names
    assert "\ncontent-length\n" not in names
    assert "\ncontent-type\n" in names
    assert header(headers, "set-cookie") == "a=1"
    assert header(headers, "Content-Length") is None
