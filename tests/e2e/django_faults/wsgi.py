"""WSGI entry point of the fault project."""

from __future__ import annotations

import os

# Forced: the servers' environment names the example project's settings.
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.e2e.django_faults.settings"

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
