"""The APIError hierarchy: errors are data (code, status, default message)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, ClassVar, Iterable

from . import _codes as codes

# Headers a framework's error may carry that still mean something on the
# envelope; everything else the framework attached (its Content-Type, say)
# is dropped.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Content-Range")
_KEPT_LOWER = {name.lower(): name for name in KEPT_HEADERS}


class APIError(Exception):
    """An error the API reports to its client as the JSON envelope."""

    code: ClassVar[str] = codes.ErrorCode.INTERNAL.value
    status: ClassVar[int] = 500
    message: ClassVar[str] = codes.CODES["internal"].message

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" in cls.__dict__ or "status" in cls.__dict__:
            message = cls.__dict__.get("message")
            if message is None:
                # An inherited message only fits if it was written for this status:
                # a 402 subclass of APIError must not say "on our side".
                source = next(base for base in cls.__mro__ if "message" in base.__dict__)
                message = cls.message
                if getattr(source, "status", None) != cls.status:
                    codes.check_status(cls.status, f"Error code {cls.code!r}")
                    message = codes.for_status(cls.status).message
            entry = codes.register_code(cls.code, cls.status, message)
            if "message" not in cls.__dict__:
                cls.message = entry.message

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    ) -> None:
        entry = None
        if status is not None:
            codes.check_status(status, type(self).__name__)
        if code is not None:
            code = str(code)
            if status is not None:
                fallback = codes.for_status(status).message
                entry = codes.register_code(code, status, fallback if message is None else message)
            else:
                entry = codes.lookup(code)
        elif status is not None:
            entry = codes.for_status(status)
        if entry is not None:
            self.code = entry.code  # type: ignore[misc]
            self.status = entry.status if status is None else status  # type: ignore[misc]
            if message is None:
                message = entry.message
        self.message = self.message if message is None else str(message)  # type: ignore[misc]
        self._headers = _header_items(headers)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, status={self.status})"

    def headers(self) -> list[tuple[str, str]]:
        """The extra response headers of this error (``Retry-After``, ``Allow``...)."""
        return list(self._headers)


def _header_items(
    headers: Mapping[str, str] | Iterable[tuple[str, str]] | None,
) -> list[tuple[str, str]]:
    if not headers:
        return []
    # A dict or list first: isinstance against the Mapping ABC is the slow path.
    if isinstance(headers, dict):
        items: Iterable[tuple[str, str]] = headers.items()
    elif isinstance(headers, list):
        items = headers
    else:
        items = headers.items() if isinstance(headers, Mapping) else headers
    return [(str(name), str(value)) for name, value in items]


class InvalidRequest(APIError):
    """A field is missing, of the wrong type or out of range; a malformed body."""

    code = codes.ErrorCode.INVALID_REQUEST.value
    status = 400


class AuthenticationError(APIError):
    """The API key is missing, invalid or revoked."""

    code = codes.ErrorCode.AUTHENTICATION.value
    status = 401


class PermissionDenied(APIError):
    """The API key is valid but lacks the required scope."""

    code = codes.ErrorCode.PERMISSION_DENIED.value
    status = 403


class NotFound(APIError):
    """The resource or route does not exist."""

    code = codes.ErrorCode.NOT_FOUND.value
    status = 404


class Conflict(APIError):
    """The request collides with the current state."""

    code = codes.ErrorCode.CONFLICT.value
    status = 409


class RateLimited(APIError):
    """Too many requests; ``retry_after`` seconds become ``Retry-After``."""

    code = codes.ErrorCode.RATE_LIMITED.value
    status = 429

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: int | None = 30,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(message, headers=headers)
        if retry_after is not None:
            if isinstance(retry_after, bool) or not isinstance(retry_after, int) or retry_after < 0:
                raise ValueError(
                    f"retry_after must be a whole number of seconds >= 0, not {retry_after!r}."
                )
            # Retry-After is a single-value header: one given in ``headers`` wins
            # over the default rather than being sent twice.
            if any(name.lower() == "retry-after" for name, _ in self._headers):
                retry_after = None
            else:
                self._headers.append(("Retry-After", str(retry_after)))
        self.retry_after = retry_after


def retry_after_seconds(seconds: object) -> int | None:
    """``Retry-After`` for a wait of ``seconds``: whole seconds, rounded up, never negative.

    ``None`` (no header) when the wait is unknown: ``None``, not a number, or
    not finite. Rate limiters report waits as floats, or as ``None``.
    """
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        return None
    if not math.isfinite(seconds):
        return None
    return max(0, math.ceil(seconds))


class InternalError(APIError):
    """An unexpected failure on the server side."""

    code = codes.ErrorCode.INTERNAL.value
    status = 500


def from_status(
    status: int,
    message: str | None = None,
    headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
) -> APIError:
    """The error for a status the framework produced, keeping the headers that matter.

    The code comes from the catalogue's status table; the status is kept even
    when the table has no entry for it (402 stays 402, as ``invalid_request``).
    """
    kept = []
    for name, value in _header_items(headers):
        canonical = _KEPT_LOWER.get(name.lower())
        if canonical == "Allow":
            kept.append((canonical, normalize_allow(value.split(","))))
        elif canonical is not None:
            kept.append((canonical, value))
    return APIError(message, status=status, headers=kept)


_DIGITS = re.compile(r"[0-9]+")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def malformed_request(
    content_length: str | None, query_string: str = "", *, decoded: bool = False
) -> bool:
    """Whether a request is malformed in a way the frameworks would answer with a 500.

    Both adapters answer such a request with 400 ``invalid_request`` instead:

    - ``content_length`` is there but not digits (RFC 9110 says 400; Django's
      ``request.body`` fails with a ``ValueError``). ``None`` and ``""`` (how
      WSGI servers say "absent") are fine;
    - ``query_string``, the WSGI value (bytes as Latin-1), has a control
      character, which no request line can carry (Werkzeug copies a CR or LF
      into a redirect's ``Location`` and fails), or is not UTF-8 (Werkzeug's
      ``request.args`` fails; Django's ASGI handler answers 400 itself).
      ``decoded``: the query string is text already (ASGI), only controls count.
    """
    if not content_length and not query_string:
        return False  # most requests: nothing to check
    if content_length and _DIGITS.fullmatch(content_length) is None:
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


def normalize_allow(methods: Iterable[str]) -> str:
    """One spelling of ``Allow`` for both frameworks: upper case, unique, sorted."""
    return ", ".join(sorted({m.strip().upper() for m in methods if m.strip()}))
