"""drf-spectacular: document the error-core envelope and every error code.

Add the hook to ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]`` and use
:func:`error_responses` in ``@extend_schema(responses=...)``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse

from error_core import openapi
from error_core._codes import lookup

from ._conf import get_settings


def postprocess_errors(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Add the ``ErrorEnvelope`` schema and one response component per code.

    Responses made by :func:`error_responses` become references to those
    components, with the headers every error carries.
    """
    version = str(result.get("openapi", "3.0.3"))
    header = get_settings().request_id_header
    found = openapi.components(version, request_id_header=header)
    target = result.setdefault("components", {})
    for section, entries in found.items():
        target.setdefault(section, {}).update(entries)
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "responses" in operation:
                _refer_to_components(operation["responses"], version, header)
    return result


def _refer_to_components(responses: dict[str, Any], version: str, header: str) -> None:
    for status, response in responses.items():
        error_codes = _documented_codes(response)
        if error_codes:
            entries = openapi.operation_responses(error_codes, version, request_id_header=header)
            responses[status] = entries.get(str(status), response)


def _documented_codes(response: Any) -> list[str]:
    """The codes of a response made by :func:`error_responses`, else ``[]``."""
    content = response.get("content") if isinstance(response, dict) else None
    for media in (content or {}).values():
        try:
            first, pinned = media["schema"]["allOf"]
            if first == {"$ref": openapi.SCHEMA_REF}:
                return list(pinned["properties"]["code"]["enum"])
        except (KeyError, TypeError, ValueError):
            continue
    return []


def error_responses(*error_codes: str) -> dict[int, OpenApiResponse]:
    """``{status: OpenApiResponse}`` for ``@extend_schema(responses={...})``.

    Codes that share a status share one response. With the hook installed
    each becomes a reference to the code's response component.
    """
    by_status: dict[int, list[str]] = {}
    for code in error_codes:
        entry = lookup(str(code))
        by_status.setdefault(entry.status, []).append(entry.code)
    return {
        status: OpenApiResponse(
            response={
                "allOf": [
                    {"$ref": openapi.SCHEMA_REF},
                    {"properties": {"code": {"type": "string", "enum": names}}},
                ]
            },
            description=" / ".join(f"`{name}`: {lookup(name).message}" for name in names),
        )
        for status, names in by_status.items()
    }
