"""An apispec plugin that documents the error-core envelope and every error code."""

from __future__ import annotations

from typing import Any, Iterable

from apispec import APISpec, BasePlugin

from error_core import CODES, openapi
from error_core._envelope import DEFAULT_REQUEST_ID_HEADER


class ErrorsPlugin(BasePlugin):
    """Adds the ``ErrorEnvelope`` schema and one response component per error code.

    ``default_errors`` are documented on every operation; ``spec.path(...,
    errors=[...])`` adds codes to that path's operations. A response the
    operation already documents for a status is kept. Use the app's
    ``ERRORS_REQUEST_ID_HEADER`` as ``request_id_header`` if you changed it.
    """

    spec: APISpec  # set by init_spec, which apispec calls first

    def __init__(
        self,
        *,
        default_errors: Iterable[str] = (),
        request_id_header: str = DEFAULT_REQUEST_ID_HEADER,
    ) -> None:
        self.default_errors = tuple(str(code) for code in default_errors)
        self.request_id_header = request_id_header

    def init_spec(self, spec: APISpec) -> None:
        """Register the envelope schema and a response component for each code."""
        self.spec = spec
        version = str(spec.openapi_version)
        if spec.openapi_version.major != 3:
            raise ValueError(f"ErrorsPlugin documents OpenAPI 3.0 and 3.1, not {version}.")
        found = openapi.components(version, request_id_header=self.request_id_header)
        spec.components.schema(openapi.SCHEMA_NAME, found["schemas"][openapi.SCHEMA_NAME])
        for code, response in found["responses"].items():
            spec.components.response(code, response)

    def operation_helper(
        self,
        path: str | None = None,
        operations: dict[Any, Any] | None = None,
        *,
        errors: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        """Document ``default_errors`` and ``errors`` on each of ``operations``."""
        wanted = [*self.default_errors, *(str(code) for code in errors)]
        if not wanted or not operations:
            return
        spec = self.spec
        version = str(spec.openapi_version)
        for code in wanted:
            # A code registered after the spec was made still gets its component.
            if code in CODES and code not in spec.components.responses:
                spec.components.response(
                    code,
                    openapi.response_object(
                        code, openapi_version=version, request_id_header=self.request_id_header
                    ),
                )
        entries = openapi.operation_responses(
            wanted, version, request_id_header=self.request_id_header
        )
        for method, operation in operations.items():
            if str(method).startswith("x-"):
                continue  # an extension, not an operation
            responses = operation.setdefault("responses", {})
            documented = {str(status) for status in responses}
            for status, entry in entries.items():
                if status not in documented:
                    responses[status] = entry
