"""Request ids: ``req_`` + ULID, the current id, and validation of incoming ids."""

from __future__ import annotations

import os
import re
import time
from collections import deque
from contextvars import ContextVar, Token

PREFIX = "req_"

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Each random byte becomes one digit from its low 5 bits: 256 = 8 x 32, so the
# digits stay uniform, and 16 bytes give the ULID's 80 random bits.
_RANDOM_DIGITS = bytes(ord(_CROCKFORD[i & 31]) for i in range(256))
# Random parts are drawn from the OS 256 at a time: one getrandom() call per
# id costs more, in a busy process, than the rest of the id. A deque, because
# popleft() is atomic: two threads never take the same part.
_BATCH = 256
_random_parts: deque[str] = deque()
# (millisecond, its 10 time digits): one id after another in the same
# millisecond reuses the encoding.
_time_digits: tuple[int, str] = (-1, "")


def _draw_random_parts() -> None:
    digits = os.urandom(16 * _BATCH).translate(_RANDOM_DIGITS).decode("ascii")
    _random_parts.extend([digits[start : start + 16] for start in range(0, len(digits), 16)])


if hasattr(os, "register_at_fork"):  # pragma: no branch - POSIX only
    # A forked child (a gunicorn worker) must not reuse its parent's parts.
    os.register_at_fork(after_in_child=_random_parts.clear)

_INCOMING = re.compile(r"[A-Za-z0-9._:-]{1,128}")

_current: ContextVar[str | None] = ContextVar("error_core._request_id", default=None)


def new_request_id() -> str:
    """A fresh ``req_`` + ULID: 48-bit milliseconds and 80 random bits from the OS.

    The random bits come from ``os.urandom``, drawn in batches; a forked
    child discards what its parent drew, so it never repeats its parent's ids.
    """
    global _time_digits
    millisecond = time.time_ns() // 1_000_000
    cached_millisecond, digits = _time_digits
    if millisecond != cached_millisecond:
        digits = "".join(_CROCKFORD[(millisecond >> shift) & 31] for shift in range(45, -1, -5))
        _time_digits = (millisecond, digits)
    while True:  # other threads may empty a fresh batch first
        try:
            return PREFIX + digits + _random_parts.popleft()
        except IndexError:
            _draw_random_parts()


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
    """Make ``request_id`` current; pass the token to :func:`unbind` when the request ends."""
    return _current.set(request_id)


def unbind(token: Token[str | None]) -> None:
    """Undo :func:`bind`, even from a context other than the one that bound it."""
    try:
        _current.reset(token)
    except ValueError:
        _current.set(None)
