"""Flask extension for error-core: ``Errors(app)`` or ``Errors().init_app(app)``."""

from __future__ import annotations

from ._extension import Errors

__all__ = ["Errors"]
