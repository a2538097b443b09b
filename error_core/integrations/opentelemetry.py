"""From the request id a user quoted to the trace, and back.

Without any set-up, once ``opentelemetry-api`` is loaded (by an
instrumentation, or the application):

- the request id is set as the span attribute ``error_core.request_id``
  (:data:`ATTRIBUTE`) on the span that is current when error-core starts the
  request: the server span of the Django instrumentation, or of a WSGI/ASGI
  OpenTelemetry middleware around the app;
- an unexpected exception whose traceback error-core logs itself is recorded
  on the current span (one ``exception`` event, status ``ERROR``). The
  exceptions the framework handles (Flask's ``handle_exception``) are the
  ones its instrumentation records: never both.

Flask's instrumentation opens its span in a ``before_request`` hook, after
error-core has chosen the id; give it :func:`request_hook`::

    FlaskInstrumentor().instrument_app(app, request_hook=request_hook)
    Errors(app)  # after: wrapped around Errors, the instrumentation misses the status

Log records carry the trace with :class:`TraceIdFilter`
(``%(trace_id)s``/``%(span_id)s`` next to ``%(request_id)s``), so a log line
found by its request id names the trace, and the trace's spans name the id.
"""

from __future__ import annotations

import logging
from typing import Any

from opentelemetry import trace

from .._request_id import current_request_id
from .._tracing import ATTRIBUTE

__all__ = ["ATTRIBUTE", "TraceIdFilter", "request_hook"]


def request_hook(span: trace.Span, *args: Any) -> None:
    """Set the current request id on ``span``: a ``request_hook`` for the instrumentations.

    Fits Flask's (``span, environ``) and Django's (``span, request``); call it
    from your own hook if you have one.
    """
    request_id = current_request_id()
    if request_id is not None and span.is_recording():
        span.set_attribute(ATTRIBUTE, request_id)


class TraceIdFilter(logging.Filter):
    """Adds ``record.trace_id`` and ``record.span_id`` (hex) of the current span.

    ``-`` outside a span, as ``request_id`` is outside a request. Never drops
    a record. Attach it to a handler next to :class:`error_core.RequestIdFilter`.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "trace_id"):  # set by another handler's filter already
            return True
        context = trace.get_current_span().get_span_context()
        if context.is_valid:
            record.trace_id = trace.format_trace_id(context.trace_id)
            record.span_id = trace.format_span_id(context.span_id)
        else:
            record.trace_id = record.span_id = "-"
        return True
