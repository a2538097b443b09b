"""DRF with drf-standardized-errors' handler (see the contender's settings)."""

from __future__ import annotations

from .drf_views import urlpatterns

__all__ = ["urlpatterns"]
