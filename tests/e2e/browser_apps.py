"""The two APIs a browser page calls from another origin: Flask with flask-cors,
Django with django-cors-headers, both with error-core.

gunicorn builds each one from its factory, given the page's origin and
whether credentialed requests are allowed:
``tests.e2e.browser_apps:flask_app('http://127.0.0.1:8000', True)``.
Every app answers the same paths: ``/ok`` (GET only), ``/conflict`` (a raised
409) and ``/boom`` (an unexpected exception).
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path

CONFLICT_MESSAGE = "This item is out of stock."
SECRET = "browser-test-secret"  # in the unexpected exception: must never reach the page


def flask_app(origin: str, credentials: bool) -> Any:
    """The Flask API: ``CORS`` for ``origin``, then ``Errors``, as the README has it."""
    from flask import Flask
    from flask_cors import CORS

    from error_core import Conflict
    from flask_errors import Errors

    app = Flask(__name__)
    CORS(app, origins=[origin], supports_credentials=credentials)
    Errors(app)

    @app.get("/ok")
    def ok() -> dict[str, Any]:
        return {"ok": True}

    @app.get("/conflict")
    def conflict() -> dict[str, Any]:
        raise Conflict(CONFLICT_MESSAGE)

    @app.get("/boom")
    def boom() -> dict[str, Any]:
        raise RuntimeError(SECRET)

    return app


def django_app(origin: str, credentials: bool) -> Any:
    """The Django project: error-core first, then the usual middleware with django-cors-headers."""
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    settings.configure(
        DEBUG=False,
        SECRET_KEY="browser-test-only",
        ALLOWED_HOSTS=["127.0.0.1"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "corsheaders",
            "django_errors",
        ],
        MIDDLEWARE=[
            "django_errors.middleware.ErrorMiddleware",
            "django.middleware.security.SecurityMiddleware",
            "corsheaders.middleware.CorsMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        CORS_ALLOWED_ORIGINS=[origin],
        CORS_ALLOW_CREDENTIALS=credentials,
        DATABASES={},
        USE_TZ=True,
        # As a deployment would: error_core's lines (and the 500's traceback) to
        # stderr. Django's default LOGGING alone writes nothing for a 500.
        LOGGING={
            "version": 1,
            "disable_existing_loggers": False,
            "handlers": {"stderr": {"class": "logging.StreamHandler"}},
            "loggers": {"error_core": {"handlers": ["stderr"], "level": "INFO"}},
        },
    )
    return get_wsgi_application()


def _ok_view() -> Any:
    """A class-based view with ``get`` only: any other method is Django's 405."""
    from django.http import JsonResponse
    from django.views import View
    from django.views.decorators.csrf import csrf_exempt

    class Ok(View):
        def get(self, request: Any) -> JsonResponse:
            return JsonResponse({"ok": True})

    # A token-authenticated API has no CSRF cookie: the POST must reach the view.
    return csrf_exempt(Ok.as_view())


def _conflict(request: Any) -> Any:
    from error_core import Conflict

    raise Conflict(CONFLICT_MESSAGE)


def _boom(request: Any) -> Any:
    raise RuntimeError(SECRET)


urlpatterns: list[URLPattern] = [
    path("ok", _ok_view()),
    path("conflict", _conflict),
    path("boom", _boom),
]
