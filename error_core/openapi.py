"""OpenAPI 3.0 and 3.1: the envelope's JSON Schema and one response object per code.

Plain dicts, ready for any generator; :mod:`flask_errors.apispec` and
:mod:`django_errors.spectacular` put them into apispec and drf-spectacular
documents. The code list is read from :data:`error_core.CODES` when called, so
register application codes before generating a document.
"""

from __future__ import annotations

from typing import Any, Iterable

from . import _codes as codes
from ._envelope import DEFAULT_REQUEST_ID_HEADER
from ._request_id import _INCOMING

SCHEMA_NAME = "ErrorEnvelope"
SCHEMA_REF = f"#/components/schemas/{SCHEMA_NAME}"
RESPONSES_REF = "#/components/responses/"
EXAMPLE_REQUEST_ID = "req_01JDXR7M3K4P5Q6R7S8T9V0WXY"

# A fresh id is "req_" + ULID; an adopted incoming one is 1-128 of [A-Za-z0-9._:-].
_REQUEST_ID = {"type": "string", "pattern": f"^{_INCOMING.pattern}$"}

# Seconds from error-core; a framework's own 429/503 may send an HTTP date.
_RETRY_AFTER = (
    "Retry-After",
    "Seconds (or an HTTP date) to wait before retrying.",
    {"type": "string"},
)
# Headers some codes may carry, with their schema: (name, description, schema).
_EXTRA_HEADERS: dict[str, tuple[tuple[str, str, dict[str, Any]], ...]] = {
    "authentication": (
        ("WWW-Authenticate", "The authentication scheme to use.", {"type": "string"}),
    ),
    "method_not_allowed": (("Allow", "The methods the resource allows.", {"type": "string"}),),
    "rate_limited": (_RETRY_AFTER,),
    "unavailable": (_RETRY_AFTER,),
}


def _is_31(openapi_version: str) -> bool:
    """Whether ``openapi_version`` uses JSON Schema 2020-12 (3.1 on) rather than 3.0's."""
    major, _, rest = str(openapi_version).partition(".")
    minor = rest.partition(".")[0]
    if major != "3" or not minor.isdigit():
        raise ValueError(f"OpenAPI version must be 3.0 or 3.1, not {openapi_version!r}.")
    return int(minor) >= 1


def _one_of(values: list[str], openapi_version: str) -> dict[str, Any]:
    # 3.0 has no ``const``: a one-element enum says the same.
    if len(values) == 1 and _is_31(openapi_version):
        return {"type": "string", "const": values[0]}
    return {"type": "string", "enum": values}


def envelope_schema(openapi_version: str = "3.1") -> dict[str, Any]:
    """The JSON Schema of every error body: exactly ``code``, ``message``, ``request_id``.

    The 3.1 schema is plain JSON Schema 2020-12; the 3.0 one uses only what
    OpenAPI 3.0's schema object allows.
    """
    _is_31(openapi_version)
    return {
        "title": SCHEMA_NAME,
        "description": "The body of every error response.",
        "type": "object",
        "properties": {
            "code": {
                "type": "string",
                "pattern": "^[A-Za-z0-9_]+$",
                "description": "Machine-readable error code; see the responses per code.",
            },
            "message": {"type": "string", "description": "Human-readable explanation."},
            "request_id": {
                **_REQUEST_ID,
                "description": "The request's id, also sent in the request id header.",
            },
        },
        "required": ["code", "message", "request_id"],
        "additionalProperties": False,
    }


def response_object(
    code: str,
    *more: str,
    openapi_version: str = "3.1",
    schema_ref: str = SCHEMA_REF,
    request_id_header: str = DEFAULT_REQUEST_ID_HEADER,
) -> dict[str, Any]:
    """The OpenAPI response object of ``code`` (and of ``more`` codes of the same status).

    Its schema is the envelope (``schema_ref``) with ``code`` pinned to the
    given codes; it documents the headers every error carries. Raises
    :class:`KeyError` for an unregistered code and :class:`ValueError` when
    the codes have different statuses.
    """
    entries = [codes.lookup(name) for name in dict.fromkeys([code, *more])]
    statuses = {entry.status for entry in entries}
    if len(statuses) > 1:
        raise ValueError(f"One response documents one status, not {sorted(statuses)}.")
    pinned = {"properties": {"code": _one_of([e.code for e in entries], openapi_version)}}
    headers = {
        request_id_header: _header(
            "The request's id, equal to the body's `request_id`.", _REQUEST_ID, True
        ),
        "Cache-Control": _header(
            "Error responses are never cached.", _one_of(["no-store"], openapi_version), True
        ),
    }
    for entry in entries:
        for name, description, schema in _EXTRA_HEADERS.get(entry.code, ()):
            headers[name] = _header(description, schema, False)
    first = entries[0]
    return {
        "description": " / ".join(f"`{e.code}`: {e.message}" for e in entries),
        "headers": headers,
        "content": {
            "application/json": {
                "schema": {"allOf": [{"$ref": schema_ref}, pinned]},
                "example": {
                    "code": first.code,
                    "message": first.message,
                    "request_id": EXAMPLE_REQUEST_ID,
                },
            }
        },
    }


def _header(description: str, schema: dict[str, Any], required: bool) -> dict[str, Any]:
    return {"description": description, "required": required, "schema": dict(schema)}


def components(
    openapi_version: str = "3.1", *, request_id_header: str = DEFAULT_REQUEST_ID_HEADER
) -> dict[str, dict[str, Any]]:
    """``{"schemas": {"ErrorEnvelope": ...}, "responses": {code: ...}}`` for every code.

    One response per code registered in :data:`error_core.CODES`, named by
    the code, ordered by status then code.
    """
    ordered = sorted(codes.CODES.values(), key=lambda entry: (entry.status, entry.code))
    return {
        "schemas": {SCHEMA_NAME: envelope_schema(openapi_version)},
        "responses": {
            entry.code: response_object(
                entry.code, openapi_version=openapi_version, request_id_header=request_id_header
            )
            for entry in ordered
        },
    }


def operation_responses(
    error_codes: Iterable[str],
    openapi_version: str = "3.1",
    *,
    request_id_header: str = DEFAULT_REQUEST_ID_HEADER,
) -> dict[str, dict[str, Any]]:
    """An operation's ``responses`` entries for ``error_codes``, keyed by status.

    A status with one code refers to that code's response component; codes
    that share a status get one inline response naming all of them.
    """
    _is_31(openapi_version)
    by_status: dict[int, list[str]] = {}
    for name in error_codes:
        entry = codes.lookup(str(name))
        by_status.setdefault(entry.status, []).append(entry.code)
    responses: dict[str, dict[str, Any]] = {}
    for status, names in sorted(by_status.items()):
        names = list(dict.fromkeys(names))
        if len(names) == 1:
            responses[str(status)] = {"$ref": RESPONSES_REF + names[0]}
        else:
            responses[str(status)] = response_object(
                *names, openapi_version=openapi_version, request_id_header=request_id_header
            )
    return responses
