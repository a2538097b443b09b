"""The request-id micro-benchmark's contenders: zero-argument functions returning a str."""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class IdContender:
    name: str
    label: str
    pattern: str  # what every id it makes must look like
    requires: tuple[str, ...] = ()


ID_CONTENDERS = (
    IdContender("ours", "ours (error_core.new_request_id)", r"req_[0-9A-HJKMNP-TV-Z]{26}"),
    IdContender("ulid", "python-ulid (str(ULID()))", r"[0-9A-HJKMNP-TV-Z]{26}", ("ulid",)),
    IdContender("uuid4", "uuid4().hex", r"[0-9a-f]{32}"),
    IdContender("urandom", "os.urandom(16).hex() (floor)", r"[0-9a-f]{32}"),
)
ID_BY_NAME = {c.name: c for c in ID_CONTENDERS}


def _urandom() -> str:
    return os.urandom(16).hex()


def _uuid4() -> str:
    return uuid.uuid4().hex


def function(name: str) -> Callable[[], str]:
    """The id function of a contender (each one called the same way: ``f()``)."""
    if name == "ours":
        from error_core import new_request_id

        return new_request_id
    if name == "ulid":
        from ulid import ULID

        def _ulid() -> str:
            return str(ULID())

        return _ulid
    return {"uuid4": _uuid4, "urandom": _urandom}[name]


def check(name: str, make: Callable[[], str]) -> list[str]:
    """What is wrong with the ids the contender makes."""
    pattern = re.compile(ID_BY_NAME[name].pattern)
    ids = [make() for _ in range(1000)]
    problems = [f"malformed id {i!r}" for i in ids[:3] if not pattern.fullmatch(i)]
    if len(set(ids)) != len(ids):
        problems.append("repeated ids in 1,000 calls")
    return problems
