"""Requests the frameworks would answer with a 500: both adapters say 400 instead."""

from __future__ import annotations

import sys

import pytest

from error_core import InvalidRequest
from error_core._envelope import render
from error_core._malformed_requests import malformed_request, malformed_request_error
from error_core._statuses import from_status


@pytest.mark.parametrize("length", [None, "", "0", "7", "1024", "00012", "9" * 18])
def test_a_digit_content_length_or_none_is_fine(length: str | None) -> None:
    assert not malformed_request(length)


@pytest.mark.parametrize("length", ["abc", "-1", "+5", " 5", "5 ", "1_000", "1e3", "5,5", "\uff15"])
def test_a_content_length_that_is_not_digits_is_malformed(length: str) -> None:
    assert malformed_request(length)


@pytest.mark.parametrize(
    "length", ["1" + "0" * 18, str(sys.maxsize), str(2**63), "9" * 40, "0" * 19]
)
def test_a_content_length_past_18_digits_is_malformed(length: str) -> None:
    # Past sys.maxsize Django's body read fails with an OverflowError; no body
    # is an exabyte long, and responses are held to the same 1 to 18 digits.
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


def test_the_answer_to_a_malformed_request_is_the_same_bytes_as_a_framework_400() -> None:
    # One adapter answered InvalidRequest(), the other from_status(400): one answer now.
    answer = render(malformed_request_error(), "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W")
    assert answer == render(from_status(400), "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W")
    assert answer == render(InvalidRequest(), "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W")
    assert (answer.status, answer.code) == (400, "invalid_request")


def test_each_malformed_request_gets_its_own_error() -> None:
    assert malformed_request_error() is not malformed_request_error()


@pytest.mark.parametrize("length", ["9" * 5000, "0" * 5000 + "5"])
def test_a_content_length_of_more_digits_than_int_reads_is_malformed(length: str) -> None:
    # No body is that long, and int() of it fails in both frameworks' body reads.
    assert malformed_request(length)


def test_a_content_length_of_more_digits_than_int_reads_is_malformed_without_a_limit() -> None:
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert malformed_request("9" * 5000)
    finally:
        sys.set_int_max_str_digits(limit)
