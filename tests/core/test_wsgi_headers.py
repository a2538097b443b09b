from __future__ import annotations

import pytest

from error_core._settings import Settings
from error_core._wsgi_headers import (
    add_outgoing_headers,
    has_header,
    header,
    header_lines,
)

RID = "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"


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


def test_header_lines_and_header_look_names_up_in_any_case() -> None:
    headers = [
        ("Content-Type", "text/plain"),
        ("X-Content-Length", "1"),
        ("SET-COOKIE", "a=1"),
        ("Access-Control-Expose-Headers", "Content-Length"),
    ]

    lines = header_lines(headers).lower()

    assert has_header(lines, "Set-Cookie")
    assert not has_header(lines, "Content-Length")  # neither a longer name nor a value
    assert has_header(lines, "content-type")
    assert header(headers, "set-cookie") == "a=1"
    assert header(headers, "Content-Length") is None


def test_add_outgoing_headers_uses_the_header_names_the_caller_gives() -> None:
    headers = [("Access-Control-Allow-Origin", "*")]

    add_outgoing_headers(Settings(), RID, headers, lines=header_lines(headers).lower())

    assert headers == [
        ("Access-Control-Allow-Origin", "*"),
        ("Request-Id", RID),
        ("Access-Control-Expose-Headers", "Request-Id"),
    ]
