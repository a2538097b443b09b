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

import logging
import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_STANDARD = logging.Formatter()


class EncodableTraceback(logging.Filter):
    """On error-core's logger: a traceback with lone surrogates gets an escaped ``exc_text``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_text is None:
            text = _STANDARD.formatException(record.exc_info)
            if not text.isascii() and _LONE_SURROGATE.search(text):
                record.exc_text = _LONE_SURROGATE.sub(_escape, text)
        return True


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
