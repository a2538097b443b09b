"""How django_errors is put together: receivers connected by Django, not by imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=["django_errors"])
django.setup()
from django.core.signals import got_request_exception
import django_errors.middleware, django_errors.rest_framework, django_errors.views
before = len(got_request_exception.receivers)
from django_errors.middleware import ErrorMiddleware
ErrorMiddleware(lambda request: None)
ErrorMiddleware(lambda request: None)
print(before, len(got_request_exception.receivers))
"""


def test_importing_the_adapter_connects_no_signal_receiver() -> None:
    # Connected when the middleware is built, once however many are built.
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "1"]


def test_rest_framework_helpers_come_from_private_modules_not_the_middleware() -> None:
    source = (ROOT / "django_errors" / "rest_framework.py").read_text()
    assert "from .middleware" not in source
    assert "django_errors.middleware" not in source


def test_every_module_of_the_adapter_is_under_about_200_lines() -> None:
    sizes = {
        path.name: len(path.read_text().splitlines())
        for path in (ROOT / "django_errors").glob("*.py")
    }
    assert {name: size for name, size in sizes.items() if size > 200} == {}
    assert sizes["middleware.py"] <= 80  # one screen
