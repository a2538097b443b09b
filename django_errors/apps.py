"""Optional app config: add ``django_errors`` to INSTALLED_APPS for system checks."""

from __future__ import annotations

from django.apps import AppConfig


class DjangoErrorsConfig(AppConfig):
    """Registers the system checks of :mod:`django_errors._checks`."""

    name = "django_errors"
    verbose_name = "error-core"

    def ready(self) -> None:
        from . import _checks  # noqa: F401 - registers the checks
