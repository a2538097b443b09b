"""A JSON body nested deeper than DRF's parser recurses is the client's mistake: 400."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from ..json_depth import too_deep_json
from .utils import assert_envelope

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

pytestmark = pytest.mark.usefixtures("logs")

# Unbalanced: invalid JSON anyway (a RecursionError up to 3.11, a ValueError after).
DEEP = [b"[" * 1000, b"[" * 1000 + b"]" * 24]


@pytest.mark.parametrize("body", [*DEEP, "balanced"])
def test_a_json_body_nested_too_deeply_is_invalid_request(
    client: Client, settings: Settings, body: bytes | str
) -> None:
    # JSONParser raised the parser's RecursionError: 500 internal.
    if body == "balanced":
        body = too_deep_json()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * len(body)
    response = client.post("/t/drf/preferences", body, content_type="application/json")
    assert_envelope(response, 400, "invalid_request")


def test_a_json_body_nested_too_deeply_is_invalid_request_under_drf_s_own_handler(
    client: Client, settings: Settings
) -> None:
    # DRF's handler lets it through; the middleware answers it.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "EXCEPTION_HANDLER": "rest_framework.views.exception_handler",
    }
    body = too_deep_json()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * len(body)
    response = client.post("/t/drf/preferences", body, content_type="application/json")
    assert_envelope(response, 400, "invalid_request")


def test_a_recursion_error_outside_drf_s_parser_is_still_internal(quiet_client: Client) -> None:
    response = quiet_client.post("/t/drf/own-parsing", b"[1]", content_type="application/json")
    assert_envelope(response, 500, "internal")


def test_a_recursion_error_without_drf_loaded_is_not_the_parsers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django_errors._json_nesting import too_deep_for_drf_parser

    monkeypatch.delitem(sys.modules, "rest_framework.parsers", raising=False)
    assert not too_deep_for_drf_parser(RecursionError())
