"""Framework statuses as errors: the code from the status table, the headers that matter."""

from __future__ import annotations

import pytest

from error_core import CODES
from error_core._statuses import from_status, normalize_allow


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, "invalid_request"),
        (401, "authentication"),
        (403, "permission_denied"),
        (404, "not_found"),
        (405, "method_not_allowed"),
        (406, "not_acceptable"),
        (409, "conflict"),
        (413, "payload_too_large"),
        (415, "unsupported_media_type"),
        (429, "rate_limited"),
        (500, "internal"),
        (503, "unavailable"),
        (402, "invalid_request"),
        (410, "invalid_request"),
        (422, "invalid_request"),
        (501, "internal"),
        (502, "internal"),
    ],
)
def test_from_status_keeps_the_status_and_takes_the_code_from_the_table(
    status: int, code: str
) -> None:
    error = from_status(status)
    assert (error.code, error.status, error.message) == (code, status, CODES[code].message)
    assert error.headers() == []


def test_from_status_shows_an_explicit_message() -> None:
    assert str(from_status(404, "No such page.")) == "No such page."


def test_from_status_keeps_only_the_headers_that_mean_something() -> None:
    error = from_status(
        405,
        headers=[
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", "153"),
            ("Set-Cookie", "session=abc"),
            ("allow", "post, get,GET , head,"),
            ("retry-after", "10"),
            ("www-authenticate", 'Bearer realm="api"'),
            ("CONTENT-RANGE", "bytes */100"),
        ],
    )
    assert error.headers() == [
        ("Allow", "GET, HEAD, POST"),
        ("Retry-After", "10"),
        ("WWW-Authenticate", 'Bearer realm="api"'),
        ("Content-Range", "bytes */100"),
    ]


def test_from_status_accepts_a_mapping_of_headers() -> None:
    error = from_status(405, headers={"Allow": "OPTIONS, GET", "Content-Type": "text/html"})
    assert error.headers() == [("Allow", "GET, OPTIONS")]


def test_normalize_allow_is_one_spelling_for_both_frameworks() -> None:
    assert normalize_allow(["get", "HEAD", " options ", "GET", "", "  "]) == "GET, HEAD, OPTIONS"
    assert normalize_allow([]) == ""
