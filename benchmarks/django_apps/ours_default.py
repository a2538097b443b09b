"""Ours, the one-line set-up: only the MIDDLEWARE line, no ``handler404``.

The same views as ``ours``; run with Django's default ``LOGGING`` (the
contender's ``default_logging``): what most projects that add error-core run.
"""

from __future__ import annotations

from .ours import urlpatterns

__all__ = ["urlpatterns"]
