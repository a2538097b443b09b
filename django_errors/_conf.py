"""The ``ERRORS_*`` settings, read lazily from ``django.conf.settings``."""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from error_core._settings import Settings, SettingsError

_cached: Settings | None = None


def _get(name: str, default: Any) -> Any:
    return getattr(django_settings, name, default)


def get_settings() -> Settings:
    """The validated settings; re-read after ``override_settings`` changes one.

    Raises :class:`ImproperlyConfigured` naming each invalid setting.
    """
    global _cached
    if _cached is None:
        try:
            _cached = Settings.load(_get)
        except SettingsError as exc:
            raise ImproperlyConfigured(
                " ".join(f"{check_id(p.number)}: {p.message}" for p in exc.problems)
            ) from exc
    return _cached


def check_id(number: int, *, kind: str = "E") -> str:
    """The stable system-check id for a setting's number: ``django_errors.E001``."""
    return f"django_errors.{kind}{number:03d}"


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: Any) -> None:
    global _cached
    if setting.startswith("ERRORS_"):
        _cached = None
