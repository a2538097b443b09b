"""Logging: ``request_id`` on every record, and one record per error response.

What a record may carry raw, and the formatter escaping the rest, are in
:mod:`error_core._log_escaping`.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType
from typing import Any, Callable, Union

from ._log_escaping import printable
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
# The framework's logger for a record of a level (see log_error_response).
Fallback = Callable[[int], Union[logging.Logger, None]]


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
IdSource = Callable[[], Union[str, None]]
# Where the factory looks when no id is bound: an adapter's own look-up.
_id_sources: list[IdSource] = []


def install_record_factory(id_source: IdSource | None = None) -> None:
    """Give every log record a ``request_id`` so ``%(request_id)s`` works anywhere.

    Wraps the current record factory once per process; safe to call again.
    ``id_source`` answers the id where none is bound, or ``None`` (Flask's
    request context copied into a thread, where ``flask.g.request_id``
    answers); each source is added once, whenever it is given.
    """
    global _installed
    with _install_lock:
        if id_source is not None and id_source not in _id_sources:
            _id_sources.append(id_source)
        if _installed:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            record.request_id = current_request_id() or _unbound_id()
            return record

        logging.setLogRecordFactory(factory)
        _installed = True


def _unbound_id() -> str:
    """The id an id source gives where none is bound; ``-`` if none does."""
    for source in _id_sources:
        request_id = source()
        if request_id is not None:
            return request_id
    return "-"


def log_error_response(
    method: str,
    path: str,
    status: int,
    code: str,
    *,
    exc_info: ExcInfo = None,
    request_id: str | None = None,
    fallback: Fallback | None = None,
) -> None:
    """Log one error response on ``error_core``: 4xx at INFO, 5xx at ERROR.

    ``request_id`` is the id the response carries (default: the current one).
    When no handler would receive the record (nothing configured for
    ``error_core`` or its ancestors), it goes to the handlers of the logger
    ``fallback(level)`` returns instead (the framework's own error logger), at
    its level, rather than to Python's last-resort handler; ``None`` from
    ``fallback``: none of them would write it, so no record is made. A
    callable: looking the framework's logger up costs, and it is rarely needed.
    """
    level = logging.ERROR if status >= 500 else logging.INFO
    logger = _logger or error_logger()  # one call less on every error
    if fallback is not None and not logger.hasHandlers():
        target = fallback(level)
        if target is None or logger.disabled or not target.isEnabledFor(level):
            return
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
