"""Requests the frameworks would answer with a 500: both adapters say 400 instead."""

from __future__ import annotations

import pytest

from error_core._errors import malformed_request


@pytest.mark.parametrize("length", [None, "", "0", "7", "1024", "00012", "9" * 40])
def test_a_digit_content_length_or_none_is_fine(length: str | None) -> None:
    assert not malformed_request(length)


@pytest.mark.parametrize("length", ["abc", "-1", "+5", " 5", "5 ", "1_000", "1e3", "5,5", "\uff15"])
def test_a_content_length_that_is_not_digits_is_malformed(length: str) -> None:
    assert malformed_request(length)


@pytest.mark.parametrize(
    "query",
    ["", "a=1&b=2", "q=%FF%FE", "q=caf\xc3\xa9", "q=\xe5\x90\x8d"],  # UTF-8 bytes as Latin-1
)
def test_a_utf8_query_string_is_fine(query: str) -> None:
    assert not malformed_request(None, query)


@pytest.mark.parametrize(
    "query",
    [
        "q=\x80",
        "q=\xff\xfe",
        "q=caf\xe9",
        "\xed\xa0\x80",
        "q=名",
        "a=\r",
        "a=\n",
        "\x00",
        "\x7f",
        "\t",
    ],
)
def test_a_query_string_that_is_not_utf8_is_malformed(query: str) -> None:
    assert malformed_request(None, query)


@pytest.mark.parametrize(("query", "malformed"), [("q=名", False), ("q=é", False), ("q=\r", True)])
def test_a_decoded_query_string_only_fails_for_control_characters(
    query: str, malformed: bool
) -> None:
    assert malformed_request(None, query, decoded=True) is malformed
