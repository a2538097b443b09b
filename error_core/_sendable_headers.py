"""Whether a response's headers are ones a strict server will send.

Werkzeug and Django refuse only CR and LF in a header value; servers such as
gunicorn refuse every other control character, and names that are not RFC 9110
tokens, by raising after the application has returned: the client then gets
the server's own 500 and nothing is logged with the request id. Checked
before the response leaves, such a response becomes the ``internal`` envelope.
"""

from __future__ import annotations

import re
from typing import Collection

from ._header_lines import header_lines

# RFC 9110 5.5: field-value is VCHAR, obs-text, SP and HTAB.
_VALUE_CHARS = r"[ \t\x21-\x7e\x80-\xff]"
_BAD_VALUE = re.compile(f"[^{_VALUE_CHARS[1:]}")
# RFC 9110 5.6.2: a name is a token.
_TOKEN_CHARS = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
_TOKEN = re.compile(_TOKEN_CHARS)
# Servers read Content-Length with int(): anything but digits fails there.
# Possessive: the classes do not overlap, so nothing is given back anyway.
_DIGITS_CHARS = r"[ \t]*+[0-9]{1,18}+[ \t]*+"
_DIGITS = re.compile(_DIGITS_CHARS)
_LENGTH = r"(?i:content-length)"
# One header of header_lines(): "\nname\rvalue"; CR and LF are in neither a name nor a value.
_LINE = (
    rf"\n(?:{_LENGTH}\r{_DIGITS_CHARS}"
    rf"|(?!{_LENGTH}\r){_TOKEN_CHARS}\r{_VALUE_CHARS}*+)"
)
# Patterns of _sendable_lines(), compiled once each, by header count.
_BY_COUNT: list[re.Pattern[str] | None] = [None] * 64


def _sendable_lines(count: int) -> re.Pattern[str]:
    """``count`` sendable headers of :func:`~error_core._header_lines.header_lines`.

    Exactly ``count`` lines: an LF inside a name or a value (which could fake
    a line of valid headers) makes one more. ASCII: no Unicode case folding
    may turn another character into a letter of a name.
    """
    pattern = re.compile(rf"(?:{_LINE}){{{count}}}", re.ASCII)
    if count < len(_BY_COUNT):
        _BY_COUNT[count] = pattern
    return pattern


def unsendable_header(headers: Collection[tuple[str, str]], lines: str | None = None) -> str | None:
    """The name of the first header a strict server refuses, printable; ``None`` if all are fine.

    ``lines``: :func:`~error_core._header_lines.header_lines` of ``headers``
    (not lower-cased), when the caller has it.
    """
    if lines is None:
        lines = header_lines(headers)
    count = len(headers)
    pattern = _BY_COUNT[count] if count < len(_BY_COUNT) else None
    # Nearly every response: one pass of C code over all names and values.
    if (pattern or _sendable_lines(count)).fullmatch(lines) is not None:
        return None
    for name, value in headers:
        if (
            _TOKEN.fullmatch(name) is None
            or _BAD_VALUE.search(value) is not None
            or (_is_length(name) and _DIGITS.fullmatch(value) is None)
        ):
            return name.encode("unicode_escape").decode("ascii")[:100]
    return None


def _is_length(name: str) -> bool:
    return len(name) == 14 and name.lower() == "content-length"
