"""error_core.openapi: the envelope's schema and the response objects, 3.0 and 3.1."""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest

from error_core import CODES, APIError, NotFound, RateLimited, openapi, register_code
from error_core._envelope import render, render_fallback
from tests.openapi_checks import check_response, validate_document, validator_for
from tests.readme import code_blocks

VERSIONS = ["3.0.3", "3.1.0"]


def document(version: str, **kwargs: Any) -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": openapi.components(version, **kwargs),
    }


@pytest.mark.parametrize("version", ["3.0", "3.1"])
def test_the_envelope_schema_requires_exactly_the_three_string_fields(version: str) -> None:
    schema = openapi.envelope_schema(version)
    assert schema["type"] == "object"
    assert list(schema["properties"]) == ["code", "message", "request_id"]
    assert schema["required"] == ["code", "message", "request_id"]
    assert schema["additionalProperties"] is False
    assert {p["type"] for p in schema["properties"].values()} == {"string"}


def test_the_31_schema_is_json_schema_2020_12_and_the_30_one_draft_4() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(openapi.envelope_schema("3.1"))
    jsonschema.Draft4Validator.check_schema(openapi.envelope_schema("3.0"))


@pytest.mark.parametrize("version", VERSIONS)
def test_every_rendered_error_validates_against_the_exported_schema(version: str) -> None:
    cls = validator_for({"openapi": version})
    validator = cls(openapi.envelope_schema(version))
    bodies = [render(APIError(code=code), "req_01JDXR7M3K4P5Q6R7S8T9V0WXY").body for code in CODES]
    bodies.append(render_fallback("adopted.id:from-a-proxy_1").body)
    for body in bodies:
        validator.validate(json.loads(body))


@pytest.mark.parametrize(
    "body",
    [
        {"code": "not_found", "message": "m"},
        {"code": "not_found", "message": "m", "request_id": "req_1", "detail": "x"},
        {"code": "not found", "message": "m", "request_id": "req_1"},
        {"code": "not_found", "message": 1, "request_id": "req_1"},
        {"code": "not_found", "message": "m", "request_id": "a b"},
        {"code": "not_found", "message": "m", "request_id": "x" * 129},
    ],
)
@pytest.mark.parametrize("version", VERSIONS)
def test_bodies_that_are_not_the_envelope_do_not_validate(
    version: str, body: dict[str, Any]
) -> None:
    cls = validator_for({"openapi": version})
    assert not cls(openapi.envelope_schema(version)).is_valid(body)


@pytest.mark.parametrize("version", VERSIONS)
def test_components_hold_one_response_per_registered_code(
    version: str, unique_code: Callable[[], str]
) -> None:
    code = register_code(unique_code(), 402, "Pay first.").code
    found = openapi.components(version)
    assert list(found["schemas"]) == ["ErrorEnvelope"]
    assert set(found["responses"]) == set(CODES)
    statuses = [CODES[name].status for name in found["responses"]]
    assert statuses == sorted(statuses)
    assert found["responses"][code]["description"] == f"`{code}`: Pay first."


@pytest.mark.parametrize("version", VERSIONS)
def test_the_generated_documents_are_valid_openapi(version: str) -> None:
    validate_document(document(version))


def test_31_pins_the_code_with_const_and_30_with_a_one_value_enum() -> None:
    def pinned(version: str) -> Any:
        response = openapi.response_object("not_found", openapi_version=version)
        return response["content"]["application/json"]["schema"]["allOf"][1]

    assert pinned("3.1.0") == {"properties": {"code": {"type": "string", "const": "not_found"}}}
    assert pinned("3.0.3") == {"properties": {"code": {"type": "string", "enum": ["not_found"]}}}


def test_a_response_object_documents_headers_and_an_example() -> None:
    response = openapi.response_object("rate_limited", request_id_header="X-Trace")
    assert list(response["headers"]) == ["X-Trace", "Cache-Control", "Retry-After"]
    assert response["headers"]["X-Trace"]["required"] is True
    assert response["headers"]["Retry-After"]["required"] is False
    assert response["headers"]["Cache-Control"]["schema"]["const"] == "no-store"
    media = response["content"]["application/json"]
    assert media["example"] == {
        "code": "rate_limited",
        "message": RateLimited.message,
        "request_id": openapi.EXAMPLE_REQUEST_ID,
    }
    assert media["schema"]["allOf"][0] == {"$ref": "#/components/schemas/ErrorEnvelope"}
    assert "Allow" in openapi.response_object("method_not_allowed")["headers"]


@pytest.mark.parametrize("version", VERSIONS)
def test_codes_sharing_a_status_share_one_response(
    version: str, unique_code: Callable[[], str]
) -> None:
    code = register_code(unique_code(), 404, "Gone fishing.").code
    response = openapi.response_object("not_found", code, "not_found", openapi_version=version)
    pinned = response["content"]["application/json"]["schema"]["allOf"][1]
    assert pinned["properties"]["code"]["enum"] == ["not_found", code]
    assert response["description"] == (f"`not_found`: {NotFound.message} / `{code}`: Gone fishing.")


def test_a_response_object_refuses_codes_of_different_statuses_and_unknown_codes() -> None:
    with pytest.raises(ValueError, match=r"not \[404, 409\]"):
        openapi.response_object("not_found", "conflict")
    with pytest.raises(KeyError, match="Unknown error code 'no_such_code'"):
        openapi.response_object("no_such_code")


@pytest.mark.parametrize("version", ["2.0", "3", "3.x", "4.0.0", ""])
def test_only_openapi_3_versions_are_accepted(version: str) -> None:
    with pytest.raises(ValueError, match=r"OpenAPI version must be 3\.0 or 3\.1"):
        openapi.envelope_schema(version)
    with pytest.raises(ValueError, match=r"OpenAPI version must be 3\.0 or 3\.1"):
        openapi.operation_responses(["not_found"], version)


def test_later_31_style_versions_use_const() -> None:
    schema = openapi.response_object("conflict", openapi_version="3.2.0")["headers"]
    assert schema["Cache-Control"]["schema"] == {"type": "string", "const": "no-store"}


def test_operation_responses_refer_to_components_or_share_one_per_status(
    unique_code: Callable[[], str],
) -> None:
    code = register_code(unique_code(), 409, "Already there.").code
    responses = openapi.operation_responses(["not_found", "internal", "conflict", code], "3.0")
    assert list(responses) == ["404", "409", "500"]
    assert responses["404"] == {"$ref": "#/components/responses/not_found"}
    assert responses["500"] == {"$ref": "#/components/responses/internal"}
    assert responses["409"] == openapi.response_object("conflict", code, openapi_version="3.0")


@pytest.mark.parametrize("version", VERSIONS)
def test_rendered_errors_match_their_code_in_the_document(version: str) -> None:
    doc = document(version)
    for error in (NotFound("Widget 1 does not exist."), RateLimited(retry_after=3)):
        status, headers, body, _ = render(error, "req_01JDXR7M3K4P5Q6R7S8T9V0WXY")
        found = dict(headers)
        assert check_response(doc, status, found.get, body) == error.code


def test_the_readme_example_for_other_generators_runs() -> None:
    (example,) = code_blocks("### Any other generator")
    namespace: dict[str, Any] = {}
    exec(example, namespace)
    assert namespace["schema"] == openapi.envelope_schema("3.1")
    assert set(namespace["parts"]["responses"]) == set(CODES)
    assert list(namespace["responses"]) == ["404", "409"]


def test_returned_objects_are_fresh_copies() -> None:
    first = openapi.response_object("rate_limited")
    first["headers"]["Retry-After"]["schema"]["format"] = "changed"
    first["headers"]["Request-Id"]["schema"]["pattern"] = "changed"
    openapi.envelope_schema()["properties"]["request_id"]["pattern"] = "changed"
    assert openapi.response_object("rate_limited") != first
    assert openapi.envelope_schema()["properties"]["request_id"]["pattern"] != "changed"
