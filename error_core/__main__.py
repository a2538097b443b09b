"""``python -m error_core``: see :mod:`error_core._cli`."""

from __future__ import annotations

from ._cli import main

raise SystemExit(main())
