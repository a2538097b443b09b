"""The Django contenders: one URLconf module per contender, the same six endpoints.

Every contender runs on the same project settings (``base_settings``): the
middleware a ``startproject`` API keeps for GET requests, ``DEBUG`` off, no
database; a contender adds its own middleware in front and its own apps.
"""

from __future__ import annotations

from typing import Any

BASE_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
BASE_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]


def base_settings(urlconf: str, extra: dict[str, Any]) -> dict[str, Any]:
    """The settings of one contender's project."""
    settings: dict[str, Any] = {
        "DEBUG": False,
        "SECRET_KEY": "benchmark-only-not-secret",
        "ALLOWED_HOSTS": ["localhost"],
        "ROOT_URLCONF": urlconf,
        "DATABASES": {},
        "TEMPLATES": [],
        "USE_TZ": True,
        "USE_I18N": False,
        "DEFAULT_AUTO_FIELD": "django.db.models.AutoField",
    }
    settings.update({k: v for k, v in extra.items() if k not in ("INSTALLED_APPS", "MIDDLEWARE")})
    settings["INSTALLED_APPS"] = [*BASE_APPS, *extra.get("INSTALLED_APPS", [])]
    # A contender's middleware goes first, as each one's docs ask.
    settings["MIDDLEWARE"] = [*extra.get("MIDDLEWARE", []), *BASE_MIDDLEWARE]
    return settings
