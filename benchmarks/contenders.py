"""Who competes: every contender, the answers it claims to give, and the targets.

A contender claims, per scenario, JSON or an HTML page (a framework's own
error page); the harness checks each answer against that claim before timing
it, so a fast wrong answer cannot win.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from typing import Any

from .scenarios import ERROR_SCENARIOS, SCENARIOS

ALL = frozenset(s.name for s in SCENARIOS)
# What a framework answers without help: JSON from the view, HTML on errors.
ONLY_OK = frozenset({"ok"})


@dataclass(frozen=True)
class Contender:
    """One way of producing the API's responses on one framework."""

    framework: str  # "flask" or "django"
    name: str  # command-line key
    label: str  # column in the tables
    module: str  # flask: module with create_app(); django: the ROOT_URLCONF
    json: frozenset[str]  # scenarios answered with JSON (the others: an HTML page)
    requires: tuple[str, ...] = ()  # modules that must exist; else "not available"
    ours: bool = False  # also check the exact envelope, the id header and no-store
    request_id: bool = False  # sends a fresh id in a Request-Id header
    settings: dict[str, Any] = field(default_factory=dict)  # django: on top of the base
    # Django's default LOGGING (no root handler) instead of the harness's written root handler.
    default_logging: bool = False

    @property
    def key(self) -> str:
        return f"{self.framework}:{self.name}"

    def missing(self) -> list[str]:
        """The required modules that cannot be imported here."""
        return [name for name in self.requires if not _importable(name)]


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # a missing parent package
        return False


_FLASK = "benchmarks.flask_apps."
_DJANGO = "benchmarks.django_apps."

# Every DRF contender runs the lean configuration DRF's docs show for a JSON
# API: JSON renderer and parser only, no session/basic authentication.
_DRF = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
}
OUR_MIDDLEWARE = "django_errors.middleware.ErrorMiddleware"
OUR_DRF_HANDLER = "django_errors.rest_framework.exception_handler"

CONTENDERS = (
    Contender("flask", "bare", "bare Flask", _FLASK + "bare", ONLY_OK, ("flask",)),
    Contender(
        "flask",
        "handwritten",
        "hand-written",
        _FLASK + "handwritten",
        ALL,
        ("flask",),
        request_id=True,
    ),
    Contender("flask", "apiflask", "APIFlask", _FLASK + "apiflask_app", ALL, ("apiflask",)),
    Contender(
        "flask",
        "ours",
        "ours",
        _FLASK + "ours",
        ALL,
        ("flask", "flask_errors"),
        ours=True,
        request_id=True,
    ),
    Contender("django", "bare", "bare Django", _DJANGO + "bare", ONLY_OK, ("django",)),
    Contender(
        "django",
        "handwritten",
        "hand-written",
        _DJANGO + "handwritten",
        ALL,
        ("django",),
        request_id=True,
        settings={"MIDDLEWARE": ["benchmarks.django_apps.handwritten.JsonErrorMiddleware"]},
    ),
    Contender(
        "django",
        "drf",
        "DRF default",
        _DJANGO + "drf_default",
        # Unknown URLs and unexpected exceptions are left to Django's pages.
        ALL - {"route_404", "unhandled_500"},
        ("rest_framework",),
        settings={"INSTALLED_APPS": ["rest_framework"], "REST_FRAMEWORK": _DRF},
    ),
    Contender(
        "django",
        "drf_standardized",
        "drf-standardized-errors",
        _DJANGO + "drf_standardized",
        ALL - {"route_404"},  # DRF never sees an unknown URL
        ("rest_framework", "drf_standardized_errors"),
        settings={
            "INSTALLED_APPS": ["rest_framework", "drf_standardized_errors"],
            "REST_FRAMEWORK": {
                **_DRF,
                "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
            },
        },
    ),
    Contender(
        "django",
        "ninja",
        "django-ninja",
        _DJANGO + "ninja_api",
        ALL - {"route_404", "unhandled_500"},  # ninja re-raises to Django when DEBUG is off
        ("ninja",),
        settings={"INSTALLED_APPS": ["ninja"]},
    ),
    Contender(
        "django",
        "ours",
        "ours",
        _DJANGO + "ours",
        ALL,
        ("django", "django_errors.middleware"),
        ours=True,
        request_id=True,
        settings={"INSTALLED_APPS": ["django_errors"], "MIDDLEWARE": [OUR_MIDDLEWARE]},
    ),
    Contender(
        "django",
        "ours_default",
        "ours, one line",
        _DJANGO + "ours_default",
        ALL,
        ("django", "django_errors.middleware"),
        ours=True,
        request_id=True,
        settings={"MIDDLEWARE": [OUR_MIDDLEWARE]},
        default_logging=True,
    ),
    Contender(
        "django",
        "ours_drf",
        "ours + DRF",
        _DJANGO + "ours_drf",
        ALL,
        ("rest_framework", "django_errors.middleware", "django_errors.rest_framework"),
        ours=True,
        request_id=True,
        settings={
            "INSTALLED_APPS": ["rest_framework", "django_errors"],
            "MIDDLEWARE": [OUR_MIDDLEWARE],
            "REST_FRAMEWORK": {**_DRF, "EXCEPTION_HANDLER": OUR_DRF_HANDLER},
        },
    ),
)
BY_KEY = {contender.key: contender for contender in CONTENDERS}
# The memory check: ours (against the target) and, for reference, the peers
# that answer every error scenario as a user would deploy them.
MEMORY = (
    *("flask:ours", "flask:handwritten", "flask:apiflask"),
    *("django:ours", "django:handwritten"),
    *("django:ours_drf", "django:drf", "django:drf_standardized"),
)
FRAMEWORKS = ("flask", "django")
BASELINE = {"flask": "bare", "django": "bare", "ids": "urandom"}


def for_framework(framework: str) -> list[Contender]:
    return [c for c in CONTENDERS if c.framework == framework]


@dataclass(frozen=True)
class Target:
    """``ours / min(peers) <= limit`` on one framework and scenario (median of rounds)."""

    framework: str
    scenario: str
    ours: str
    peers: tuple[str, ...]
    limit: float
    why: str


def targets() -> list[Target]:
    """The timing targets of issue 5, checked by the report (never by a test)."""
    found = [
        Target("flask", "ok", "ours", ("bare",), 1.03, "success path nearly free"),
        Target("django", "ok", "ours", ("bare",), 1.03, "success path nearly free"),
    ]
    for scenario in ERROR_SCENARIOS:
        found.append(Target("flask", scenario, "ours", ("apiflask", "handwritten"), 1.0, "fastest"))
        found.append(Target("django", scenario, "ours", ("handwritten", "ninja"), 1.0, "fastest"))
        found.append(
            Target("django", scenario, "ours_drf", ("drf_standardized",), 0.8, "under DRF")
        )
    return found
