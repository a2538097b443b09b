"""Django middleware for error-core: put ``ErrorMiddleware`` first in MIDDLEWARE."""

from __future__ import annotations
