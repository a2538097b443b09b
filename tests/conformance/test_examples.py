"""The example apps document every route they serve, the same way on both frameworks.

Each publishes its OpenAPI document at ``/openapi.json`` through error-core's
integration (``flask_errors.apispec``, ``django_errors.spectacular``): every
route with a success response and its error responses, ``Request-Id``
required on all of them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from typing import Any

from tests.readme import ROOT

SELF = "/openapi.json"
DJANGO_DOCUMENT = """
import json
import django
django.setup()
from django.test import Client
from django.urls import get_resolver
print(json.dumps({
    "document": json.loads(Client(HTTP_HOST="localhost").get("/openapi.json").content),
    "routes": [str(p.pattern) for p in get_resolver().url_patterns],
}))
"""


@cache
def flask_document() -> tuple[dict[str, Any], set[str]]:
    from examples.flask_widgets import app

    document = app.test_client().get(SELF).get_json()
    routes = {re.sub(r"<[^:>]+:(\w+)>", r"{\1}", rule.rule) for rule in app.url_map.iter_rules()}
    return document, routes - {SELF}


@cache
def django_document() -> tuple[dict[str, Any], set[str]]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "examples.django_widgets.settings"}
    result = subprocess.run(
        [sys.executable, "-c", DJANGO_DOCUMENT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        timeout=60,
        check=True,
    )
    found = json.loads(result.stdout.splitlines()[-1])
    routes = {"/" + re.sub(r"<\w+:(\w+)>", r"{\1}", route) for route in found["routes"]}
    return found["document"], routes - {SELF}


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (path, method): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    }


def resolve(document: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    ref = response.get("$ref")
    if ref is None:
        return response
    found: dict[str, Any] = document["components"]["responses"][ref.rsplit("/", 1)[1]]
    return found


def check(document: dict[str, Any], routes: set[str]) -> None:
    assert set(document["paths"]) == routes
    for (path, method), operation in operations(document).items():
        responses = {s: resolve(document, r) for s, r in operation["responses"].items()}
        assert "500" in responses, (path, method)
        for status, response in responses.items():
            header = response.get("headers", {}).get("Request-Id")
            assert header and header["required"] is True, (path, method, status)
        errors = [s for s in responses if s[0] in "45"]
        assert errors, (path, method)
        if path != "/boom":
            assert any(s.startswith("2") for s in responses), (path, method)


def test_the_flask_example_documents_every_route() -> None:
    check(*flask_document())


def test_the_django_example_documents_every_route() -> None:
    check(*django_document())


def test_both_examples_document_the_same_operations_and_statuses() -> None:
    flask, _ = flask_document()
    django, _ = django_document()
    flask_statuses = {k: sorted(v["responses"]) for k, v in operations(flask).items()}
    django_statuses = {k: sorted(v["responses"]) for k, v in operations(django).items()}
    assert flask_statuses == django_statuses
