"""The code table: every error code with its HTTP status and default message.

Built at import from the built-in codes; an application adds its own codes
once, at start-up (an :class:`~error_core.APIError` subclass, or
:func:`register_code`). Raising an error never changes it.
"""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping


class ErrorCode(enum.StrEnum):
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


@dataclass(frozen=True)
class Code:
    """One entry of the code table."""

    code: str
    status: int
    message: str


# The built-in codes: status and default message...
_BUILT_IN: dict[ErrorCode, tuple[int, str]] = {
    ErrorCode.INVALID_REQUEST: (400, "The request is invalid."),
    ErrorCode.AUTHENTICATION: (401, "The API key is missing or invalid."),
    ErrorCode.PERMISSION_DENIED: (403, "The API key lacks the required permission."),
    ErrorCode.NOT_FOUND: (404, "The requested resource does not exist."),
    ErrorCode.METHOD_NOT_ALLOWED: (405, "The method is not allowed for this resource."),
    ErrorCode.NOT_ACCEPTABLE: (406, "The requested response format is not available."),
    ErrorCode.CONFLICT: (409, "The request conflicts with the current state."),
    ErrorCode.PAYLOAD_TOO_LARGE: (413, "The request body is too large."),
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: (415, "The request body's media type is not supported."),
    ErrorCode.RATE_LIMITED: (429, "Too many requests. Retry later."),
    ErrorCode.INTERNAL: (500, "An unexpected error occurred on our side."),
    ErrorCode.UNAVAILABLE: (503, "The service is temporarily unavailable."),
}
# ...and when each is sent: documentation, shown by the catalogue (whose
# Markdown output is the documentation's table).
_WHEN: dict[ErrorCode, str] = {
    ErrorCode.INVALID_REQUEST: "a field is missing, of the wrong type or out of range; "
    "malformed body; disallowed `Host`",
    ErrorCode.AUTHENTICATION: "API key missing, invalid or revoked",
    ErrorCode.PERMISSION_DENIED: "key valid but lacks the scope; CSRF failure",
    ErrorCode.NOT_FOUND: "resource or route does not exist",
    ErrorCode.METHOD_NOT_ALLOWED: "the method is not allowed (`Allow` header kept)",
    ErrorCode.NOT_ACCEPTABLE: "no acceptable response format",
    ErrorCode.CONFLICT: "the request collides with current state",
    ErrorCode.PAYLOAD_TOO_LARGE: "body over `MAX_CONTENT_LENGTH` / `DATA_UPLOAD_MAX_MEMORY_SIZE`",
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: "body media type not supported",
    ErrorCode.RATE_LIMITED: "too many requests (`Retry-After` when known)",
    ErrorCode.INTERNAL: "anything unexpected; never reveals the exception",
    ErrorCode.UNAVAILABLE: "temporarily unavailable",
}
#: When each built-in code is sent, by code.
WHEN: Mapping[str, str] = MappingProxyType({code.value: when for code, when in _WHEN.items()})

_lock = threading.Lock()
_codes: dict[str, Code] = {c.value: Code(c.value, s, m) for c, (s, m) in _BUILT_IN.items()}
# The code a framework-produced status gets; statuses missing here fall back
# to invalid_request (4xx) or internal (5xx), keeping their status.
_BY_STATUS: Mapping[int, str] = MappingProxyType({e.status: e.code for e in _codes.values()})
# The APIError subclass that defined each code, for the codes one defined.
_classes: dict[str, type] = {}

#: A read-only view of every registered code, built-in and application.
CODES: Mapping[str, Code] = MappingProxyType(_codes)
#: A read-only view of the class that defined each code, where a class did.
CLASSES: Mapping[str, type] = MappingProxyType(_classes)


class CodeConflictError(ValueError):
    """A code was registered again with a different status."""


def register_code(code: str, status: int, message: str) -> Code:
    """Register an application code such as ``card_declined`` (402), once, at start-up.

    Registering the same code again with the same status is allowed (the
    first message wins); a different status raises :class:`CodeConflictError`.
    """
    return define(code, status, message)


def define(code: str, status: int, message: str, defined_by: type | None = None) -> Code:
    """:func:`register_code`, noting the class ``defined_by`` that defines the code."""
    code = check_code(code)
    check_status(status, f"Error code {code!r}")
    with _lock:
        entry = _codes.get(code)
        if entry is None:
            entry = _codes[code] = Code(code, status, str(message))
        check_same_status(entry, status)
        if defined_by is not None:
            _classes.setdefault(code, defined_by)
        return entry


def check_code(code: object) -> str:
    """``code`` as a string if it is a valid code name, else :class:`ValueError`."""
    code = str(code)
    if not code or not code.isascii() or not code.replace("_", "").isalnum():
        raise ValueError(f"Error code {code!r} must be non-empty ASCII letters, digits or '_'.")
    return code


def check_status(status: object, what: str) -> int:
    """``status`` if it is an error status (an int from 400 to 599), else :class:`ValueError`."""
    if not isinstance(status, int) or isinstance(status, bool) or not 400 <= status <= 599:
        raise ValueError(f"{what}: status must be an int from 400 to 599, not {status!r}.")
    return status


def check_same_status(entry: Code, status: int) -> None:
    """:class:`CodeConflictError` unless the registered ``entry`` has ``status``."""
    if entry.status != status:
        raise CodeConflictError(
            f"Error code {entry.code!r} is already registered with status "
            f"{entry.status}; it cannot also mean {status}. Registered: "
            f"{', '.join(f'{c.code}={c.status}' for c in _codes.values())}."
        )


def lookup(code: str) -> Code:
    """The table entry for a registered code, or :class:`KeyError`."""
    try:
        return _codes[code]
    except KeyError:
        raise KeyError(_unknown(code, "")) from None


def lookup_for_error(code: str) -> Code:
    """:func:`lookup` for an error raised without a status: :class:`ValueError` if unknown."""
    try:
        return _codes[code]
    except KeyError:
        raise ValueError(_unknown(code, ", or pass status=... for an ad hoc code")) from None


def _unknown(code: str, or_else: str) -> str:
    return (
        f"Unknown error code {code!r}; register it with a status first{or_else}. "
        f"Registered: {', '.join(sorted(_codes))}."
    )


def for_status(status: int) -> Code:
    """The table entry that a framework-produced ``status`` maps to."""
    code = _BY_STATUS.get(status)
    if code is None:
        code = "internal" if status >= 500 else "invalid_request"
    return _codes[code]
