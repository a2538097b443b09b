"""What a log line may not carry raw, escaped: :func:`printable` and :class:`EscapingFormatter`.

A client chooses paths, headers and exception texts that end up in log
records; escaped, they cannot split a record, reorder it on screen or make it
unwritable.
"""

from __future__ import annotations

import logging
import re

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
