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
# RFC 9110 5.6.2: a name is a token.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_DIGITS = re.compile(r"[0-9]{1,18}")


def unsendable_header(headers: Iterable[tuple[str, str]]) -> str | None:
    """The name of the first header a strict server refuses, printable; ``None`` if all are fine."""
    for name, value in headers:
        if (
            _TOKEN.fullmatch(name) is None
            or _BAD_VALUE.search(value) is not None
            # Servers read it with int(): anything but digits fails there.
            or (name.lower() == "content-length" and _DIGITS.fullmatch(value.strip(" \t")) is None)
        ):
            return name.encode("unicode_escape").decode("ascii")[:100]
    return None
