"""Logging: ``request_id`` on every record, and one record per error response."""

from __future__ import annotations

import logging
import re
import threading
from types import TracebackType
from typing import Any, Union

from ._log_tracebacks import EncodableTraceback
from ._request_id import current_request_id

LOGGER_NAME = "error_core"
# Created at first use, not at import: ``dictConfig`` (and so Django's
# ``LOGGING``) disables every logger that exists when it runs, unless told
# ``disable_existing_loggers: False``; importing error-core (even to resolve
# ``error_core.RequestIdFilter`` in that very configuration) must not be enough.
_logger: logging.Logger | None = None


def error_logger() -> logging.Logger:
    """The ``error_core`` logger, created on first use."""
    global _logger
    if _logger is None:
        _logger = logging.getLogger(LOGGER_NAME)
        # A client's lone surrogate in a traceback must not lose the record on a strict stream.
        _logger.addFilter(EncodableTraceback())
    return _logger


ExcInfo = Union[tuple[type[BaseException], BaseException, Union[TracebackType, None]], None]
# What a log line must not carry raw: C0, DEL and C1 (NEL, CSI...), which split a
# line or drive a terminal; the Unicode line separators; format characters
# (category Cf: bidi embeddings, overrides and isolates, which reorder what a
# reader sees, zero-width characters, the BOM, invisible operators, tags),
# whole blocks of them so a later Unicode version's additions are covered too;
# the supplementary variation selectors (invisible, used to smuggle text); and
# lone surrogates, which no UTF-8 stream can write (a strict one would drop the
# whole record).
_UNSAFE_ASCII = "\x00-\x08\x0a-\x1f\x7f"
_UNSAFE_OTHER = (
    "\x80-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
# Messages escape tabs too; continuation lines keep them (tracebacks are
# indented with spaces, code may use tabs). ASCII text, by far the most
# common, is checked against the small ASCII set only.
_MESSAGE_ASCII = re.compile(f"[\t{_UNSAFE_ASCII}]")
_MESSAGE = re.compile(f"[\t{_UNSAFE_ASCII}{_UNSAFE_OTHER}]")
_CONTINUATION_ASCII = re.compile(f"[{_UNSAFE_ASCII}]")
_CONTINUATION = re.compile(f"[{_UNSAFE_ASCII}{_UNSAFE_OTHER}]")
# What a record's continuation lines (traceback, stack) start with.
INDENT = "  "


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _escaped(value: str, ascii_unsafe: re.Pattern[str], unsafe: re.Pattern[str]) -> str:
    if value.isascii():
        if ascii_unsafe.search(value) is None:
            return value
        return ascii_unsafe.sub(_escape, value)
    return unsafe.sub(_escape, value)


def printable(value: str) -> str:
    """``value`` with control, format and invisible characters escaped.

    So it cannot forge a log line, reorder one on screen or fail to encode.
    """
    return _escaped(value, _MESSAGE_ASCII, _MESSAGE)


class EscapingFormatter(logging.Formatter):
    """A formatter whose records a client cannot split, reorder or make unwritable.

    The message (where a path, a header or an exception text may end up) has
    its control, format (bidi, zero-width) and invisible characters and lone
    surrogates escaped (``\\x0a``, ``\\u202e``, ``\\ud800``); a traceback or
    stack keeps its lines, each indented by two spaces and with the same
    characters but tabs escaped. So every record starts exactly one line at
    column 0, reads in its logical order, and encodes to strict UTF-8.
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
    return "\n".join(
        INDENT + _escaped(line, _CONTINUATION_ASCII, _CONTINUATION) for line in text.split("\n")
    )


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
    fallback: logging.Logger | None = None,
) -> None:
    """Log one error response on ``error_core``: 4xx at INFO, 5xx at ERROR.

    ``request_id`` is the id the response carries (default: the current one).
    When no handler would receive the record (nothing configured for
    ``error_core`` or its ancestors), it goes to ``fallback``'s handlers
    instead (the framework's own error logger), at ``fallback``'s level,
    rather than to Python's last-resort handler.
    """
    level = logging.ERROR if status >= 500 else logging.INFO
    logger = error_logger()
    if fallback is not None and not logger.hasHandlers():
        if logger.disabled or not fallback.isEnabledFor(level):
            return
        target = fallback
    elif logger.isEnabledFor(level):
        target = logger
    else:
        return
    record = logger.makeRecord(
        LOGGER_NAME,
        level,
        __file__,
        0,
        "%s %s -> %s %s (request_id=%s)",
        (
            printable(method),
            printable(path),
            status,
            printable(str(code)),
            request_id or current_request_id() or "-",
        ),
        exc_info,
        "log_error_response",
        {"status_code": status, "error_code": str(code)},
    )
    target.handle(record)


def log_stream_failure(
    method: str, path: str, request_id: str, *, exc_info: ExcInfo = None
) -> None:
    """Log, once and at ERROR, a streamed body that failed after its headers were sent."""
    error_logger().error(
        "%s %s -> stream failed after the headers were sent (request_id=%s)",
        printable(method),
        printable(path),
        request_id,
        exc_info=exc_info,
    )
