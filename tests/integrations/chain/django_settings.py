"""Settings of the chain's Django service (it trusts its upstream's id)."""

from __future__ import annotations

from .logging_config import config

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.integrations.chain.django_service"
INSTALLED_APPS = ["django_errors"]
MIDDLEWARE = ["django_errors.middleware.ErrorMiddleware"]
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True
ERRORS_TRUST_INCOMING_REQUEST_ID = True
LOGGING = config("django")
