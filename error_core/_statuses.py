"""Framework statuses as errors: the code a status gets, and the headers it keeps."""

from __future__ import annotations

from typing import Iterable

from ._errors import APIError, Headers, header_items

# Headers a framework's error may carry that still mean something on the
# envelope; everything else the framework attached (its Content-Type, say)
# is dropped.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Content-Range")
_KEPT_LOWER = {name.lower(): name for name in KEPT_HEADERS}


def from_status(status: int, message: str | None = None, headers: Headers = None) -> APIError:
    """The error for a status the framework produced, keeping the headers that matter.

    The code comes from the code table's status table; the status is kept even
    when the table has no entry for it (402 stays 402, as ``invalid_request``).
    """
    kept = []
    for name, value in header_items(headers):
        canonical = _KEPT_LOWER.get(name.lower())
        if canonical == "Allow":
            kept.append((canonical, normalize_allow(value.split(","))))
        elif canonical is not None:
            kept.append((canonical, value))
    return APIError(message, status=status, headers=kept)


def normalize_allow(methods: Iterable[str]) -> str:
    """One spelling of ``Allow`` for both frameworks: upper case, unique, sorted."""
    return ", ".join(sorted({m.strip().upper() for m in methods if m.strip()}))
