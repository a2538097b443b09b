"""The code catalogue: every error code with its HTTP status and default message."""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping


class ErrorCode(str, enum.Enum):
    """The built-in error codes; each member compares equal to its string."""

    INVALID_REQUEST = "invalid_request"
    AUTHENTICATION = "authentication"
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_ACCEPTABLE = "not_acceptable"
    CONFLICT = "conflict"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    RATE_LIMITED = "rate_limited"
    INTERNAL = "internal"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Code:
    """One entry of the catalogue."""

    code: str
    status: int
    message: str


_BUILT_IN = (
    Code("invalid_request", 400, "The request is invalid."),
    Code("authentication", 401, "The API key is missing or invalid."),
    Code("permission_denied", 403, "The API key lacks the required permission."),
    Code("not_found", 404, "The requested resource does not exist."),
    Code("method_not_allowed", 405, "The method is not allowed for this resource."),
    Code("not_acceptable", 406, "The requested response format is not available."),
    Code("conflict", 409, "The request conflicts with the current state."),
    Code("payload_too_large", 413, "The request body is too large."),
    Code("unsupported_media_type", 415, "The request body's media type is not supported."),
    Code("rate_limited", 429, "Too many requests. Retry later."),
    Code("internal", 500, "An unexpected error occurred on our side."),
    Code("unavailable", 503, "The service is temporarily unavailable."),
)

_lock = threading.Lock()
_codes: dict[str, Code] = {entry.code: entry for entry in _BUILT_IN}
# The code a framework-produced status gets; statuses missing here fall back
# to invalid_request (4xx) or internal (5xx), keeping their status.
_by_status: dict[int, str] = {entry.status: entry.code for entry in _BUILT_IN}

#: A read-only view of every registered code, built-in and application.
CODES: Mapping[str, Code] = MappingProxyType(_codes)


class CodeConflictError(ValueError):
    """A code was registered again with a different status."""


def register_code(code: str, status: int, message: str) -> Code:
    """Register an application code such as ``card_declined`` (402).

    Registering the same code again with the same status is allowed (the
    first message wins); a different status raises :class:`CodeConflictError`.
    """
    code = str(code)
    if not code or not code.isascii() or not code.replace("_", "").isalnum():
        raise ValueError(f"Error code {code!r} must be non-empty ASCII letters, digits or '_'.")
    check_status(status, f"Error code {code!r}")
    with _lock:
        existing = _codes.get(code)
        if existing is not None:
            if existing.status != status:
                allowed = ", ".join(f"{c.code}={c.status}" for c in _codes.values())
                raise CodeConflictError(
                    f"Error code {code!r} is already registered with status "
                    f"{existing.status}; it cannot also mean {status}. Registered: {allowed}."
                )
            return existing
        entry = Code(code, status, str(message))
        _codes[code] = entry
        return entry


def check_status(status: object, what: str) -> int:
    """``status`` if it is an error status (an int from 400 to 599), else :class:`ValueError`."""
    if not isinstance(status, int) or isinstance(status, bool) or not 400 <= status <= 599:
        raise ValueError(f"{what}: status must be an int from 400 to 599, not {status!r}.")
    return status


def lookup(code: str) -> Code:
    """The catalogue entry for a registered code, or :class:`KeyError`."""
    try:
        return _codes[code]
    except KeyError:
        raise KeyError(
            f"Unknown error code {code!r}; register it with a status first. "
            f"Registered: {', '.join(sorted(_codes))}."
        ) from None


def for_status(status: int) -> Code:
    """The catalogue entry that a framework-produced ``status`` maps to."""
    code = _by_status.get(status)
    if code is None:
        code = "internal" if status >= 500 else "invalid_request"
    return _codes[code]
