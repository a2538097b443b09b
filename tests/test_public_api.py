"""The public API is what docs/api.md documents: no name or module more, none less."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
API_PAGE = ROOT / "docs" / "api.md"
PACKAGES = ("error_core", "flask_errors", "django_errors")
# Django finds an application's configuration in ``apps.py`` by convention.
CONVENTIONAL = {"django_errors.apps"}
DIRECTIVE = re.compile(r"^\.\. auto(?:class|function|data|exception):: ([\w.]+)$", re.MULTILINE)
MODULE_HEADING = re.compile(r"^## `([\w.]+)`$", re.MULTILINE)


def documented() -> dict[str, set[str]]:
    """``{module: names}`` from the page's headings and autodoc directives."""
    text = API_PAGE.read_text(encoding="utf-8")
    modules: dict[str, set[str]] = {m: set() for m in MODULE_HEADING.findall(text)}
    for target in DIRECTIVE.findall(text):
        module, _, name = target.rpartition(".")
        assert module in modules, f"{target} is documented under no module heading"
        modules[module].add(name)
    return modules


def defined_names(module_name: str) -> set[str]:
    """``__all__`` where the module has one, else the public names its own code binds."""
    module = importlib.import_module(module_name)
    exported = getattr(module, "__all__", None)
    if exported is not None:
        return set(exported)
    source = Path(str(module.__file__)).read_text(encoding="utf-8")
    names: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")}


def public_modules() -> set[str]:
    """Every module of the three packages whose path has no part starting with ``_``."""
    found = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if not any(part.startswith("_") for part in parts):
                found.add(".".join(parts))
    return found


@pytest.mark.parametrize("module_name", sorted(documented()))
def test_the_public_names_are_the_documented_ones(module_name: str) -> None:
    assert defined_names(module_name) == documented()[module_name]


def test_every_public_module_is_documented() -> None:
    undocumented = public_modules() - set(documented()) - CONVENTIONAL - set(PACKAGES)
    assert not undocumented, f"public modules missing from docs/api.md: {sorted(undocumented)}"


def test_every_documented_module_exists() -> None:
    assert set(documented()) <= public_modules()


def test_the_reading_of_the_page_finds_the_core_names() -> None:
    # The parser itself: a directive it could not read would make the tests above vacuous.
    assert {"APIError", "current_request_id", "CODES"} <= documented()["error_core"]
    assert documented()["flask_errors"] == {"Errors"}
