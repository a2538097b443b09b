"""Requests the frameworks would answer with a 500, and the 400 both adapters send instead."""

from __future__ import annotations

import re

from ._errors import InvalidRequest

# 1 to 18 digits, the rule for a response's Content-Length too (_sendable_headers):
# under 10**18 bytes, so below sys.maxsize, past which Django's body read fails
# with an OverflowError; and far beyond any body a server accepts.
_LENGTH = re.compile(r"[0-9]{1,18}")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def malformed_request(
    content_length: str | None, query_string: str = "", *, decoded: bool = False
) -> bool:
    """Whether a request is malformed in a way the frameworks would answer with a 500.

    Both adapters answer such a request with 400 ``invalid_request`` instead:

    - ``content_length`` is there but not digits (RFC 9110 says 400; Django's
      ``request.body`` fails with a ``ValueError``). ``None`` and ``""`` (how
      WSGI servers say "absent") are fine; so are 1 to 18 digits. More
      digits is no body's length (an exabyte): past ``sys.maxsize`` Django's
      body read fails with an ``OverflowError``, past the digits ``int()``
      reads Werkzeug's fails too;
    - ``query_string``, the WSGI value (bytes as Latin-1), has a control
      character, which no request line can carry (Werkzeug copies a CR or LF
      into a redirect's ``Location`` and fails), or is not UTF-8 (Werkzeug's
      ``request.args`` fails; Django's ASGI handler answers 400 itself).
      ``decoded``: the query string is text already (ASGI), only controls count.
    """
    if not content_length and not query_string:
        return False  # most requests: nothing to check
    if content_length and _LENGTH.fullmatch(content_length) is None:
        return True
    if not query_string:
        return False
    if _CONTROL.search(query_string):
        return True
    if decoded:
        return False
    try:
        query_string.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return True
    return False


def malformed_request_error() -> InvalidRequest:
    """The error both adapters answer a :func:`malformed_request` with.

    400 ``invalid_request`` with the default message, answered before any
    of the application's code runs, as for a request the server refuses.
    """
    return InvalidRequest()
