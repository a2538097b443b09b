"""Run an example app under Sentry with a capturing transport; print what was sent.

Run in a subprocess by the Sentry tests: Sentry's integrations patch the
frameworks for the whole process.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import sentry_sdk
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

events: list[dict[str, Any]] = []


class Capture(Transport):
    """Keeps events in memory: nothing leaves the process."""

    def capture_envelope(self, envelope: Envelope) -> None:
        for item in envelope.items:
            if item.type == "event" and item.payload.json is not None:
                events.append(item.payload.json)


def message() -> dict[str, str]:
    """A view that reports to Sentry without failing."""
    sentry_sdk.capture_message("hello from a view")
    return {"ok": "sent"}


def django_message(request: object) -> object:
    from django.http import JsonResponse

    return JsonResponse(message())


def __getattr__(name: str) -> Any:
    # ROOT_URLCONF for the Django run: the example project's URLs plus the view above.
    if name == "urlpatterns":
        from django.urls import path

        from tests.apps.django_project.urls import urlpatterns

        return [path("sentry-message", django_message), *urlpatterns]
    raise AttributeError(name)


def main(framework: str) -> None:
    sentry_sdk.init(dsn="https://public@sentry.invalid/1", transport=Capture)
    if framework == "flask":
        from tests.apps.flask_app import create_app

        app = create_app()
        app.add_url_rule("/sentry-message", "sentry_message", message)
        client = app.test_client()
        answers = [client.get(path) for path in ("/sentry-message", "/errors/unexpected")]
        ids = [answer.headers["Request-Id"] for answer in answers]
    else:
        os.environ["DJANGO_SETTINGS_MODULE"] = "tests.apps.django_project.settings"
        import django
        from django.conf import settings
        from django.test import Client

        settings.ROOT_URLCONF = "tests.sentry_probe"
        django.setup()
        client = Client(raise_request_exception=False)
        answers = [client.get(path) for path in ("/sentry-message", "/errors/unexpected")]
        ids = [answer["Request-Id"] for answer in answers]
    sentry_sdk.flush()
    tags = [event.get("tags", {}) for event in events]
    print(json.dumps({"ids": ids, "tags": tags}))


if __name__ == "__main__":
    main(sys.argv[1])
