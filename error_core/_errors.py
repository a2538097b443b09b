"""The APIError hierarchy: errors are data (code, status, default message)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Iterable, TypeAlias

from . import _codes as codes

Headers: TypeAlias = Mapping[str, str] | Iterable[tuple[str, str]] | None


class APIError(Exception):
    """An error the API reports to its client as the JSON envelope.

    ``APIError(message, code=..., status=...)`` with a code nobody registered
    is an ad hoc error: its code, status and message are its own, and the
    code table does not change. A registered code given without a status
    takes the registered status and message.
    """

    code: ClassVar[str] = codes.ErrorCode.INTERNAL.value
    status: ClassVar[int] = 500
    message: ClassVar[str] = codes.CODES["internal"].message
    #: Whether the message was given when raising; if not, the ``ERRORS_MESSAGES``
    #: setting may replace the code's default one.
    explicit_message: bool = False

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
            entry = codes.define(cls.code, cls.status, message, cls)
            if "message" not in cls.__dict__:
                cls.message = entry.message

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        headers: Headers = None,
    ) -> None:
        self.explicit_message = message is not None
        if code is not None or status is not None:
            # Read from the code table, never written to: raising changes nothing global.
            if code is None:
                status = codes.check_status(status, type(self).__name__)
                entry = codes.for_status(status)
                code = entry.code
            else:
                # A registered code is valid: only an ad hoc one needs checking.
                registered = codes.CODES.get(code) if isinstance(code, str) else None
                code = codes.check_code(code) if registered is None else registered.code
                if status is None:
                    entry = registered or codes.lookup_for_error(code)
                    status = entry.status
                else:
                    status = codes.check_status(status, type(self).__name__)
                    if registered is None:  # ad hoc: the default message of its status
                        entry = codes.for_status(status)
                    else:
                        codes.check_same_status(registered, status)
                        entry = registered
            self.code = code  # type: ignore[misc]
            self.status = status  # type: ignore[misc]
            if message is None:
                message = entry.message
        self.message = self.message if message is None else str(message)  # type: ignore[misc]
        self._headers = header_items(headers)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, status={self.status})"

    def headers(self) -> list[tuple[str, str]]:
        """The extra response headers of this error (``Retry-After``, ``Allow``...)."""
        return list(self._headers)


def header_items(headers: Headers) -> list[tuple[str, str]]:
    """``headers`` (a mapping or name/value pairs) as a list of string pairs."""
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
        headers: Headers = None,
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


class InternalError(APIError):
    """An unexpected failure on the server side."""

    code = codes.ErrorCode.INTERNAL.value
    status = 500
