"""The rule for what a converted page keeps, as data both adapters read."""

from __future__ import annotations

from error_core._converted_headers import BODY_HEADERS, kept_headers


def test_a_converted_page_keeps_other_headers_and_drops_its_body_and_the_envelopes() -> None:
    page = [
        ("Content-Type", "text/html"),
        ("Content-Length", "179"),
        ("content-language", "en"),
        ("ETag", '"abc"'),
        ("Cache-Control", "max-age=60"),
        ("Vary", "Origin"),
        ("X-Frame-Options", "DENY"),
        ("Allow", "GET"),
    ]

    assert kept_headers(page, {"allow", "request-id"}) == [
        ("Vary", "Origin"),
        ("X-Frame-Options", "DENY"),
    ]


def test_the_dropped_names_are_lower_case() -> None:
    assert all(name == name.lower() for name in BODY_HEADERS)
