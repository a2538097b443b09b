"""``python -m error_core``: see :mod:`error_core.cli`."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
