"""A project's own ``handler400``/``403``/``404``/``500`` and the envelope.

By default the middleware converts what they answer into the envelope, and
the system check ``django_errors.W002`` names each one it shadows. With
``ERRORS_KEEP_APP_HANDLERS = True`` their pages are left as they are.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from django.core import checks
from django.test import Client

from django_errors._app_handlers import check_app_handlers

from .middleware import HEADER
from .utils import assert_envelope

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

URLCONF = "tests.django.app_handler_urls"
NAMED = [
    "tests.django.app_handler_urls.own_bad_request",
    "tests.django.app_handler_urls.own_permission_denied",
    "tests.django.app_handler_urls.own_not_found",
    "tests.django.app_handler_urls.own_server_error",
]


@pytest.fixture
def own_handlers(settings: Settings) -> None:
    settings.ROOT_URLCONF = URLCONF


@pytest.fixture
def keep(settings: Settings) -> None:
    settings.ERRORS_KEEP_APP_HANDLERS = True


def _unknown_url(client: Client) -> object:
    return client.get("/no/such/route")


def _disallowed_host(client: Client) -> object:
    return client.get("/ok", headers={"Host": "evil.example"})


def _failing_middleware(client: Client) -> object:
    return client.get("/ok", headers={HEADER: "runtime"})


PAGES = [(_unknown_url, 404, "not_found"), (_disallowed_host, 400, "invalid_request")]


@pytest.mark.usefixtures("own_handlers")
@pytest.mark.parametrize(("send", "status", "code"), PAGES)
def test_a_projects_own_handler_page_is_converted_into_the_envelope(
    quiet_client: Client, send: object, status: int, code: str
) -> None:
    response = send(quiet_client)  # type: ignore[operator]

    assert_envelope(response, status, code)


@pytest.mark.usefixtures("own_handlers", "failing_middleware")
def test_a_projects_own_handler500_json_is_converted_into_the_envelope(
    quiet_client: Client,
) -> None:
    assert_envelope(_failing_middleware(quiet_client), 500, "internal")  # type: ignore[arg-type]


@pytest.mark.usefixtures("own_handlers", "keep")
def test_with_keep_app_handlers_the_projects_404_page_is_left_as_it_is(
    quiet_client: Client,
) -> None:
    response = _unknown_url(quiet_client)

    assert response.status_code == 404  # type: ignore[attr-defined]
    assert json.loads(response.content) == {"error": "nope", "status": 404}  # type: ignore[attr-defined]
    assert response["Request-Id"].startswith("req_")  # type: ignore[index]


@pytest.mark.usefixtures("own_handlers", "keep")
def test_with_keep_app_handlers_the_projects_400_page_is_left_as_it_is(
    quiet_client: Client,
) -> None:
    response = _disallowed_host(quiet_client)

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert b"Our own bad request page" in response.content  # type: ignore[attr-defined]


@pytest.mark.usefixtures("own_handlers", "keep", "failing_middleware")
def test_with_keep_app_handlers_the_projects_500_page_is_left_as_it_is(
    quiet_client: Client,
) -> None:
    response = _failing_middleware(quiet_client)

    assert response.status_code == 500  # type: ignore[attr-defined]
    assert json.loads(response.content) == {"error": "boom", "status": 500}  # type: ignore[attr-defined]


@pytest.mark.usefixtures("own_handlers", "keep")
def test_with_keep_app_handlers_errors_the_middleware_answers_itself_stay_the_envelope(
    quiet_client: Client,
) -> None:
    # Http404 from the view reaches the middleware before Django's handler404.
    assert_envelope(quiet_client.get("/t/raise/http404"), 404, "not_found")


@pytest.mark.usefixtures("keep")
def test_with_keep_app_handlers_and_no_project_handler_djangos_pages_are_converted(
    quiet_client: Client,
) -> None:
    assert_envelope(_unknown_url(quiet_client), 404, "not_found")  # type: ignore[arg-type]


@pytest.mark.usefixtures("own_handlers")
def test_each_project_handler_the_envelope_shadows_is_a_w002_warning_naming_it() -> None:
    warnings = check_app_handlers()

    assert [w.id for w in warnings] == ["django_errors.W002"] * 4
    assert all(w.level == checks.WARNING for w in warnings)
    assert [w.obj for w in warnings] == NAMED
    for warning, name in zip(warnings, NAMED, strict=True):
        assert name in warning.msg
        assert "ERRORS_KEEP_APP_HANDLERS = True" in (warning.hint or "")
    assert [m.id for m in checks.run_checks(tags=[checks.Tags.urls])].count(
        "django_errors.W002"
    ) == 4


@pytest.mark.usefixtures("own_handlers", "keep")
def test_no_w002_when_the_project_keeps_its_handlers() -> None:
    assert check_app_handlers() == []


@pytest.mark.parametrize("urlconf", ["tests.django.urls", "tests.django.not_found_urls"])
def test_no_w002_without_project_handlers_or_with_error_cores_not_found(
    settings: Settings, urlconf: str
) -> None:
    settings.ROOT_URLCONF = urlconf

    assert check_app_handlers() == []


def test_a_broken_urlconf_is_left_to_djangos_own_checks(settings: Settings) -> None:
    settings.ROOT_URLCONF = "tests.django.no_such_urls"

    assert check_app_handlers() == []


@pytest.mark.usefixtures("own_handlers", "keep")
def test_with_keep_app_handlers_a_status_no_handler_answers_is_still_converted(
    quiet_client: Client,
) -> None:
    # A 405 from require_http_methods: Django has no handler405 to keep.
    response = quiet_client.put("/methods")

    assert_envelope(response, 405, "method_not_allowed")
