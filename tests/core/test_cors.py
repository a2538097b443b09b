from __future__ import annotations

import pytest

from error_core._cors import expose_header, outgoing_headers
from error_core._header_lines import header_lines
from error_core._settings import Settings

RID = "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"


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
    lines = header_lines(present.items()).lower()
    assert outgoing_headers(Settings(), RID, lines, present.get) == expected


def test_outgoing_headers_expose_nothing_when_switched_off() -> None:
    present = {"Access-Control-Allow-Origin": "*"}
    settings = Settings(expose_request_id_header=False)

    found = outgoing_headers(settings, RID, header_lines(present.items()).lower(), present.get)

    assert found == [("Request-Id", RID)]
