"""django_errors.spectacular with real drf-spectacular documents and real Django responses."""

from __future__ import annotations

import copy
import uuid
from typing import TYPE_CHECKING, Any, Callable

import pytest
from django.test import Client
from django.urls import URLPattern, path

from error_core import CODES, openapi, register_code
from tests.openapi_checks import check_response, validate_document
from tests.readme import code_blocks

pytest.importorskip("drf_spectacular")

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from django_errors.spectacular import error_responses, postprocess_errors

if TYPE_CHECKING:
    from pytest_django.fixtures import SettingsWrapper

VERSIONS = ["3.0.3", "3.1.0"]
HOOKS = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "django_errors.spectacular.postprocess_errors",
]

# What the example project answers with an error, one request per kind of failure.
REQUESTS = [
    *(
        ("GET", f"/errors/{name}")
        for name in (
            "invalid",
            "authentication",
            "permission",
            "not-found",
            "conflict",
            "rate-limited",
            "rate-limited-custom",
            "internal",
            "quotes",
            "unicode",
            "card-declined",
            "ad-hoc-code",
            "unexpected",
        )
    ),
    *(("GET", f"/framework/{status}") for status in (400, 403, 404, 406, 410, 415, 500, 503)),
    ("DELETE", "/items"),
    ("POST", "/items"),
    ("POST", "/csrf"),
    ("GET", "/no/such/route"),
]


@pytest.fixture
def spectacular_schemas(settings: SettingsWrapper) -> None:
    """DRF views described by drf-spectacular's AutoSchema."""
    settings.REST_FRAMEWORK = {
        **getattr(settings, "REST_FRAMEWORK", {}),
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    }


@pytest.fixture
def unique_code() -> Callable[[], str]:
    """Fresh application code names: the registry is process-wide."""
    return lambda: f"test_{uuid.uuid4().hex}"


@pytest.fixture
def widgets(spectacular_schemas: None) -> type[APIView]:
    """A view documented with error_responses (extend_schema reads the schema class now)."""

    class Widgets(APIView):
        @extend_schema(responses={200: OpenApiTypes.OBJECT, **error_responses("invalid_request")})
        def post(self, request: Request) -> Response:
            return Response({})

        @extend_schema(
            responses={
                200: OpenApiTypes.OBJECT,
                400: OpenApiResponse(description="Our own description of a 400."),
                404: OpenApiResponse(response={"allOf": [{"$ref": openapi.SCHEMA_REF}, {}]}),
            }
        )
        def get(self, request: Request) -> Response:
            return Response({})

    return Widgets


def generate(patterns: list[URLPattern], version: str, hooks: list[str] = HOOKS) -> Any:
    custom = {"OAS_VERSION": version, "POSTPROCESSING_HOOKS": hooks}
    with patched_settings(custom):
        return SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)


@pytest.mark.parametrize("version", VERSIONS)
def test_the_document_has_the_envelope_and_exactly_the_registered_codes(
    version: str, widgets: type[APIView]
) -> None:
    document = generate([path("widgets", widgets.as_view())], version)
    assert document["openapi"] == version
    assert document["components"]["schemas"]["ErrorEnvelope"] == openapi.envelope_schema(version)
    assert set(document["components"]["responses"]) == set(CODES)
    assert document["components"]["responses"] == openapi.components(version)["responses"]
    validate_document(document)


@pytest.mark.parametrize("version", VERSIONS)
def test_error_responses_become_references_to_the_components(
    version: str, widgets: type[APIView]
) -> None:
    document = generate([path("widgets", widgets.as_view())], version)
    post = document["paths"]["/widgets"]["post"]["responses"]
    assert post["400"] == {"$ref": "#/components/responses/invalid_request"}
    get = document["paths"]["/widgets"]["get"]["responses"]
    assert get["400"]["description"] == "Our own description of a 400."
    assert "$ref" not in get["404"]


@pytest.mark.parametrize("version", VERSIONS)
def test_codes_sharing_a_status_share_one_inline_response(
    version: str, unique_code: Callable[[], str], spectacular_schemas: None
) -> None:
    code = register_code(unique_code(), 403, "Quota exceeded.").code

    class Quota(APIView):
        @extend_schema(responses=error_responses("permission_denied", code, "not_found"))
        def get(self, request: Request) -> Response:
            return Response({})

    document = generate([path("quota", Quota.as_view())], version)
    responses = document["paths"]["/quota"]["get"]["responses"]
    assert responses["403"] == openapi.response_object(
        "permission_denied", code, openapi_version=version
    )
    assert responses["404"] == {"$ref": "#/components/responses/not_found"}
    validate_document(document)


def test_error_responses_without_the_hook_still_name_the_codes(widgets: type[APIView]) -> None:
    responses = error_responses("not_found", "conflict")
    assert list(responses) == [404, 409]
    assert responses[404].description == "`not_found`: The requested resource does not exist."
    document = generate([path("widgets", widgets.as_view())], "3.0.3", hooks=[])
    assert "responses" not in document.get("components", {})
    schema = document["paths"]["/widgets"]["post"]["responses"]["400"]["content"]
    assert schema["application/json"]["schema"]["allOf"][1] == {
        "properties": {"code": {"type": "string", "enum": ["invalid_request"]}}
    }


def test_the_hook_reads_the_request_id_header_setting(settings: SettingsWrapper) -> None:
    settings.ERRORS_REQUEST_ID_HEADER = "X-Trace"
    document = postprocess_errors({"openapi": "3.1.0", "paths": {}}, generator=None)
    headers = document["components"]["responses"]["not_found"]["headers"]
    assert list(headers) == ["X-Trace", "Cache-Control"]


def test_the_hook_leaves_other_paths_responses_and_components_alone() -> None:
    mine = {"Widget": {"type": "object"}}
    pinned = {"properties": {"code": {"type": "string", "enum": ["conflict"]}}}
    other = {"allOf": [{"$ref": "#/components/schemas/Widget"}, pinned]}
    paths = {
        "/a": {
            "parameters": [],
            "get": {"responses": {"200": {}, "409": {"content": {"a/b": {"schema": other}}}}},
            "post": {"description": "no responses"},
        }
    }
    result = postprocess_errors(
        {"openapi": "3.0.3", "paths": copy.deepcopy(paths), "components": {"schemas": dict(mine)}}
    )
    assert result["paths"] == paths
    assert result["components"]["schemas"] == {
        **mine,
        "ErrorEnvelope": openapi.envelope_schema("3.0"),
    }


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(KeyError, match="Unknown error code 'no_such_code'"):
        error_responses("no_such_code")


@pytest.mark.parametrize("version", VERSIONS)
def test_real_django_error_responses_match_the_document(version: str) -> None:
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    responses = [client.generic(method, url) for method, url in REQUESTS]
    document = generate([], version)  # after the requests: they register nothing
    seen = {check_response(document, r.status_code, r.headers.get, r.content) for r in responses}
    assert {"not_found", "method_not_allowed", "permission_denied", "internal"} <= seen
    assert len(seen) >= 12


def test_the_readme_example_runs(settings: SettingsWrapper) -> None:
    settings_example, view_example = code_blocks("### drf-spectacular (Django)")
    namespace: dict[str, Any] = {"__name__": __name__}
    exec(settings_example, namespace)
    settings.REST_FRAMEWORK = namespace["REST_FRAMEWORK"]
    exec(view_example, namespace)
    patterns = [path("widgets/<int:wid>", namespace["WidgetView"].as_view())]
    custom = namespace["SPECTACULAR_SETTINGS"]
    with patched_settings(custom):
        document = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    assert document["openapi"] == "3.1.0"
    assert document["paths"]["/widgets/{wid}"]["get"]["responses"]["404"] == {
        "$ref": "#/components/responses/not_found"
    }
    validate_document(document)
