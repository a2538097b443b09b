"""Settings of the ``orders`` service: it trusts the shop's ``X-Request-Id``."""

from __future__ import annotations

from .logs import config

SECRET_KEY = "example-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "examples.chain.orders"
INSTALLED_APPS = ["django_errors"]
MIDDLEWARE = ["django_errors.middleware.ErrorMiddleware"]
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True
ERRORS_TRUST_INCOMING_REQUEST_ID = True  # behind the shop only, never on the internet
LOGGING = config("orders")
