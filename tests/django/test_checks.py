"""System checks: invalid ERRORS_* settings and the middleware's position."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from django_errors._checks import MIDDLEWARE_PATH, check_middleware_first, check_settings

from .middleware import SUBCLASS_PATH

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

INVALID = [
    ("ERRORS_REQUEST_ID_HEADER", "Request Id", "django_errors.E001"),
    ("ERRORS_TRUST_INCOMING_REQUEST_ID", "yes", "django_errors.E002"),
    ("ERRORS_INCOMING_REQUEST_ID_HEADER", "", "django_errors.E003"),
    ("ERRORS_HANDLE_UNEXPECTED_IN_DEBUG", 1, "django_errors.E004"),
    ("ERRORS_EXPOSE_REQUEST_ID_HEADER", "yes", "django_errors.E005"),
    ("ERRORS_KEEP_APP_HANDLERS", "yes", "django_errors.E007"),
]
RESERVED = [
    ("ERRORS_REQUEST_ID_HEADER", "Content-Type", "django_errors.E001"),
    ("ERRORS_REQUEST_ID_HEADER", "Set-Cookie", "django_errors.E001"),
    ("ERRORS_INCOMING_REQUEST_ID_HEADER", "Authorization", "django_errors.E003"),
    ("ERRORS_INCOMING_REQUEST_ID_HEADER", "Cookie", "django_errors.E003"),
]
# What each message says is allowed.
ALLOWED = {
    "django_errors.E001": "must be an HTTP header name (letters, digits and !#$%&'*+.^_`|~-) "
    "other than Allow, Cache-Control, Connection,",
    "django_errors.E002": "must be True or False",
    "django_errors.E003": "must be an HTTP header name (letters, digits and !#$%&'*+.^_`|~-) "
    "other than Authorization, Cookie, Host, Proxy-Authorization;",
    "django_errors.E004": "must be True or False",
    "django_errors.E005": "must be True or False",
    "django_errors.E007": "must be True or False",
}


def _ours(messages: list[checks.CheckMessage]) -> list[checks.CheckMessage]:
    return [m for m in messages if (m.id or "").startswith("django_errors.")]


def test_the_project_passes_every_check() -> None:
    assert _ours(checks.run_checks()) == []


@pytest.mark.parametrize(("setting", "value", "check_id"), [*INVALID, *RESERVED])
def test_invalid_setting_is_a_check_error(
    settings: Settings, setting: str, value: Any, check_id: str
) -> None:
    setattr(settings, setting, value)

    [error] = check_settings()

    assert error.level == checks.ERROR
    assert error.id == check_id
    assert setting in error.msg
    assert repr(value) in error.msg
    assert ALLOWED[check_id] in error.msg


def test_every_invalid_setting_is_reported(settings: Settings) -> None:
    for setting, value, _ in INVALID:
        setattr(settings, setting, value)

    assert [error.id for error in check_settings()] == [check_id for *_, check_id in INVALID]


def test_checks_are_registered_by_the_app(settings: Settings) -> None:
    settings.ERRORS_TRUST_INCOMING_REQUEST_ID = "yes"

    with pytest.raises(SystemCheckError, match=r"django_errors\.E002"):
        call_command("check")


@pytest.mark.parametrize(
    "middleware",
    [
        [],
        ["django.middleware.common.CommonMiddleware"],
        ["django.middleware.security.SecurityMiddleware", MIDDLEWARE_PATH],
    ],
    ids=["empty", "missing", "not-first"],
)
def test_middleware_missing_or_not_first_is_a_warning(
    settings: Settings, middleware: list[str]
) -> None:
    settings.MIDDLEWARE = middleware

    [warning] = check_middleware_first()

    assert warning.level == checks.WARNING
    assert warning.id == "django_errors.W001"
    assert MIDDLEWARE_PATH in warning.msg
    assert [m.id for m in _ours(checks.run_checks())] == ["django_errors.W001"]


@pytest.mark.parametrize("first", [MIDDLEWARE_PATH, SUBCLASS_PATH])
def test_middleware_first_passes(settings: Settings, first: str) -> None:
    settings.MIDDLEWARE = [first, "django.middleware.common.CommonMiddleware"]

    assert check_middleware_first() == []


@pytest.mark.parametrize(
    "first", ["tests.django.middleware.middleware_factory", "no.such.Middleware"]
)
def test_other_first_middleware_is_a_warning(settings: Settings, first: str) -> None:
    settings.MIDDLEWARE = [first, MIDDLEWARE_PATH]

    assert [warning.id for warning in check_middleware_first()] == ["django_errors.W001"]
