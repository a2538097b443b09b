"""Whether a response's headers are ones a strict server will send.

Werkzeug and Django refuse only CR and LF in a header value; servers such as
gunicorn refuse every other control character, and names that are not RFC 9110
tokens, by raising after the application has returned: the client then gets
the server's own 500 and nothing is logged with the request id. Checked
before the response leaves, such a response becomes the ``internal`` envelope.
"""

from __future__ import annotations

import re
from typing import Iterable

# RFC 9110 5.5: field-value is VCHAR, obs-text, SP and HTAB.
_BAD_VALUE = re.compile(r"[^ \t\x21-\x7e\x80-\xff]")
# RFC 9110 5.6.2: a name is a token; here names one per line.
_TOKEN_CHARS = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
_TOKEN = re.compile(_TOKEN_CHARS)
_NOT_TOKEN_OR_NEWLINE = re.compile(r"[^!#$%&'*+\-.^_`|~0-9A-Za-z\n]")
_DIGITS = re.compile(r"[ \t]*[0-9]{1,18}[ \t]*")
_LENGTH = "content-length"


def unsendable_header(headers: Iterable[tuple[str, str]]) -> str | None:
    """The name of the first header a strict server refuses, printable; ``None`` if all are fine."""
    pairs = list(headers)
    name_list = [name for name, _ in pairs]
    values = [value for _, value in pairs]
    names = "\n".join(name_list)
    lowered = names.lower().split("\n")
    # Nearly every response: a few passes of C code over all names and values.
    if (
        _NOT_TOKEN_OR_NEWLINE.search(names) is None
        and len(lowered) == len(pairs)  # no name holds a newline
        and "" not in name_list
        # A tab is a valid value character: it cannot hide a bad one.
        and _BAD_VALUE.search("\t".join(values)) is None
        and (
            _LENGTH not in lowered
            # Servers read it with int(): anything but digits fails there.
            or (
                lowered.count(_LENGTH) == 1
                and _DIGITS.fullmatch(values[lowered.index(_LENGTH)]) is not None
            )
        )
    ):
        return None
    for name, value in pairs:
        if (
            _TOKEN.fullmatch(name) is None
            or _BAD_VALUE.search(value) is not None
            or (_is_length(name) and _DIGITS.fullmatch(value) is None)
        ):
            return name.encode("unicode_escape").decode("ascii")[:100]
    return None


def _is_length(name: str) -> bool:
    return len(name) == 14 and name.lower() == "content-length"
