"""CORS: the request-id header is exposed, next to what django-cors-headers exposes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client

from tests.readme import code_blocks

pytest.importorskip("corsheaders")

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

ORIGIN = {"Origin": "https://app.example"}


@pytest.fixture(autouse=True)
def cors(settings: Settings) -> None:
    settings.MIDDLEWARE = [
        "django_errors.middleware.ErrorMiddleware",
        "corsheaders.middleware.CorsMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example"]
    settings.CORS_EXPOSE_HEADERS = ["X-Total-Count"]


@pytest.mark.parametrize(("path", "status"), [("/ok", 200), ("/errors/not-found", 404)])
def test_the_request_id_is_exposed_after_what_django_cors_headers_exposes(
    client: Client, path: str, status: int
) -> None:
    response = client.get(path, headers=ORIGIN)

    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "https://app.example"
    assert response["Access-Control-Expose-Headers"] == "X-Total-Count, Request-Id"


def test_the_custom_request_id_header_is_the_one_exposed(
    client: Client, settings: Settings
) -> None:
    settings.ERRORS_REQUEST_ID_HEADER = "X-Correlation-Id"

    response = client.get("/ok", headers=ORIGIN)

    assert response["Access-Control-Expose-Headers"] == "X-Total-Count, X-Correlation-Id"


def test_nothing_is_exposed_on_a_response_that_is_not_cors(client: Client) -> None:
    response = client.get("/ok")

    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Expose-Headers" not in response


def test_exposing_can_be_switched_off(client: Client, settings: Settings) -> None:
    settings.ERRORS_EXPOSE_REQUEST_ID_HEADER = False

    response = client.get("/ok", headers=ORIGIN)

    assert response["Access-Control-Expose-Headers"] == "X-Total-Count"


def test_the_readme_example(client: Client, settings: Settings) -> None:
    namespace: dict[str, object] = {}
    exec(
        code_blocks("## CORS")[1].replace("# ...", "*MIDDLEWARE_REST,"),
        {"MIDDLEWARE_REST": settings.MIDDLEWARE[2:]},
        namespace,
    )
    settings.MIDDLEWARE = namespace["MIDDLEWARE"]
    settings.CORS_EXPOSE_HEADERS = namespace["CORS_EXPOSE_HEADERS"]

    response = client.get("/ok", headers=ORIGIN)

    assert response["Access-Control-Expose-Headers"] == "X-Total-Count, Request-Id"
