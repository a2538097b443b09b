"""Test settings: the example project, plus the test-only views under /t/."""

from __future__ import annotations

from examples.django_project.settings import *  # noqa: F403

ROOT_URLCONF = "tests.django.urls"
LOGGING_CONFIG = None  # tests capture logging with caplog
