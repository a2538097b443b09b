"""DRF with our middleware and our DRF exception handler (see the contender's settings)."""

from __future__ import annotations

from .drf_views import urlpatterns

__all__ = ["urlpatterns"]
