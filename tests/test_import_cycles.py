"""No module of the three packages imports, directly or not, a module that imports it.

Read from the source (``ast``), so that every import counts: those inside
functions and under ``TYPE_CHECKING`` too. A cycle that works today only
because of the order modules happen to be imported in breaks the next time
someone moves an import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("error_core", "flask_errors", "django_errors")

Graph = dict[str, set[str]]


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path, packages: tuple[str, ...]) -> Graph:
    """Each module of ``packages`` under ``root`` and the modules of ``packages`` it imports."""
    paths = {
        module_name(root, path): path
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
    }
    graph: Graph = {}
    for name, path in paths.items():
        # What a relative import is relative to: the package, or the module's package.
        base = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = base.split(".")[: len(base.split(".")) - node.level + 1]
                    target = ".".join([*parts, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                for alias in node.names:
                    # ``from pkg import sub`` imports the module pkg.sub, if there is one.
                    submodule = f"{target}.{alias.name}"
                    found.add(submodule if submodule in paths else target)
        graph[name] = {module for module in found if module in paths and module != name}
    return graph


def find_cycle(graph: Graph) -> list[str] | None:
    """One import cycle of ``graph`` (its first module repeated at the end), or ``None``."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for imported in sorted(graph[module]):
            cycle = visit(imported, [*path, module])
            if cycle is not None:
                return cycle
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module, [])
        if cycle is not None:
            return cycle
    return None


def test_no_module_of_the_three_packages_is_part_of_an_import_cycle() -> None:
    graph = import_graph(ROOT, PACKAGES)
    assert "error_core._errors" in graph
    assert "flask_errors._guard" in graph["flask_errors._extension"]
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("sources", "cycle"),
    [
        (
            {"a": "from . import _b\n", "_b": "from ._c import x\n", "_c": "import pkg\n"},
            ["pkg", "pkg.a", "pkg._b", "pkg._c", "pkg"],
        ),
        (
            {
                "a": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ._b import B\n",
                "_b": "def f():\n    from .a import g\n",
            },
            ["pkg._b", "pkg.a", "pkg._b"],
        ),
        ({"a": "from . import _b\n", "_b": "import json\nfrom pkg._c import y\n", "_c": ""}, None),
    ],
)
def test_the_check_finds_a_cycle_through_any_kind_of_import(
    tmp_path: Path, sources: dict[str, str], cycle: list[str] | None
) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    init = "from .a import A\n" if cycle and cycle[0] == "pkg" else ""
    (package / "__init__.py").write_text(init, encoding="utf-8")
    for name, source in sources.items():
        (package / f"{name}.py").write_text(source, encoding="utf-8")
    assert find_cycle(import_graph(tmp_path, ("pkg",))) == cycle
