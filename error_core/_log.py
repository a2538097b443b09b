"""Logging: ``request_id`` on every record, and one record per error response."""

from __future__ import annotations

import logging
import threading
from types import TracebackType
from typing import Any, Union

from ._request_id import current_request_id

logger = logging.getLogger("error_core")

ExcInfo = Union[tuple[type[BaseException], BaseException, Union[TracebackType, None]], None]
# C0, DEL and C1 (U+0080-U+009F: NEL, CSI...) plus the Unicode line separators.
_ESCAPES = {i: f"\\x{i:02x}" for i in (*range(0x20), *range(0x7F, 0xA0))}
_ESCAPES.update({0x2028: "\\u2028", 0x2029: "\\u2029"})
# Continuation lines keep their tabs: tracebacks are indented with spaces, code may use tabs.
_CONTINUATION_ESCAPES = {i: e for i, e in _ESCAPES.items() if i != 0x09}
# What a record's continuation lines (traceback, stack) start with.
INDENT = "  "


def printable(value: str) -> str:
    """``value`` with control characters escaped, so it cannot forge a log line."""
    return value.translate(_ESCAPES)


class EscapingFormatter(logging.Formatter):
    """A formatter whose records a client cannot split into forged lines.

    The message (where a path, a header or an exception text may end up) has
    its control characters escaped (``\\x0a``); a traceback or stack keeps its
    lines, each indented by two spaces and with its other control characters
    escaped. So every record starts exactly one line at column 0.
    """

    def format(self, record: logging.LogRecord) -> str:
        # Not Formatter.format: it caches the traceback text on the record,
        # which every other handler's formatter would then share.
        message = record.getMessage()
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        record.message = printable(message)
        try:
            text = self.formatMessage(record)
        finally:
            record.message = message
        if record.exc_info:
            text += "\n" + _indented(self.formatException(record.exc_info))
        elif record.exc_text:
            text += "\n" + _indented(record.exc_text)
        if record.stack_info:
            text += "\n" + _indented(self.formatStack(record.stack_info))
        return text


def _indented(text: str) -> str:
    return "\n".join(INDENT + line.translate(_CONTINUATION_ESCAPES) for line in text.split("\n"))


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (``-`` outside a request); never drops a record.

    Attach it to handlers configured before the adapters install the record
    factory (for example in ``LOGGING`` / ``dictConfig``).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id() or "-"
        return True


_install_lock = threading.Lock()
_installed = False


def install_record_factory() -> None:
    """Give every log record a ``request_id`` so ``%(request_id)s`` works anywhere.

    Wraps the current record factory once per process; safe to call again.
    """
    global _installed
    with _install_lock:
        if _installed:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            record.request_id = current_request_id() or "-"
            return record

        logging.setLogRecordFactory(factory)
        _installed = True


def log_error_response(
    method: str,
    path: str,
    status: int,
    code: str,
    *,
    exc_info: ExcInfo = None,
    request_id: str | None = None,
) -> None:
    """Log one error response on ``error_core``: 4xx at INFO, 5xx at ERROR.

    ``request_id`` is the id the response carries (default: the current one).
    """
    level = logging.ERROR if status >= 500 else logging.INFO
    if not logger.isEnabledFor(level):
        return
    logger.log(
        level,
        "%s %s -> %s %s (request_id=%s)",
        printable(method),
        printable(path),
        status,
        printable(str(code)),
        request_id or current_request_id() or "-",
        exc_info=exc_info,
        extra={"status_code": status, "error_code": str(code)},
    )


def log_stream_failure(
    method: str, path: str, request_id: str, *, exc_info: ExcInfo = None
) -> None:
    """Log, once and at ERROR, a streamed body that failed after its headers were sent."""
    logger.error(
        "%s %s -> stream failed after the headers were sent (request_id=%s)",
        printable(method),
        printable(path),
        request_id,
        exc_info=exc_info,
    )
