"""A response's headers as one string: look-ups and the header check read it.

Made once per response in one pass of C code, where a loop in Python per
look-up would cost more.
"""

from __future__ import annotations

from typing import Iterable


def header_lines(headers: Iterable[tuple[str, str]]) -> str:
    """``(name, value)`` pairs as one string, ``"\\nname\\rvalue"`` per header.

    Lower-cased, it answers :func:`has_header`; as it is, the header check
    (:func:`~error_core._sendable_headers.unsendable_header`) reads it. A
    valid header holds neither CR nor LF, so for valid headers each ``\\n``
    starts a name and each ``\\r`` ends one.
    """
    return "\n" + "\n".join(map("\r".join, headers))


def has_header(lines: str, name: str) -> bool:
    """Whether ``name`` (any case) is a header of the lower-cased :func:`header_lines`."""
    return f"\n{name.lower()}\r" in lines


def has_header_value(lines: str, name: str, value: str) -> bool:
    """Whether ``name`` has exactly ``value`` in the lower-cased :func:`header_lines`."""
    line = f"\n{name.lower()}\r{value}"
    return lines.endswith(line) or f"{line}\n" in lines
