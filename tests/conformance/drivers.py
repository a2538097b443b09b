"""Send one scenario through each adapter and describe what came back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from asgiref.sync import async_to_sync

from tests.apps.scenarios import Scenario


@dataclass(frozen=True)
class Result:
    """What one adapter answered, in comparable form."""

    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


def flask_driver() -> Callable[[Scenario], Result]:
    from tests.apps.flask_app import create_app

    client = create_app().test_client()

    def send(scenario: Scenario) -> Result:
        headers = dict(scenario.headers)
        host = headers.pop("Host", "localhost")
        response = client.open(
            scenario.path,
            method=scenario.method,
            headers=headers,
            data=scenario.body,
            base_url=f"http://{host}",
        )
        return Result(
            response.status_code,
            {name.lower(): value for name, value in response.headers.items()},
            response.get_data(),
        )

    return send


def _django_headers(scenario: Scenario) -> tuple[dict[str, str], dict[str, str]]:
    headers = dict(scenario.headers)
    extra = {"content_type": headers.pop("Content-Type", "application/octet-stream")}
    return headers, extra


def django_driver() -> Callable[[Scenario], Result]:
    from django.test import Client

    client = Client(raise_request_exception=False, enforce_csrf_checks=True)

    def send(scenario: Scenario) -> Result:
        headers, extra = _django_headers(scenario)
        response = client.generic(
            scenario.method, scenario.path, scenario.body, headers=headers, **extra
        )
        return Result(
            response.status_code,
            {name.lower(): value for name, value in response.items()},
            response.content,
        )

    return send


def django_asgi_driver() -> Callable[[Scenario], Result]:
    from django.http import HttpResponseBase
    from django.test import AsyncClient

    client = AsyncClient(raise_request_exception=False, enforce_csrf_checks=True)

    def send(scenario: Scenario) -> Result:
        headers, extra = _django_headers(scenario)
        # The async client sends its own cookie jar, not a Cookie header.
        client.cookies.clear()
        client.cookies.load(headers.pop("Cookie", ""))

        async def request() -> HttpResponseBase:
            return await client.generic(
                scenario.method, scenario.path, scenario.body, headers=headers, **extra
            )

        response = async_to_sync(request)()
        return Result(
            response.status_code,
            {name.lower(): value for name, value in response.items()},
            response.content,
        )

    return send
