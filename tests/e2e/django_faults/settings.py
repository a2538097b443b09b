"""Settings of the fault project: the middleware first, production defaults otherwise."""

from __future__ import annotations

SECRET_KEY = "e2e-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django_errors"]
MIDDLEWARE = [
    "django_errors.middleware.ErrorMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "tests.e2e.django_faults.urls"
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 65536
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "error_core.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "loggers": {"error_core": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
