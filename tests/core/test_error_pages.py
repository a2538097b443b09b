"""Which error responses the adapters convert (error_core._error_pages)."""

from __future__ import annotations

import pytest

from error_core._error_pages import is_error_page


@pytest.mark.parametrize(
    "content_type", ["text/html", "text/html; charset=utf-8", "Text/HTML", " text/html"]
)
def test_an_html_error_page_is_converted(content_type: str) -> None:
    assert is_error_page(content_type, empty=False)


def test_an_error_without_body_or_type_is_converted() -> None:
    assert is_error_page(None, empty=True)


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "application/pdf"])
def test_a_body_of_the_apps_own_type_is_passed_on(content_type: str) -> None:
    assert not is_error_page(content_type, empty=False)
    assert not is_error_page(content_type, empty=True)


def test_a_body_without_a_type_is_passed_on() -> None:
    assert not is_error_page(None, empty=False)
