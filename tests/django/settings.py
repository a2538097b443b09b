"""Test settings: the example project, plus the test-only views under /t/."""

from __future__ import annotations

from tests.apps.django_project.settings import *  # noqa: F403

ROOT_URLCONF = "tests.django.urls"
LOGGING_CONFIG = None  # tests capture logging with caplog
# For DRF's transaction rollback (tests turn ATOMIC_REQUESTS on where they need it).
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
