"""The ``ERRORS_*`` settings, shared by both adapters, validated in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Mapping, NamedTuple

from ._codes import CODES

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


class Problem(NamedTuple):
    """One invalid setting: its name, its stable number (``E00n``) and the message."""

    setting: str
    number: int
    message: str


class SettingsError(ValueError):
    """One or more ``ERRORS_*`` settings are invalid."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def is_header_name(value: object) -> bool:
    """Whether ``value`` is a valid HTTP header name (an RFC 9110 token)."""
    return isinstance(value, str) and _TOKEN.fullmatch(value) is not None


# The request id must not take the place of a header that frames the response,
# that the envelope sets itself or that an error may carry.
RESERVED_RESPONSE_HEADERS = (
    "Allow",
    "Cache-Control",
    "Connection",
    "Content-Encoding",
    "Content-Length",
    "Content-Range",
    "Content-Type",
    "Date",
    "Keep-Alive",
    "Location",
    "Retry-After",
    "Server",
    "Set-Cookie",
    "Trailer",
    "Transfer-Encoding",
    "Upgrade",
    "Vary",
    "WWW-Authenticate",
)
# Trusting one of these would adopt, echo and log a client's credentials.
RESERVED_REQUEST_HEADERS = (
    "Authorization",
    "Cookie",
    "Host",
    "Proxy-Authorization",
)
_HEADER_RULE = "an HTTP header name (letters, digits and !#$%&'*+.^_`|~-)"


def _same_header(name: str) -> str:
    """One spelling for names a server treats as one header.

    WSGI and CGI servers (and Django's ASGI handler) read ``Proxy_Authorization``
    and ``Proxy-Authorization`` into the same ``HTTP_PROXY_AUTHORIZATION`` key.
    """
    return name.lower().replace("_", "-")


def _header_check(reserved: tuple[str, ...]) -> Callable[[str, Any], str | None]:
    normalized = {_same_header(header) for header in reserved}

    def check(name: str, value: Any) -> str | None:
        if is_header_name(value) and _same_header(value) not in normalized:
            return None
        return f"{name} must be {_HEADER_RULE} other than {', '.join(reserved)}; not {value!r}."

    return check


def _boolean(name: str, value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    return f"{name} must be True or False, not {value!r}."


def _messages(name: str, value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return f"{name} must be a dict from error codes to messages, not {value!r}."
    for code, message in value.items():
        if code not in CODES:
            return (
                f"{name}: {code!r} is not an error code; the codes are "
                f"{', '.join(sorted(CODES))} (define an application's code before it is used here)."
            )
        if not isinstance(message, str) or not message.strip():
            return f"{name}[{code!r}] must be a non-empty string, not {message!r}."
    return None


_NO_MESSAGES: Mapping[str, str] = MappingProxyType({})


class _Option(NamedTuple):
    name: str
    number: int
    default: Any
    check: Callable[[str, Any], str | None]


# The numbers are the stable check ids (django_errors.E001...): never reuse one.
OPTIONS = (
    _Option("ERRORS_REQUEST_ID_HEADER", 1, "Request-Id", _header_check(RESERVED_RESPONSE_HEADERS)),
    _Option("ERRORS_TRUST_INCOMING_REQUEST_ID", 2, False, _boolean),
    _Option(
        "ERRORS_INCOMING_REQUEST_ID_HEADER",
        3,
        "X-Request-Id",
        _header_check(RESERVED_REQUEST_HEADERS),
    ),
    _Option("ERRORS_HANDLE_UNEXPECTED_IN_DEBUG", 4, False, _boolean),
    _Option("ERRORS_EXPOSE_REQUEST_ID_HEADER", 5, True, _boolean),
    _Option("ERRORS_MESSAGES", 6, _NO_MESSAGES, _messages),
    # The application's own error handlers answer (Flask's @errorhandler,
    # Django's handler404...) instead of the envelope.
    _Option("ERRORS_KEEP_APP_HANDLERS", 7, False, _boolean),
)


@dataclass(frozen=True)
class Settings:
    """The validated ``ERRORS_*`` settings of one application."""

    request_id_header: str = "Request-Id"
    trust_incoming_request_id: bool = False
    incoming_request_id_header: str = "X-Request-Id"
    handle_unexpected_in_debug: bool = False
    expose_request_id_header: bool = True
    #: Default message per code, for errors raised or produced without one.
    messages: Mapping[str, str] = field(default_factory=lambda: _NO_MESSAGES, hash=False)
    keep_app_handlers: bool = False

    @classmethod
    def load(cls, get: Callable[[str, Any], Any]) -> Settings:
        """Read and validate every option through ``get(name, default)``.

        Raises :class:`SettingsError` naming each invalid setting.
        """
        values, problems = _read(get)
        if problems:
            raise SettingsError(problems)
        return cls(**values)


def check(get: Callable[[str, Any], Any]) -> list[Problem]:
    """Every problem with the settings read through ``get(name, default)``."""
    return _read(get)[1]


def _read(get: Callable[[str, Any], Any]) -> tuple[dict[str, Any], list[Problem]]:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for option in OPTIONS:
        value = get(option.name, option.default)
        message = option.check(option.name, value)
        if message is None:
            if option.name == "ERRORS_MESSAGES":
                value = MappingProxyType(dict(value))  # a copy nobody can change afterwards
            values[option.name.removeprefix("ERRORS_").lower()] = value
        else:
            problems.append(Problem(option.name, option.number, message))
    return values, problems
