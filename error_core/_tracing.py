"""The request id on the OpenTelemetry span, at no cost to an app that never imported it.

OpenTelemetry is looked up in ``sys.modules``, never imported: the calls
below do nothing unless the application (or an instrumentation) has loaded
``opentelemetry.trace``, and then only touch a span that is recording.
"""

from __future__ import annotations

import sys

from ._log import ExcInfo

MODULE = "opentelemetry.trace"
# No semantic convention names a request id; a namespaced name, as the
# conventions ask of attributes they do not define.
ATTRIBUTE = "error_core.request_id"


def tag_span(request_id: str) -> None:
    """Set the request id on the current span, if one is recording.

    Called only once :data:`MODULE` is imported: the caller looks it up first,
    so that an application without OpenTelemetry pays no call.
    """
    span = sys.modules[MODULE].get_current_span()
    if span.is_recording():
        span.set_attribute(ATTRIBUTE, request_id)


def record_exception(exc_info: ExcInfo, request_id: str) -> None:
    """Record an unexpected exception on the current span, with the request id.

    Called where error-core logs the traceback itself, that is where no
    framework (nor so its OpenTelemetry instrumentation) saw the exception:
    so the span gets one exception event, not two.
    """
    trace = sys.modules.get(MODULE)
    if trace is None or exc_info is None:
        return
    span = trace.get_current_span()
    if span.is_recording():
        exc = exc_info[1]
        span.set_attribute(ATTRIBUTE, request_id)
        span.record_exception(exc, attributes={ATTRIBUTE: request_id})
        span.set_status(trace.Status(trace.StatusCode.ERROR, f"{type(exc).__name__}: {exc}"))
