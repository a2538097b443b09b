"""System checks refuse a reserved header however it is spelled (the core's rule)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.core import checks

from django_errors._checks import check_settings

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings


@pytest.mark.parametrize("value", ["Proxy_Authorization", "AUTHORIZATION", "cookie", "HOST"])
def test_a_reserved_incoming_header_spelled_with_underscores_or_any_case_is_e003(
    settings: Settings, value: str
) -> None:
    settings.ERRORS_INCOMING_REQUEST_ID_HEADER = value

    [error] = check_settings()

    assert (error.level, error.id) == (checks.ERROR, "django_errors.E003")


def test_a_reserved_response_header_spelled_with_underscores_is_e001(settings: Settings) -> None:
    settings.ERRORS_REQUEST_ID_HEADER = "Content_Length"

    [error] = check_settings()

    assert (error.level, error.id) == (checks.ERROR, "django_errors.E001")
