"""Only the MIDDLEWARE line: Django's default LOGGING, no handler404 (the common set-up)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client, override_settings
from django.test.signals import template_rendered

from .utils import assert_envelope

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.django.one_line_setup", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_one_line_setup_writes_nothing_through_the_last_resort_handler() -> None:
    result = _run()

    assert result["unknown"][:2] == [404, "application/json"]
    assert result["crash"][0] == 500
    # Django's default LOGGING writes nothing for a 500 without ADMINS: neither do we.
    assert result["stderr"] == ""


def test_one_line_setup_sends_the_traceback_where_django_sends_its_own() -> None:
    result = _run("--admins")

    # mail_admins (on the "django" logger) gets the one traceback, as for Django's own 500s.
    assert len(result["mails"]) == 1
    body = result["mails"][0]
    assert body.count("Traceback (most recent call last)") == 1
    assert 'raise RuntimeError("boom in the view")' in body
    assert result["crash_request_id"] in result["subjects"][0]
    assert result["stderr"] == ""


@override_settings(ROOT_URLCONF="tests.django.one_line_setup")
def test_unknown_url_is_answered_without_rendering_django_404_page() -> None:
    rendered: list[Any] = []

    def note(sender: Any, template: Any, **kwargs: Any) -> None:
        rendered.append(template)

    template_rendered.connect(note)
    try:
        response = Client().get("/nope")
    finally:
        template_rendered.disconnect(note)

    assert_envelope(response, 404, "not_found")
    assert rendered == []


def test_unknown_url_without_the_middleware_still_gets_django_page() -> None:
    Client().get("/ok")  # another handler in the process loaded the middleware
    with override_settings(ROOT_URLCONF="tests.django.one_line_setup", MIDDLEWARE=[]):
        response = Client().get("/nope")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.usefixtures("logs")
@override_settings(ROOT_URLCONF="tests.django.one_line_setup")
def test_a_urlconf_own_handler404_kept_deliberately_still_wins() -> None:
    from django.conf import urls

    Client().get("/ok")  # the middleware is loaded
    assert urls.handler404 == "django_errors._unknown_url_view.unknown_url"
    with override_settings(
        ROOT_URLCONF="tests.django.urls_with_own_404", ERRORS_KEEP_APP_HANDLERS=True
    ):
        response = Client().get("/nope")

    assert response.status_code == 404
    assert response.content == b"own 404"


@pytest.mark.usefixtures("logs")
def test_unknown_url_redirected_by_append_slash_logs_no_404(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    # CommonMiddleware answers /t/slashed with a redirect to /t/slashed/: no 404 was sent.
    response = client.get("/t/slashed?q=1")

    assert response.status_code == 301
    assert response["Location"] == "/t/slashed/?q=1"
    assert [r.getMessage() for r in caplog.records if r.name == "error_core"] == []


@pytest.mark.usefixtures("logs")
def test_unknown_url_with_a_slashed_twin_but_no_common_middleware_is_the_envelope(
    client: Client, caplog: pytest.LogCaptureFixture, settings: Settings
) -> None:
    settings.MIDDLEWARE = ["django_errors.middleware.ErrorMiddleware"]  # nobody redirects

    response = client.get("/t/slashed")

    assert_envelope(response, 404, "not_found")
    assert [r.getMessage() for r in caplog.records if r.name == "error_core"] == [
        f"GET /t/slashed -> 404 not_found (request_id={response['Request-Id']})"
    ]


@pytest.mark.usefixtures("logs")
@pytest.mark.parametrize(("path", "append_slash"), [("/no/such/", True), ("/no/such", False)])
def test_unknown_url_nobody_redirects_is_the_envelope_logged_once(
    client: Client,
    caplog: pytest.LogCaptureFixture,
    settings: Settings,
    path: str,
    append_slash: bool,
) -> None:
    settings.APPEND_SLASH = append_slash

    response = client.get(path)

    assert_envelope(response, 404, "not_found")
    assert [r.getMessage() for r in caplog.records if r.name == "error_core"] == [
        f"GET {path} -> 404 not_found (request_id={response['Request-Id']})"
    ]
