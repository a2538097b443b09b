"""django_errors.views.not_found: the optional handler404 answers the envelope itself."""

from __future__ import annotations

import json
import logging

import pytest
from django.http import Http404
from django.test import Client, RequestFactory

from django_errors.views import not_found

from .utils import REQUEST_ID, assert_envelope

pytestmark = pytest.mark.usefixtures("logs")

WITH_HANDLER = "tests.django.not_found_urls"


def _without_id(content: bytes) -> dict[str, str]:
    envelope: dict[str, str] = json.loads(content)
    del envelope["request_id"]
    return envelope


@pytest.mark.urls(WITH_HANDLER)
@pytest.mark.parametrize("path", ["/no/such/route", "/no/such/caf%C3%A9", "/t/raise/http404"])
def test_unknown_route_is_the_envelope(client: Client, path: str) -> None:
    response = client.get(path)

    assert_envelope(response, 404, "not_found")


def test_same_answer_as_the_middleware_converting_djangos_page(client: Client) -> None:
    converted = client.get("/no/such/route")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.ROOT_URLCONF", WITH_HANDLER)
        from django.urls import clear_url_caches

        clear_url_caches()
        try:
            direct = client.get("/no/such/route")
        finally:
            patch.undo()
            clear_url_caches()

    assert direct.status_code == converted.status_code == 404
    assert _without_id(direct.content) == _without_id(converted.content)
    # The envelope's own headers alike; like a view's 404, the direct one also
    # keeps what the middleware below adds (SecurityMiddleware's headers).
    assert set(converted.headers) <= set(direct.headers)
    for name in ("Content-Type", "Cache-Control", "Content-Length"):
        assert direct[name] == converted[name]


@pytest.mark.urls(WITH_HANDLER)
def test_logged_once_on_error_core(client: Client, logs: pytest.LogCaptureFixture) -> None:
    response = client.get("/no/such/route")

    records = [r for r in logs.records if r.name in ("error_core", "django.request")]
    assert [(r.name, r.levelno) for r in records] == [("error_core", logging.INFO)]
    assert records[0].getMessage() == (
        f"GET /no/such/route -> 404 not_found (request_id={response['Request-Id']})"
    )


@pytest.mark.urls(WITH_HANDLER)
def test_head_gets_no_body(client: Client) -> None:
    response = client.head("/no/such/route")

    assert response.status_code == 404
    assert response.content == b""
    assert int(response["Content-Length"]) > 0


def test_called_without_the_middleware_makes_an_id() -> None:
    response = not_found(RequestFactory().get("/x"), Http404("secret"))

    envelope = assert_envelope(response, 404, "not_found")
    assert REQUEST_ID.fullmatch(envelope["request_id"])


@pytest.mark.urls(WITH_HANDLER)
def test_unknown_url_redirected_by_append_slash_logs_no_404(
    client: Client, logs: pytest.LogCaptureFixture
) -> None:
    response = client.get("/t/slashed")

    assert response.status_code == 301
    assert response["Location"] == "/t/slashed/"
    assert [r for r in logs.records if r.name == "error_core"] == []


def test_called_without_the_middleware_for_a_slashed_twin_is_the_envelope() -> None:
    # No middleware converts what the view answers: it must be the envelope itself.
    response = not_found(RequestFactory().get("/t/slashed"), Http404())

    assert_envelope(response, 404, "not_found")
