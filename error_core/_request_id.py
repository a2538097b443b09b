"""Request ids: ``req_`` + ULID, the current id, and validation of incoming ids."""

from __future__ import annotations

import os
import re
import sys
import time
from contextvars import ContextVar, Token

from . import _structlog

PREFIX = "req_"

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Each random byte becomes one digit from its low 5 bits: 256 = 8 x 32, so the
# digits stay uniform, and 16 bytes give the ULID's 80 random bits.
_RANDOM_DIGITS = bytes(ord(_CROCKFORD[i & 31]) for i in range(256))
# (millisecond, its 10 time digits): one id after another in the same
# millisecond reuses the encoding. Only the time is cached, never randomness.
_time_digits: tuple[int, str] = (-1, "")

_INCOMING = re.compile(r"[A-Za-z0-9._:-]{1,128}")

_current: ContextVar[str | None] = ContextVar("error_core._request_id", default=None)


def new_request_id() -> str:
    """A fresh ``req_`` + ULID: 48-bit milliseconds and 80 random bits from the OS.

    The random bits are drawn from ``os.urandom`` for every id: nothing
    random is kept in the process, so a copy of it (``fork()`` with or without
    Python's at-fork hooks, a restored VM snapshot) cannot repeat its ids.
    """
    global _time_digits
    millisecond = time.time_ns() // 1_000_000
    cached_millisecond, digits = _time_digits
    if millisecond != cached_millisecond:
        digits = "".join(_CROCKFORD[(millisecond >> shift) & 31] for shift in range(45, -1, -5))
        _time_digits = (millisecond, digits)
    return PREFIX + digits + os.urandom(16).translate(_RANDOM_DIGITS).decode("ascii")


def current_request_id() -> str | None:
    """The id of the request being handled, or ``None`` outside a request."""
    return _current.get()


def is_valid_incoming(value: object) -> bool:
    """Whether a client-sent id may be adopted: 1-128 of ``[A-Za-z0-9._:-]``."""
    return isinstance(value, str) and _INCOMING.fullmatch(value) is not None


def choose_request_id(incoming: str | None, *, trust_incoming: bool) -> str:
    """The id for a new request: the incoming one if trusted and valid, else a fresh one."""
    if trust_incoming and incoming is not None and is_valid_incoming(incoming):
        return incoming
    return new_request_id()


def bind(request_id: str) -> Token[str | None]:
    """Make ``request_id`` current; pass the token to :func:`unbind` when the request ends.

    structlog's context variables follow (:mod:`error_core._structlog`).
    """
    token = _current.set(request_id)
    if _structlog.MODULE in sys.modules:
        _structlog.mirror(request_id)
    return token


def unbind(token: Token[str | None]) -> None:
    """Undo :func:`bind`, even from a context other than the one that bound it."""
    try:
        _current.reset(token)
    except ValueError:
        _current.set(None)
    if _structlog.MODULE in sys.modules:
        _structlog.mirror(_current.get())
