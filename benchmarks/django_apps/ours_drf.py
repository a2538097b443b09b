"""DRF with our middleware and our DRF exception handler (see the contender's settings)."""

from __future__ import annotations

from .drf_views import urlpatterns

handler404 = "django_errors.views.not_found"  # optional (README)

__all__ = ["handler404", "urlpatterns"]
