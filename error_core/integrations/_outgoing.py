"""What the outgoing-call integrations share: the header and when it is sent."""

from __future__ import annotations

from typing import Any, MutableMapping

from .._request_id import current_request_id

# What a downstream error-core service reads when it trusts its upstream
# (the default of ERRORS_INCOMING_REQUEST_ID_HEADER).
DEFAULT_HEADER = "X-Request-Id"


def add_request_id(headers: MutableMapping[str, Any], header: str) -> None:
    """Set ``header`` to the current request id, unless the caller set it or none is bound.

    Outside a request (or a :class:`~error_core.request_id_scope`) nothing is
    sent: the downstream then makes its own id.
    """
    request_id = current_request_id()
    if request_id is not None and header not in headers:
        headers[header] = request_id
