"""The README's DRF and django-ratelimit examples, served as users copy them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterator

import pytest
from django.core.cache import cache
from django.test import Client

from tests.readme import code_blocks

from . import readme_urls
from .utils import assert_envelope

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

pytestmark = pytest.mark.usefixtures("logs")


@pytest.fixture(autouse=True)
def _readme_urls(settings: Settings) -> Iterator[None]:
    settings.ROOT_URLCONF = "tests.django.readme_urls"
    cache.clear()
    yield
    cache.clear()


def test_the_drf_settings_are_the_example_projects(settings: Settings) -> None:
    readme = readme_urls.settings

    assert readme["MIDDLEWARE"][0] == settings.MIDDLEWARE[0]
    assert (
        readme["REST_FRAMEWORK"]["EXCEPTION_HANDLER"]
        == (settings.REST_FRAMEWORK["EXCEPTION_HANDLER"])
    )


def test_the_drf_example_answers_as_the_readme_says(client: Client) -> None:
    body = {"tags": ["ok", "far-too-long-tag"]}

    (shown,) = code_blocks("## Django REST framework", "json")
    expected = json.loads(shown)

    response = client.post("/widgets", json.dumps(body), content_type="application/json")

    assert_envelope(response, 400, expected["code"], expected["message"])
    assert expected["message"] == (
        "name: This field is required. tags[1]: Ensure this field has no more than 10 characters."
    )


def test_the_django_ratelimit_example_sends_retry_after(client: Client) -> None:
    assert client.get("/search").status_code == 200

    response = client.get("/search")

    assert_envelope(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60
