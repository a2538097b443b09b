"""What every adapter does when a request starts: choose, bind and tag its id."""

from __future__ import annotations

import sys
from contextvars import Token
from typing import Callable

from . import _request_id as ids
from ._sentry import MODULE as _SENTRY
from ._sentry import tag_sentry_scope
from ._settings import Settings
from ._tracing import MODULE as _OPENTELEMETRY
from ._tracing import tag_span


def start_request(
    settings: Settings, header: Callable[[str], str | None]
) -> tuple[str, Token[str | None]]:
    """The request's id, made current, set on the Sentry scope and the OpenTelemetry span.

    ``header(name)`` reads a request header; it is called only when incoming
    ids are trusted. Pass the token to :func:`error_core._request_id.unbind`
    when the request ends.
    """
    if settings.trust_incoming_request_id:
        incoming = header(settings.incoming_request_id_header)
        request_id = ids.choose_request_id(incoming, trust_incoming=True)
    else:
        request_id = ids.new_request_id()
    token = ids.bind(request_id)
    if _SENTRY in sys.modules:  # as for OpenTelemetry: no call without Sentry
        tag_sentry_scope(request_id)
    if _OPENTELEMETRY in sys.modules:  # one look-up for an app without OpenTelemetry
        tag_span(request_id)
    return request_id, token
