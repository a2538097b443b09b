"""DRF with its default exception handler."""

from __future__ import annotations

from .drf_views import urlpatterns

__all__ = ["urlpatterns"]
