"""The declared support (setup.cfg) and the tested matrix (tox.ini) agree."""

from __future__ import annotations

import configparser
import itertools
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
# Extras that are tooling, not a supported integration: no lower bound to prove.
TOOLING_EXTRAS = {"testing", "test", "docs"}

pytestmark = pytest.mark.skipif(
    not (ROOT / "tox.ini").is_file() or not (ROOT / "setup.cfg").is_file(),
    reason="runs from a source tree (tox.ini and setup.cfg)",
)


def _read(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / name, encoding="utf-8")
    return parser


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def expand(spec: str) -> list[str]:
    """tox's brace expansion of one env_list entry: ``py3{12,13}-django{52,60}``."""
    parts = re.split(r"(\{[^}]*\})", spec)
    choices = [p[1:-1].split(",") if p.startswith("{") else [p] for p in parts]
    return ["".join(c.strip() for c in combo) for combo in itertools.product(*choices)]


def _version(digits: str) -> tuple[int, int]:
    return int(digits[0]), int(digits[1:])


def tox_envs() -> list[str]:
    entries = _lines(_read("tox.ini")["tox"]["env_list"])
    return [env for entry in entries for env in expand(entry)]


def tox_factors(prefix: str) -> set[tuple[int, int]]:
    """The versions named by factors such as ``py312`` or ``django52`` in env_list."""
    pattern = re.compile(rf"^{prefix}(\d)(\d+)$")
    found = set()
    for env in tox_envs():
        for factor in env.split("-"):
            if match := pattern.match(factor):
                found.add(_version(match.group(1) + match.group(2)))
    return found


def classifiers(prefix: str) -> set[tuple[int, int]]:
    """The X.Y versions of the classifiers ``<prefix> :: X.Y``."""
    pattern = re.compile(rf"^{re.escape(prefix)} :: (\d+)\.(\d+)$")
    found = set()
    for line in _lines(_read("setup.cfg")["metadata"]["classifiers"]):
        if match := pattern.match(line):
            found.add((int(match.group(1)), int(match.group(2))))
    return found


def python_requires_floor() -> tuple[int, int]:
    spec = SpecifierSet(_read("setup.cfg")["options"]["python_requires"])
    (floor,) = [s.version for s in spec if s.operator == ">="]
    major, minor = floor.split(".")[:2]
    return int(major), int(minor)


def extras_floors() -> dict[str, Version]:
    """Every ``>=`` lower bound in the integration extras, by canonical name."""
    floors: dict[str, Version] = {}
    extras = _read("setup.cfg")["options.extras_require"]
    for extra, value in extras.items():
        if extra in TOOLING_EXTRAS:
            continue
        for line in _lines(value):
            requirement = Requirement(line)
            for spec in requirement.specifier:
                if spec.operator == ">=":
                    name, floor = _canonical(requirement.name), Version(spec.version)
                    assert floors.setdefault(name, floor) == floor, f"two lower bounds for {name}"
    return floors


def lowest_pins() -> dict[str, Version]:
    """The ``name==version`` constraints of tox's ``lowest`` env."""
    constraints = _read("tox.ini")["testenv:lowest"]["constraints"].strip()
    pins = {}
    for line in _lines((ROOT / constraints).read_text(encoding="utf-8")):
        name, _, version = line.partition("==")
        pins[_canonical(name)] = Version(version)
    return pins


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().strip()


def test_expand_follows_tox_brace_syntax() -> None:
    assert expand("py3{12,13}-django{52,60}") == [
        "py312-django52",
        "py312-django60",
        "py313-django52",
        "py313-django60",
    ]
    assert expand("lowest") == ["lowest"]


def test_python_classifiers_are_the_pythons_tox_tests() -> None:
    assert classifiers("Programming Language :: Python") == tox_factors("py")


def test_python_requires_floor_is_the_oldest_tested_python() -> None:
    assert python_requires_floor() == min(tox_factors("py"))


def test_lowest_env_runs_on_the_oldest_supported_python() -> None:
    floor = python_requires_floor()
    assert _read("tox.ini")["testenv:lowest"]["base_python"] == f"python{floor[0]}.{floor[1]}"


def test_django_classifiers_are_the_djangos_tox_tests() -> None:
    assert classifiers("Framework :: Django") == tox_factors("django")


def test_lowest_env_pins_every_extras_lower_bound() -> None:
    assert lowest_pins() == extras_floors()


def test_every_test_env_is_in_the_coverage_env_dependencies() -> None:
    depends = _lines(_read("tox.ini")["testenv:coverage"]["depends"].replace(",", "\n"))
    tested = [env for env in tox_envs() if env.startswith("py") or env in {"lowest", "core"}]
    missing = [env for env in tested if not any(re.fullmatch(_glob(d), env) for d in depends)]
    assert missing == []


def _glob(pattern: str) -> str:
    return ".*".join(re.escape(part) for part in pattern.split("*"))
