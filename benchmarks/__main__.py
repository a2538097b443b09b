"""``python -m benchmarks``: run the whole comparison and print the tables."""

from __future__ import annotations

import sys

from .runner import main

sys.exit(main())
