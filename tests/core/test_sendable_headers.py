"""The headers a strict server (gunicorn) refuses to send."""

from __future__ import annotations

import pytest

from error_core._sendable_headers import unsendable_header


@pytest.mark.parametrize(
    ("headers", "refused"),
    [
        ([("X-A", "ok"), ("X-B", "a\x01b")], "X-B"),
        ([("X-A", "\x7f")], "X-A"),
        ([("X A", "ok")], "X A"),
        ([("X-\x00", "ok")], "X-\\x00"),
        ([("Content-Length", "1e3")], "Content-Length"),
        ([("content-length", "9" * 19)], "content-length"),
        ([("X-A", "ok"), ("", "x")], ""),
        ([("X-A\nX-B", "ok")], "X-A\\nX-B"),
        ([("Content-Length", "1"), ("content-length", "x")], "content-length"),
    ],
)
def test_a_header_a_strict_server_refuses_is_named(
    headers: list[tuple[str, str]], refused: str
) -> None:
    assert unsendable_header(headers) == refused


def test_headers_every_server_sends_pass() -> None:
    headers = [("X-A", "tab\tsp ace \xe9 \xff"), ("Content-Length", " 12 "), ("X-Empty", "")]

    assert unsendable_header(headers) is None


def test_a_name_with_a_newline_is_refused() -> None:
    assert unsendable_header([("X-A", "ok"), ("X-B\nX-C", "ok")]) == "X-B\\nX-C"


def test_repeated_lengths_every_server_reads_pass() -> None:
    assert unsendable_header([("Content-Length", "1"), ("content-length", "1")]) is None


@pytest.mark.parametrize(
    ("headers", "refused"),
    [
        ([("X-A", "ok\nX-B\rfaked")], "X-A"),
        ([("X-A\rok\nX-B", "faked")], "X-A\\rok\\nX-B"),
        ([("X-A", "ok\r")], "X-A"),
    ],
)
def test_a_newline_cannot_fake_a_valid_header_line(
    headers: list[tuple[str, str]], refused: str
) -> None:
    assert unsendable_header(headers) == refused


def test_a_non_ascii_name_that_lower_cases_to_ascii_is_refused() -> None:
    assert unsendable_header([("X-\u212a", "ok")]) == "X-\\u212a"


@pytest.mark.parametrize("count", [0, 1, 63, 64, 200])
def test_any_number_of_headers_is_checked(count: int) -> None:
    headers = [(f"X-{i}", "ok") for i in range(count)]

    assert unsendable_header(headers) is None
    assert unsendable_header([*headers, ("X-Bad", "\x01")]) == "X-Bad"
