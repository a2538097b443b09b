"""A project that adds only the MIDDLEWARE line: Django's default LOGGING, no handler404.

Run as ``python -m tests.django.one_line_setup``: it configures Django in this
process (the default logging needs a process of its own), sends an unknown URL
and a failing view through the test client, and prints what happened as JSON.
"""

from __future__ import annotations

import io
import json
import sys
from typing import NoReturn

from django.http import HttpRequest
from django.urls import path


def crash(request: HttpRequest) -> NoReturn:
    raise RuntimeError("boom in the view")


urlpatterns = [path("crash", crash)]


def main() -> None:
    import django
    from django.conf import settings

    # Django 6.0 deprecates (name, address) pairs; 5.2 reads nothing else.
    admins = ["ops@example.com"] if django.VERSION >= (6, 0) else [("Ops", "ops@example.com")]
    stderr = sys.stderr = io.StringIO()  # where Python's last-resort handler writes
    settings.configure(
        DEBUG=False,
        SECRET_KEY="one-line-setup",
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=["django_errors.middleware.ErrorMiddleware"],
        ADMINS=admins if "--admins" in sys.argv else [],
    )
    django.setup()
    from django.core import mail
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the locmem mail backend: mail_admins' emails land in outbox
    client = Client(raise_request_exception=False)
    unknown = client.get("/nope")
    crashed = client.get("/crash")
    result = {
        "unknown": [unknown.status_code, unknown["Content-Type"], unknown.content.decode()],
        "crash": [crashed.status_code, crashed.content.decode()],
        "crash_request_id": crashed["Request-Id"],
        "stderr": stderr.getvalue(),
        "mails": [message.body for message in mail.outbox],  # type: ignore[attr-defined]
        "subjects": [message.subject for message in mail.outbox],  # type: ignore[attr-defined]
    }
    sys.__stdout__.write(json.dumps(result))  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
