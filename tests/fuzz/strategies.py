"""Hypothesis strategies: hostile requests, random APIErrors, any exception."""

from __future__ import annotations

import builtins
import keyword
from typing import Any, Callable

from hypothesis import strategies as st

from error_core import (
    APIError,
    AuthenticationError,
    Conflict,
    InternalError,
    InvalidRequest,
    NotFound,
    PermissionDenied,
    RateLimited,
    register_code,
)
from tests.apps.errors import CardDeclined
from tests.core.id_corpus import HOSTILE, VALID
from tests.raw import RawRequest, as_bytes

from .apps import ALLOWED_HOSTS, BODY_LIMIT, METHODS, Plan, Raise, Text

# Any code point, lone surrogates included.
ANY_CHAR = st.characters(codec=None, categories=None, exclude_categories=())
NASTY = [
    '"',
    "\\",
    "\n",
    "\r\n",
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\ud800",
    "\udfff",
    "</script>",
    "Traceback (most recent call last):",
    "é",
    "名前",
    "😀",
    "\ufeff",
]


def small_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any short text: nasty pieces and any code point."""
    piece = st.sampled_from(NASTY) | st.text(ANY_CHAR, max_size=max_size)
    return st.lists(piece, max_size=4).map("".join)


def text(max_size: int = 40) -> st.SearchStrategy[Text]:
    """Any text, sometimes up to a megabyte of it (made when used)."""
    short = small_text(max_size).map(Text)
    huge = st.builds(Text, small_text(max_size).map(lambda s: s or "x"), st.integers(1, 2**20))
    return st.one_of(short, short, short, huge)


# Requests ------------------------------------------------------------------------

TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
methods = st.sampled_from([*METHODS, "TRACE", "CONNECT", "PROPFIND", "get", "Post"]) | st.text(
    TOKEN_CHARS, min_size=1, max_size=12
)
PATH_PIECES = [
    b"%",
    b"%zz",
    b"%ff",
    b"%C3",
    b"%C3%28",
    b"%ED%A0%80",
    b"%00",
    b"%0d%0a",
    b"%2e%2e",
    b"..",
    b"//",
    b"\xff\xfe",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\r\n",
    b"\x00",
    b"\x1b[2J",
    b"caf\xc3\xa9",
    b"<script>",
    b";",
    b"?",
    b"#",
]
segment = st.sampled_from(PATH_PIECES) | st.binary(max_size=12)
long_segment = st.tuples(st.sampled_from([b"a", b"%41", b"\xff", b"/"]), st.integers(1, 20_000))
paths = st.tuples(
    st.sampled_from([b"/fuzz/", b"/fuzz/", b"/csrf/", b"/ok", b"/", b""]),
    st.lists(segment | long_segment.map(lambda t: t[0] * t[1]), max_size=5),
).map(lambda t: t[0] + b"".join(t[1]))
queries = st.lists(
    st.sampled_from([b"a=1", b"&", b"=", b"%", b"%zz", b"%ff", b"\xff", b"a=%0d%0a", b"+"])
    | st.binary(max_size=20),
    max_size=5,
).map(b"&".join)
hosts = st.one_of(
    st.sampled_from(ALLOWED_HOSTS).map(str.encode),
    st.sampled_from(ALLOWED_HOSTS).map(lambda h: f"{h}:8000".encode()),
    st.sampled_from(
        [b"evil.example", b"localhost:99999", b"localhost:", b"[::1", b"a b", b"", b"localhost\r\n"]
    ),
    st.binary(max_size=30),
    st.none(),
)
CONTENT_TYPES = [
    b"application/json",
    b"application/json; charset=utf-8",
    b"application/json; charset=latin-1",
    b"application/json; charset=bogus",
    b"application/x-www-form-urlencoded",
    b"application/x-www-form-urlencoded; charset=utf-16",
    b"multipart/form-data",
    b"multipart/form-data; boundary=xyz",
    b"multipart/form-data; boundary=",
    b"text/plain",
    b"text/html; charset=\xff",
]
content_types = st.sampled_from(CONTENT_TYPES) | st.binary(max_size=40)
MULTIPART = (
    b"--xyz\r\n"
    b'Content-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\n'
    b"hello\r\n--xyz--\r\n"
)
bodies = st.one_of(
    st.just(b""),
    st.binary(max_size=300),
    st.sampled_from([b"{}", b'{"a": 1}', b"[", b'"\\ud800"', b"a=1&b=%ff", b"\xff\xfe", MULTIPART]),
    st.integers(BODY_LIMIT - 2, BODY_LIMIT * 3).map(lambda n: b"x" * n),
    # Nesting deep enough for the JSON parser's recursion limit, within the body limit.
    # (only brackets get there: one byte a level).
    st.integers(1, BODY_LIMIT).map(lambda n: b"[" * n),
    st.integers(BODY_LIMIT - 64, BODY_LIMIT).map(lambda n: b"[" * n),
)
HEADER_NAMES = ["Accept", "Cookie", "Origin", "Referer", "X-Forwarded-For", "Authorization"]
header_values = st.binary(max_size=60) | small_text(20).map(as_bytes)
incoming_ids = st.sampled_from(HOSTILE) | st.sampled_from(VALID) | small_text(30)
other_headers = st.lists(
    st.tuples(
        st.sampled_from(HEADER_NAMES) | st.text(TOKEN_CHARS, min_size=1, max_size=15), header_values
    ),
    max_size=4,
)


@st.composite
def requests(draw: Callable[..., Any]) -> RawRequest:
    """A request as a server would hand it over, with hostile parts."""
    headers = draw(other_headers)
    body = draw(bodies)
    if draw(st.booleans()):
        headers.append(("Content-Type", draw(content_types)))
    if draw(st.booleans()):
        ids = draw(st.lists(incoming_ids, min_size=1, max_size=2))
        headers += [("X-Request-Id", as_bytes(value)) for value in ids]
    if draw(st.integers(0, 9)) == 0:
        length = draw(st.sampled_from([b"-1", b"abc", b"99999999999", b"0", b"1_000", b" 5"]))
        headers.append(("Content-Length", length))
    return RawRequest(
        method=draw(methods),
        path=draw(paths),
        query=draw(queries),
        headers=headers,
        body=body,
        host=draw(hosts),
        decode_path=draw(st.booleans()),
    )


# Errors --------------------------------------------------------------------------


class FuzzDeclined(APIError):
    """An application code of the fuzz apps."""

    code = "fuzz_declined"
    status = 402


register_code("fuzz_unavailable", 503, "The fuzz service is unavailable.")
APP_CODES = ["card_declined", "fuzz_declined", "fuzz_unavailable", "not_found", "internal"]
header_names = st.sampled_from(["Retry-After", "WWW-Authenticate", "X-Extra", "Content-Type"])
extra_headers = st.lists(
    st.tuples(header_names | st.text(ANY_CHAR, max_size=10), st.text(ANY_CHAR, max_size=20)),
    max_size=3,
)
messages = st.none() | text()
CLASSES = [
    InvalidRequest,
    AuthenticationError,
    PermissionDenied,
    NotFound,
    Conflict,
    InternalError,
    CardDeclined,
    FuzzDeclined,
]
api_errors = st.one_of(
    st.builds(
        lambda c, m, h: Raise(c, (m,), (("headers", h),)),
        st.sampled_from(CLASSES),
        messages,
        extra_headers,
    ),
    st.builds(
        lambda m, r: Raise(RateLimited, (m,), (("retry_after", r),)),
        messages,
        st.none() | st.integers(0, 10**12),
    ),
    st.builds(
        lambda m, s: Raise(APIError, (m,), (("status", s),)), messages, st.integers(400, 599)
    ),
    st.builds(
        lambda m, c: Raise(APIError, (m,), (("code", c),)), messages, st.sampled_from(APP_CODES)
    ),
)


class UnprintableError(Exception):
    """An exception whose text cannot be had."""

    def __str__(self) -> str:
        raise RuntimeError("str() failed")

    def __repr__(self) -> str:
        raise RuntimeError("repr() failed")


BUILTIN_ERRORS = sorted(
    (
        value
        for value in vars(builtins).values()
        if isinstance(value, type)
        and issubclass(value, Exception)
        and not issubclass(value, (Warning, UnicodeError, StopIteration, StopAsyncIteration))
        and not issubclass(value, BaseExceptionGroup)
    ),
    key=lambda cls: cls.__name__,
)
identifiers = st.from_regex(r"Fz[A-Za-z0-9_]{6,24}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name)
)


def _dynamic(name: str, base: type[Exception]) -> type[Exception]:
    return type(name, (base,), {"__module__": "hidden.module"})


exception_types = st.one_of(
    st.sampled_from(BUILTIN_ERRORS),
    st.builds(_dynamic, identifiers, st.sampled_from(BUILTIN_ERRORS)),
    st.just(UnprintableError),
)


def _unexpected(cls: type[Exception], marker: str, message: str) -> Exception:
    try:
        return cls(f"{marker} {message}")
    except Exception:  # noqa: BLE001 - a type that takes other arguments
        error = Exception(f"{marker} {message}")
        error.__class__ = _dynamic(f"Fz{cls.__name__}Like", Exception)
        return error


def _group(marker: str, errors: list[Exception]) -> BaseException:
    return ExceptionGroup(marker, errors)


def unexpected_exceptions(marker: str) -> st.SearchStrategy[Raise]:
    """Any exception carrying ``marker`` in its text (and sometimes megabytes)."""
    single = st.builds(lambda c, m: Raise(_unexpected, (c, marker, m)), exception_types, text())
    group = st.builds(
        lambda errors: Raise(_group, (marker, errors)), st.lists(single, min_size=1, max_size=3)
    )
    return single | group


@st.composite
def plans(draw: Callable[..., Any], framework: str) -> Plan:
    """What the view does for one request."""
    marker = "SECRET" + draw(st.from_regex(r"[A-Z0-9]{8}", fullmatch=True))
    read = draw(st.sampled_from(["none", "data", "json", "form", "files", "args"]))
    action = draw(st.sampled_from(["ok", "api_error", "unexpected", "unexpected", "framework"]))
    if action == "api_error":
        return Plan(read, action, draw(api_errors), marker=marker)
    if action == "unexpected":
        return Plan(read, action, draw(unexpected_exceptions(marker)), marker=marker)
    if action == "framework":
        if framework == "django" and draw(st.booleans()):
            return Plan(read, action, draw(django_exceptions(marker)), marker=marker)
        statuses = FLASK_STATUSES if framework == "flask" else list(range(400, 600))
        return Plan(read, action, status=draw(st.sampled_from(statuses)), marker=marker)
    return Plan(read, action, marker=marker)


def _flask_statuses() -> list[int]:
    from werkzeug.exceptions import default_exceptions

    return sorted(status for status in default_exceptions if status >= 400)


FLASK_STATUSES = _flask_statuses()


def django_exceptions(marker: str) -> st.SearchStrategy[Raise]:
    """Django's own exceptions: answered with their status, never their text."""
    from django.core.exceptions import (
        BadRequest,
        PermissionDenied,
        RequestDataTooBig,
        SuspiciousFileOperation,
        SuspiciousOperation,
    )
    from django.http import Http404
    from django.http.multipartparser import MultiPartParserError

    classes = [
        Http404,
        PermissionDenied,
        BadRequest,
        SuspiciousOperation,
        SuspiciousFileOperation,
        RequestDataTooBig,
        MultiPartParserError,
    ]
    return st.builds(
        lambda cls, m: Raise(_with_marker, (cls, marker, m)), st.sampled_from(classes), text(30)
    )


def _with_marker(cls: type[Exception], marker: str, message: str) -> Exception:
    return cls(f"{marker} {message}")
