"""Checks that an OpenAPI document and real error responses agree.

Uses jsonschema and openapi-spec-validator; a test using them is skipped
where they are not installed (the ``core`` tox env).
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

import pytest

from error_core import CODES


def validate_document(document: dict[str, Any]) -> None:
    """``document`` is a valid OpenAPI 3.0 or 3.1 document."""
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document)


def response_schema(document: dict[str, Any], code: str) -> dict[str, Any]:
    """A JSON Schema for the body of ``code``'s response component, refs resolvable."""
    response = document["components"]["responses"][code]
    schema = response["content"]["application/json"]["schema"]
    return {"components": document["components"], **schema}


def validator_for(document: dict[str, Any]) -> Any:
    """The jsonschema validator class of the document's schema dialect."""
    jsonschema = pytest.importorskip("jsonschema")
    if document["openapi"].startswith("3.0"):
        return jsonschema.Draft4Validator
    return jsonschema.Draft202012Validator


def check_response(
    document: dict[str, Any],
    status: int,
    header: Callable[[str], str | None],
    body: bytes,
) -> str:
    """A real error response matches the document's response for its code; return the code.

    The body validates against the code's schema (and no other code's), the
    documented required headers are present, and the status is the code's
    unless the code is the framework fallback for that status. An ad hoc
    code (not in the code table) is the instance's alone: not documented, and
    its body validates against the envelope schema.
    """
    envelope = json.loads(body)
    code = envelope["code"]
    cls = validator_for(document)
    if code not in CODES:
        assert code not in document["components"]["responses"], code
        cls(document["components"]["schemas"]["ErrorEnvelope"]).validate(envelope)
        return str(code)
    assert code in document["components"]["responses"], code
    cls(response_schema(document, code)).validate(envelope)
    other = next(name for name in document["components"]["responses"] if name != code)
    assert not cls(response_schema(document, other)).is_valid(envelope)
    documented = document["components"]["responses"][code]["headers"]
    for name, spec in documented.items():
        value = header(name)
        if spec["required"]:
            assert value is not None, name
        if value is None:
            continue
        schema = spec["schema"]
        assert re.search(schema.get("pattern", ""), value), (name, value)
        assert value in schema.get("enum", [schema.get("const", value)]), (name, value)
    assert header("Request-Id") == envelope["request_id"]
    if CODES[code].status != status:
        assert code in ("invalid_request", "internal"), (code, status)
    return str(code)
