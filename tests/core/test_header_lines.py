"""A response's headers as one string, and the look-ups it answers (error_core._header_lines)."""

from __future__ import annotations

import pytest

from error_core._header_lines import has_header, has_header_value, header_lines

HEADERS = [("Content-Length", "0"), ("Content-Type", "text/html"), ("X-Count", "10")]


def test_header_lines_write_each_header_as_newline_name_cr_value() -> None:
    assert header_lines(HEADERS) == "\nContent-Length\r0\nContent-Type\rtext/html\nX-Count\r10"


def test_has_header_finds_a_name_in_any_case() -> None:
    lines = header_lines(HEADERS).lower()
    assert has_header(lines, "CONTENT-TYPE")
    assert not has_header(lines, "Content")


@pytest.mark.parametrize(
    ("name", "value", "found"),
    [
        ("Content-Length", "0", True),  # a header in the middle
        ("X-Count", "10", True),  # the last header
        ("X-Count", "1", False),  # a prefix of the value is not the value
        ("Content-Type", "text", False),
        ("X-Other", "0", False),
    ],
)
def test_has_header_value_finds_the_whole_value_only(name: str, value: str, found: bool) -> None:
    assert has_header_value(header_lines(HEADERS).lower(), name, value) is found
