"""Test folders that run only when asked for (tests/e2e, tests/fuzz)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest


def asked_for(here: Path, env_var: str, config: pytest.Config) -> bool:
    """Whether the run names ``here`` (the folder, a file or a test in it) or sets ``env_var=1``."""
    if os.environ.get(env_var) == "1":
        return True
    for arg in config.args:
        path = (config.invocation_params.dir / arg.split("::")[0]).resolve()
        if path == here or here in path.parents:
            return True
    return False


def only_when_asked(here: Path, env_var: str) -> Callable[[Path, pytest.Config], bool | None]:
    """A ``pytest_ignore_collect`` hook that skips ``here`` unless :func:`asked_for`."""

    def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
        if collection_path != here / "conftest.py" and not asked_for(here, env_var, config):
            return True
        return None

    return pytest_ignore_collect
