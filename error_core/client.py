"""Typed errors for the services that call an error-core API.

:func:`from_response` turns an error response from ``requests``, ``httpx`` or
``urllib`` (``http.client.HTTPResponse`` / ``urllib.error.HTTPError``) into
the matching :class:`~error_core.APIError` subclass, with ``request_id`` on
the exception and in ``str()``. No HTTP library is imported.
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any, cast

from . import _codes as codes
from ._envelope import DEFAULT_REQUEST_ID_HEADER
from ._errors import APIError, RateLimited
from ._response_readers import body_of, header_of, status_of
from ._statuses import KEPT_HEADERS

# A built-in code gives the class that defines it in the code table (not_found
# -> NotFound); application codes and built-in codes without a class, APIError.
_CLASSES = {
    code.value: cast("type[APIError]", codes.CLASSES[code.value])
    for code in codes.ErrorCode
    if code.value in codes.CLASSES
}
_CODE = re.compile(r"[A-Za-z0-9_]{1,200}")
_DELAY = re.compile(r"0*([0-9]{1,10})")


class ReceivedError(APIError):
    """Base of the errors :func:`from_response` makes: they know the request id.

    Each error is an instance of a subclass of both this class and the
    matching error class (``except NotFound`` catches it). ``response`` is
    the response it was read from.
    """

    request_id: str | None = None
    response: Any = None

    def __str__(self) -> str:
        if self.request_id is None:
            return self.message
        return f"{self.message} (request_id={self.request_id})"

    def __repr__(self) -> str:
        return f"{super().__repr__()[:-1]}, request_id={self.request_id!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # The class is made at run time: pickle rebuilds it from its base.
        state = {k: v for k, v in self.__dict__.items() if k != "response"}
        args = (self._base, self.message, self.code, self.status, self.headers())
        return (_make, args, state)

    _base: type[APIError] = APIError


_RECEIVED: dict[type[APIError], type[ReceivedError]] = {}


def _received(base: type[APIError]) -> type[ReceivedError]:
    """The subclass of ``base`` and :class:`ReceivedError` (no new code is registered)."""
    made = _RECEIVED.get(base)
    if made is None:
        attributes = {"__module__": __name__, "__doc__": base.__doc__, "_base": base}
        made = cast("type[ReceivedError]", type(base.__name__, (ReceivedError, base), attributes))
        made = _RECEIVED.setdefault(base, made)
    return made


def _make(
    base: type[APIError], message: str, code: str, status: int, headers: list[tuple[str, str]]
) -> ReceivedError:
    cls: Any = _received(base)
    if issubclass(base, RateLimited):
        error = cls(message, retry_after=None, headers=headers)
    else:
        error = cls(message, headers=headers)
    # The server's code and the response's status, even where they differ
    # from the class's (a 410 is invalid_request with status 410).
    error.code = code
    error.status = status
    return cast(ReceivedError, error)


def from_response(
    response: Any, *, request_id_header: str = DEFAULT_REQUEST_ID_HEADER
) -> ReceivedError:
    """The error an error response (status 400-599) stands for.

    A built-in code gives its class (``not_found`` → :class:`NotFound`); any
    other code gives an :class:`APIError` with that code. A body that is not
    the envelope (a proxy's HTML page, an empty body) gives the class for
    the status, as the adapters map framework statuses, with a message
    saying so. Raises :class:`ValueError` for a status below 400.
    """
    status = status_of(response)
    if status < 400:
        raise ValueError(f"HTTP {status} is not an error response.")
    body = _read_body(response)
    headers = [
        (name, value) for name in KEPT_HEADERS if (value := header_of(response, name)) is not None
    ]
    envelope = _envelope(body)
    if envelope is None:
        code = codes.for_status(status).code
        message = f"HTTP {status} response without an error envelope."
        request_id = None
    else:
        code, message, request_id = envelope
    error = _make(_CLASSES.get(code, APIError), message, code, status, headers)
    error.request_id = request_id or header_of(response, request_id_header)
    error.response = response
    if isinstance(error, RateLimited):
        error.retry_after = _delay_seconds(header_of(response, "Retry-After"))
    return error


def raise_for_error(response: Any, *, request_id_header: str = DEFAULT_REQUEST_ID_HEADER) -> None:
    """Raise :func:`from_response`'s error if ``response`` is an error (status >= 400)."""
    if status_of(response) >= 400:
        raise from_response(response, request_id_header=request_id_header)


def _read_body(response: Any) -> bytes:
    """The body, and the response closed if it is a file (urllib, ``http.client``).

    Nothing needs such a response open once its body is read, and Python 3.14
    warns (``ResourceWarning``) for an ``HTTPError`` collected unclosed. Its
    status and headers stay readable. ``requests`` and ``httpx`` responses
    hold their body in memory and are left to their owner.
    """
    try:
        return body_of(response)
    except TypeError:
        return b""
    finally:
        if hasattr(response, "fp"):
            # The body is read: a close that fails changes nothing for the caller.
            with contextlib.suppress(Exception):
                response.close()


def _delay_seconds(value: str | None) -> int | None:
    """``Retry-After`` in seconds, or ``None`` when unknown.

    ASCII digits only (``str.isdigit`` also accepts "²", which ``int`` refuses);
    an HTTP-date, anything else, or more than ten significant digits (over three
    centuries: no wait a client can honour, and ``int`` refuses 4,300 digits)
    is unknown.
    """
    match = _DELAY.fullmatch(value.strip(" \t")) if value is not None else None
    return None if match is None else int(match.group(1))


def _envelope(body: bytes) -> tuple[str, str, str | None] | None:
    """``(code, message, request_id)`` of an envelope body, else ``None``."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        # Not JSON, not UTF-8, an integer of 4,300+ digits, or nested too deep
        # for the parser: not an envelope.
        return None
    if not isinstance(data, dict):
        return None
    code, message, request_id = data.get("code"), data.get("message"), data.get("request_id")
    if not (isinstance(code, str) and _CODE.fullmatch(code) and isinstance(message, str)):
        return None
    return code, message, request_id if isinstance(request_id, str) else None
