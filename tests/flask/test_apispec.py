"""flask_errors.apispec.ErrorsPlugin with real apispec documents and real Flask responses."""

from __future__ import annotations

import uuid
from typing import Any, Callable

import pytest

from error_core import CODES, openapi, register_code
from tests.apps.flask_app import create_app
from tests.openapi_checks import check_response, validate_document
from tests.readme import code_blocks

pytest.importorskip("apispec")

from apispec import APISpec

from flask_errors.apispec import ErrorsPlugin

VERSIONS = ["3.0.3", "3.1.0"]
OK = {"200": {"description": "OK."}}

# What the example app answers with an error, one request per kind of failure.
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
    ("GET", "/no/such/route"),
]


@pytest.fixture
def unique_code() -> Callable[[], str]:
    """Fresh application code names: the registry is process-wide."""
    return lambda: f"test_{uuid.uuid4().hex}"


def make_spec(version: str, **options: Any) -> APISpec:
    return APISpec("Widgets", "1.0.0", version, plugins=[ErrorsPlugin(**options)])


@pytest.mark.parametrize("version", VERSIONS)
def test_the_document_has_the_envelope_and_exactly_the_registered_codes(version: str) -> None:
    document = make_spec(version).to_dict()
    assert list(document["components"]["schemas"]) == ["ErrorEnvelope"]
    assert set(document["components"]["responses"]) == set(CODES)
    assert document["components"] == openapi.components(version)
    validate_document(document)


@pytest.mark.parametrize("version", VERSIONS)
def test_real_flask_error_responses_match_the_document(version: str) -> None:
    client = create_app().test_client()
    responses = [client.open(path, method=method) for method, path in REQUESTS]
    document = make_spec(version).to_dict()  # after the requests: they register nothing
    seen = {check_response(document, r.status_code, r.headers.get, r.get_data()) for r in responses}
    assert {"not_found", "method_not_allowed", "rate_limited", "internal"} <= seen
    assert len(seen) >= 12


@pytest.mark.parametrize("version", VERSIONS)
def test_errors_and_default_errors_are_added_to_operations(version: str) -> None:
    spec = make_spec(version, default_errors=["invalid_request", "internal"])
    spec.path(
        path="/widgets/{wid}",
        parameters=[{"name": "wid", "in": "path", "schema": {"type": "string"}}],
        operations={"get": {"responses": OK}},
        errors=["not_found"],
    )
    spec.path(path="/widgets", operations={"post": {"responses": OK}, "x-internal": {"get": {}}})
    document = spec.to_dict()
    get = document["paths"]["/widgets/{wid}"]["get"]["responses"]
    assert get == {
        "200": {"description": "OK."},
        "400": {"$ref": "#/components/responses/invalid_request"},
        "404": {"$ref": "#/components/responses/not_found"},
        "500": {"$ref": "#/components/responses/internal"},
    }
    assert list(document["paths"]["/widgets"]["post"]["responses"]) == ["200", "400", "500"]
    assert document["paths"]["/widgets"]["x-internal"] == {"get": {}}
    validate_document(document)


def test_a_status_the_operation_documents_is_kept() -> None:
    mine = {"description": "No such widget, or not yours."}
    spec = make_spec("3.1.0", default_errors=["not_found"])
    spec.path(path="/a", operations={"get": {"responses": {404: mine}}})
    spec.path(path="/b", operations={"get": {}})
    document = spec.to_dict()
    assert document["paths"]["/a"]["get"]["responses"] == {"404": mine}
    assert document["paths"]["/b"]["get"]["responses"] == {
        "404": {"$ref": "#/components/responses/not_found"}
    }


def test_without_errors_operations_are_untouched() -> None:
    spec = make_spec("3.1.0")
    spec.path(path="/a", operations={"get": {"responses": OK}})
    spec.path(path="/b", operations={})
    assert spec.to_dict()["paths"] == {"/a": {"get": {"responses": OK}}, "/b": {}}


@pytest.mark.parametrize("version", VERSIONS)
def test_codes_sharing_a_status_share_one_inline_response(
    version: str, unique_code: Callable[[], str]
) -> None:
    code = register_code(unique_code(), 403, "Quota exceeded.").code
    spec = make_spec(version)
    spec.path(path="/a", operations={"get": {"responses": OK}}, errors=["permission_denied", code])
    document = spec.to_dict()
    response = document["paths"]["/a"]["get"]["responses"]["403"]
    assert response == openapi.response_object("permission_denied", code, openapi_version=version)
    validate_document(document)


def test_a_code_registered_after_the_spec_gets_its_component(
    unique_code: Callable[[], str],
) -> None:
    spec = make_spec("3.1.0")
    code = register_code(unique_code(), 402, "Pay first.").code
    spec.path(path="/pay", operations={"post": {"responses": OK}}, errors=[code])
    document = spec.to_dict()
    assert document["components"]["responses"][code] == openapi.response_object(code)
    assert document["paths"]["/pay"]["post"]["responses"]["402"] == {
        "$ref": f"#/components/responses/{code}"
    }
    assert set(document["components"]["responses"]) == set(CODES)


def test_a_code_names_its_component_in_an_operations_responses() -> None:
    spec = make_spec("3.0.3")
    spec.path(path="/a", operations={"get": {"responses": {"404": "not_found"}}})
    assert spec.to_dict()["paths"]["/a"]["get"]["responses"] == {
        "404": {"$ref": "#/components/responses/not_found"}
    }


def test_a_renamed_request_id_header_is_documented() -> None:
    document = make_spec("3.1.0", request_id_header="X-Trace").to_dict()
    headers = document["components"]["responses"]["conflict"]["headers"]
    assert list(headers) == ["X-Trace", "Cache-Control"]


def test_an_unknown_code_is_refused() -> None:
    spec = make_spec("3.1.0")
    with pytest.raises(KeyError, match="Unknown error code 'no_such_code'"):
        spec.path(path="/a", operations={"get": {"responses": OK}}, errors=["no_such_code"])


def test_openapi_2_is_refused() -> None:
    with pytest.raises(ValueError, match=r"documents OpenAPI 3\.0 and 3\.1, not 2\.0"):
        make_spec("2.0")


def test_the_readme_example_runs() -> None:
    (example,) = code_blocks("### apispec (Flask)")
    namespace: dict[str, Any] = {}
    exec(example, namespace)
    document = namespace["document"]
    assert document["openapi"] == "3.1.0"
    assert list(document["paths"]["/widgets/{wid}"]["get"]["responses"]) == [
        "200",
        "400",
        "404",
        "500",
    ]
    assert set(document["components"]["responses"]) == set(CODES)
    validate_document(document)
