"""Requests the frameworks would answer with a 500, and the 400 both adapters send instead."""

from __future__ import annotations

import re
import sys

from ._errors import InvalidRequest

_DIGITS = re.compile(r"[0-9]+")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def malformed_request(
    content_length: str | None, query_string: str = "", *, decoded: bool = False
) -> bool:
    """Whether a request is malformed in a way the frameworks would answer with a 500.

    Both adapters answer such a request with 400 ``invalid_request`` instead:

    - ``content_length`` is there but not digits (RFC 9110 says 400; Django's
      ``request.body`` fails with a ``ValueError``). ``None`` and ``""`` (how
      WSGI servers say "absent") are fine; so are digits, unless more of them
      than ``int()`` reads (``sys.get_int_max_str_digits()``): no body is that
      long, and Django's body read and Werkzeug's would fail with a 500;
    - ``query_string``, the WSGI value (bytes as Latin-1), has a control
      character, which no request line can carry (Werkzeug copies a CR or LF
      into a redirect's ``Location`` and fails), or is not UTF-8 (Werkzeug's
      ``request.args`` fails; Django's ASGI handler answers 400 itself).
      ``decoded``: the query string is text already (ASGI), only controls count.
    """
    if not content_length and not query_string:
        return False  # most requests: nothing to check
    if content_length and (
        _DIGITS.fullmatch(content_length) is None or _too_many_digits(content_length)
    ):
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


def _too_many_digits(content_length: str) -> bool:
    # Python before 3.10.7 has no limit (and no function to read it).
    get_limit = getattr(sys, "get_int_max_str_digits", None)
    limit = get_limit() if get_limit is not None else 0
    return 0 < limit < len(content_length)


def malformed_request_error() -> InvalidRequest:
    """The error both adapters answer a :func:`malformed_request` with.

    400 ``invalid_request`` with the default message, answered before any
    of the application's code runs, as for a request the server refuses.
    """
    return InvalidRequest()
