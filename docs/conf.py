"""Sphinx configuration (a placeholder; the documentation site replaces it)."""

from __future__ import annotations

project = "error-core"
author = "The error-core developers"
extensions = ["myst_parser"]
html_theme = "furo"
exclude_patterns = ["_build"]
