"""Incoming request ids: hostile values that must never be adopted, and valid ones.

Used by the core, Flask and Django tests and by the fuzzers. A hostile value
is never adopted, never echoed in a header and never written raw to a log
line; a valid one is adopted only when ``ERRORS_TRUST_INCOMING_REQUEST_ID``
is on.
"""

from __future__ import annotations

import string

_ALLOWED = set(string.ascii_letters + string.digits + "._:-")


def _hostile() -> list[str]:
    values: list[str] = []
    # CR/LF: header splitting and log forging, alone and around valid ids.
    for base in ("abc", "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W", "trace-1"):
        values += [
            f"{base}\r\nSet-Cookie: session=stolen",
            f"{base}\nINFO [req_forged] error_core forged line",
            f"{base}\r",
            f"{base}\n",
            f"\r\n{base}",
            f"{base}\r\n\r\n<html>",
            f"{base}%0d%0a",
            f"{base}\u2028{base}",
            f"{base}\u2029",
            f"{base}\u0085",
        ]
    # Every C0 control (NUL included), DEL and every C1 control: inside, before, after an id.
    for code in (*range(0x20), *range(0x7F, 0xA0)):
        values += [f"id{chr(code)}1", f"{chr(code)}id", f"id{chr(code)}"]
    # ANSI escape sequences (terminal takeover in a log viewer).
    values += [
        "\x1b[31mred\x1b[0m",
        "\x1b[2J\x1b[H",
        "\x1b]0;owned\x07",
        "\x1b[1A\x1b[2Kforged",
        "req\x1b[8mhidden",
        "\x9b31m",
        "\x1b",
        "a\x1b[6n",
    ]
    # Invisible and look-alike Unicode, and text outside Latin-1.
    values += [
        "abc\u200b",
        "\ufeffabc",
        "abc\u202egnp.exe",
        "abc\u00a0",
        "\uff41\uff42\uff43",  # full-width abc
        "идентификатор",
        "请求编号",
        "🙂",
        "req_é",
        "Ω",
        "abc\U000e0041",
        "\ud800",
        "abc\udfff",
        "abc\uffff",
    ]
    # Every printable ASCII character outside [A-Za-z0-9._:-], inside an id.
    values += [f"id{char}1" for char in string.printable if char not in _ALLOWED]
    # Too long: 129 characters and more, up to 64 KB.
    for length in (129, 130, 200, 256, 1000, 4096, 8192, 65536):
        values += ["a" * length, "7" * length]
    values += ["req_" + "A" * 125, "-" * 129, ":" * 129, ("abc." * 40)[:129]]
    # Repeated headers, as servers join them, and other separators.
    values += [
        "abc,abc",
        "abc, abc",
        "abc,def",
        "req_1,req_2",
        "a,b,c",
        ",abc",
        "abc,",
        "abc;def",
        "abc def",
        "abc\tdef",
    ]
    # Empty and blank.
    values += ["", " ", "  ", "\t", " abc", "abc ", "\tabc"]
    # Injection attempts of every kind.
    values += [
        "<script>alert(1)</script>",
        "${jndi:ldap://127.0.0.1/a}",
        "../../etc/passwd",
        "'; DROP TABLE requests; --",
        "{{7*7}}",
        '"quoted"',
        "%s%s%s%n",
        "%(request_id)s",
        "abc%00",
        "javascript:alert(1)",
        "a=b",
        "a/b",
        "a\\b",
        "a@b",
        "a+b",
        "a*b",
        "a!b",
        "a#b",
        "a$b",
        "a&b",
    ]
    return values


def _valid() -> list[str]:
    values = [
        "a",
        "Z",
        "0",
        "9",
        ".",
        ":",
        "-",
        "_",
        "abc",
        "ABC",
        "a" * 128,
        "7" * 128,
        "-" * 128,
        "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W",
        "req_01JDXR7M3K4P5Q6R7S8T9V0WXY",
        "01H8Z9XJ7M3K4P5Q6R7S8T9V0W",
        "trace:abc.def-1_2",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "0af7651916cd43dd8448eb211c80319c",
        "b7ad6b7169203331",
        "1-67891233-abcdef012345678912345678",
        "f3a1:9c2b:1",
        "lb.frontend-3:42",
        "2024-01-01T12:00:00.000Z",
        "node_7.worker-2",
        "..",
        "a.b.c.d.e",
        "A-B_C.D:E",
        "x" * 127 + "y",
    ]
    uuids = [
        "123e4567-e89b-12d3-a456-426614174000",
        "550e8400-e29b-41d4-a716-446655440000",
        "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
        "00000000-0000-0000-0000-000000000000",
        "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
    ]
    values += uuids + [u.replace("-", "") for u in uuids]
    values += [f"req_{n:026d}" for n in (0, 1, 42, 10**20)]
    values += [f"span-{n}" for n in range(8)]
    return values


HOSTILE: tuple[str, ...] = tuple(dict.fromkeys(_hostile()))
VALID: tuple[str, ...] = tuple(dict.fromkeys(_valid()))
# Pairs sent as two headers of the same name (a server joins them with a comma).
REPEATED: tuple[tuple[str, str], ...] = (
    ("abc", "abc"),
    ("abc", "def"),
    ("req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W", "req_01JDXR7M3K4P5Q6R7S8T9V0WXY"),
    ("a", ""),
    ("", "a"),
    ("trace-1", "trace-1\r\nX: y"),
)
