"""Settings of the example project: error-core's lines are marked ``error-core``."""

from __future__ import annotations

SECRET_KEY = "example-only-not-secret"  # an example: never deploy this key
DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "examples.django_widgets.urls"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "drf_spectacular",
    "django_errors",  # error-core: its system checks
]
MIDDLEWARE = [
    "django_errors.middleware.ErrorMiddleware",  # error-core: first
    "django.middleware.common.CommonMiddleware",
]
DATABASES: dict[str, dict[str, str]] = {}
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
USE_TZ = True
REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "django_errors.rest_framework.exception_handler",  # error-core
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Widgets (Django)",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,  # /openapi.json documents the API, not itself
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "django_errors.spectacular.postprocess_errors",  # error-core: the error responses
        "examples.django_widgets.views.document_request_id",
    ],
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "error_core.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "()": "error_core.EscapingFormatter",
            "format": "%(levelname)s [%(request_id)s] %(name)s %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
}
