"""The test URLs with the optional ``handler404`` of ``django_errors.views``."""

from __future__ import annotations

from .urls import urlpatterns

handler404 = "django_errors.views.not_found"

__all__ = ["handler404", "urlpatterns"]
