"""Request ids: ``req_`` + ULID, the current id, and validation of incoming ids."""

from __future__ import annotations

import base64
import os
import re
import time
from contextvars import ContextVar, Token

PREFIX = "req_"

_RFC4648 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_CROCKFORD = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TO_CROCKFORD = bytes.maketrans(_RFC4648, _CROCKFORD)
# 4 zero bytes in front make 160 bits: 32 base32 digits, of which the last 26
# carry the 128-bit ULID (the top 2 bits of the 7th digit are zero).
_PAD = b"\0\0\0\0"

_INCOMING = re.compile(r"[A-Za-z0-9._:-]{1,128}")

_current: ContextVar[str | None] = ContextVar("error_core.request_id", default=None)


def new_request_id() -> str:
    """A fresh ``req_`` + ULID: 48-bit milliseconds and 80 random bits from the OS.

    Randomness is drawn from ``os.urandom`` for every id, so a forked child
    never repeats its parent's ids.
    """
    ulid = (time.time_ns() // 1_000_000).to_bytes(6, "big") + os.urandom(10)
    digits = base64.b32encode(_PAD + ulid)[6:].translate(_TO_CROCKFORD)
    return PREFIX + digits.decode("ascii")


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
