"""Fixtures shared by the core tests."""

from __future__ import annotations

import uuid
from typing import Callable

import pytest


@pytest.fixture
def unique_code() -> Callable[[], str]:
    """A factory of fresh application code names.

    The code registry is process-global and tests run in random order, so a
    test that registers a code must never reuse a name another test chose.
    """
    return lambda: f"test_{uuid.uuid4().hex}"
