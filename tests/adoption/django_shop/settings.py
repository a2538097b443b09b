"""The shop's settings: ``startproject``'s middleware, django-cors-headers, DRF, structlog.

The tests apply them over the test settings with ``override_settings``
(:func:`overrides`); ``DATABASES`` stays the test run's.
"""

from __future__ import annotations

from typing import Any

import structlog

SECRET_KEY = "adoption-tests-only-not-secret-but-long-enough-for-hs256"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "shop.example"]
ROOT_URLCONF = "tests.adoption.django_shop.urls"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "corsheaders",
    "rest_framework",
    "django_structlog",
    "django_errors",
]
MIDDLEWARE = [
    "django_errors.middleware.ErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # django-cors-headers: "as high as possible", before CommonMiddleware.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
]
# No database needed by the pages: sessions live in signed cookies.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

CORS_ALLOWED_ORIGINS = ["https://front.example"]
CORS_EXPOSE_HEADERS = ["Request-Id"]
CSRF_TRUSTED_ORIGINS = ["https://front.example"]

REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "django_errors.rest_framework.exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTStatelessUserAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
}
SIMPLE_JWT = {"ALGORITHM": "HS256", "SIGNING_KEY": SECRET_KEY}
# The handler the project had in REST_FRAMEWORK before error-core, kept.
ERRORS_DRF_EXCEPTION_HANDLER = "tests.adoption.django_shop.views.shop_exception_handler"

# structlog as django-structlog's documentation shows, error-core's records
# (plain logging) rendered by the same formatter (error-core's docs/logging.md).
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json_formatter": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
            "foreign_pre_chain": [
                structlog.stdlib.add_log_level,
                structlog.stdlib.add_logger_name,
                structlog.stdlib.ExtraAdder(allow=["request_id", "status_code", "error_code"]),
            ],
        },
    },
    "handlers": {
        "json_file": {"class": "logging.StreamHandler", "formatter": "json_formatter"},
    },
    "root": {"handlers": ["json_file"], "level": "INFO"},
    "loggers": {
        "django_structlog": {"handlers": ["json_file"], "level": "INFO", "propagate": False},
    },
}


def configure_structlog() -> None:
    """django-structlog's documented ``structlog.configure`` (a real project runs it here)."""
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.filter_by_level,
            structlog.processors.TimeStamper(fmt="iso"),
            structlog.stdlib.add_logger_name,
            structlog.stdlib.add_log_level,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            structlog.processors.UnicodeDecoder(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        # The documentation caches; the tests configure structlog again after.
        cache_logger_on_first_use=False,
    )


def overrides(*, error_middleware: bool = True) -> dict[str, Any]:
    """These settings for ``override_settings``; without ``ErrorMiddleware`` if asked."""
    names = {name: value for name, value in globals().items() if name.isupper()}
    del names["LOGGING"]  # applied with dictConfig by the tests, as Django does at start-up
    if not error_middleware:
        names["MIDDLEWARE"] = MIDDLEWARE[1:]
    return names
