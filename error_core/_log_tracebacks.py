"""error-core's own records keep a traceback any UTF-8 stream can write.

A lone surrogate in an exception's message, note, module name or cause (a
client's bytes decoded with ``surrogateescape``, a ``\\ud800`` escape in its
JSON) makes the traceback text unencodable: a strict UTF-8 stream fails and
the handler drops the whole record, request id and all. The plain
``logging.Formatter`` writes ``record.exc_text`` when it is set, so for such a
traceback the filter sets it to the standard text with the lone surrogates
escaped (``\\ud800``). Other tracebacks are left to each formatter's own
``formatException``; :class:`~error_core.EscapingFormatter` ignores
``exc_text`` while ``exc_info`` is there and escapes them itself.
"""

from __future__ import annotations

import linecache
import logging
import re
from types import TracebackType
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_STANDARD = logging.Formatter()


class EncodableTraceback(logging.Filter):
    """On error-core's logger: a traceback with lone surrogates gets an escaped ``exc_text``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_text is None and _may_hold_surrogates(record.exc_info):
            text = _STANDARD.formatException(record.exc_info)
            if not text.isascii() and _LONE_SURROGATE.search(text):
                record.exc_text = _LONE_SURROGATE.sub(_escape, text)
        return True


def _may_hold_surrogates(exc_info: Any) -> bool:
    """Whether the traceback text may hold a lone surrogate; ``False`` only when it cannot.

    Formatting a traceback costs far more than reading the strings it is made
    of: the messages, notes and type names of the exception chain, the file
    names and source lines of its frames. Anything unusual (a ``__str__``
    that fails, notes that are not strings) is left to the formatting.
    """
    value = exc_info[1]
    if not isinstance(value, BaseException):
        return True
    parts: list[str] = []
    try:
        _add_frames(parts, exc_info[2])
        seen: set[int] = set()
        pending = [value]
        while pending:
            exc = pending.pop()
            if id(exc) in seen:
                continue
            seen.add(id(exc))
            kind = type(exc)
            parts += (str(exc), kind.__module__, kind.__qualname__, *getattr(exc, "__notes__", ()))
            if isinstance(exc, SyntaxError):
                parts += (str(exc.filename), str(exc.text))
            _add_frames(parts, exc.__traceback__)
            linked = [exc.__cause__, exc.__context__]
            if isinstance(exc, BaseExceptionGroup):
                linked += exc.exceptions
            pending += [link for link in linked if link is not None]
        text = "".join(parts)  # a part that is not a string: TypeError
    except Exception:  # noqa: BLE001 - the formatting will show what it can
        return True
    return not text.isascii() and _LONE_SURROGATE.search(text) is not None


def _add_frames(parts: list[str], tb: TracebackType | None) -> None:
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        parts += (filename, linecache.getline(filename, tb.tb_lineno))
        tb = tb.tb_next


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
