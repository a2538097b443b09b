"""The ``ERRORS_*`` settings, read lazily from ``django.conf.settings``."""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from error_core._log import error_logger
from error_core._settings import Settings, SettingsError

_cached: Settings | None = None
# What requests go on with when a setting is made invalid at run time.
_last_valid: Settings | None = None


def _get(name: str, default: Any) -> Any:
    return getattr(django_settings, name, default)


def validated_settings() -> Settings:
    """The settings as they are now; :class:`ImproperlyConfigured` naming each invalid one.

    What the middleware reads when it starts: a project never starts with a
    bad setting (the system checks report it too).
    """
    global _last_valid
    try:
        loaded = Settings.load(_get)
    except SettingsError as exc:
        raise ImproperlyConfigured(_describe(exc)) from exc
    _last_valid = loaded
    return loaded


def get_settings() -> Settings:
    """The settings a request uses; re-read after ``override_settings`` changes one.

    A setting made invalid at run time cannot stop requests from getting the
    envelope: they go on with the last valid settings (the defaults if none
    was ever valid), and the problem is logged at ERROR once per change.
    """
    global _cached
    if _cached is None:
        try:
            _cached = validated_settings()
        except ImproperlyConfigured as exc:
            _cached = _last_valid or Settings()
            error_logger().error(
                "Invalid ERRORS_* setting ignored, the last valid settings stay: %s", exc
            )
    return _cached


def _describe(exc: SettingsError) -> str:
    return " ".join(f"{check_id(p.number)}: {p.message}" for p in exc.problems)


def check_id(number: int, *, kind: str = "E") -> str:
    """The stable system-check id for a setting's number: ``django_errors.E001``."""
    return f"django_errors.{kind}{number:03d}"


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: Any) -> None:
    global _cached
    if setting.startswith("ERRORS_"):
        _cached = None
