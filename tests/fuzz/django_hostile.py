"""Requests aimed at Django's own error paths: CSRF checks reading bodies, hosts, cookies.

Django answers these before (or around) the view: ``DisallowedHost`` and other
``SuspiciousOperation``s through ``handler400``, a CSRF failure through
``handler403``, a multipart body the parser refuses, too many fields or files,
a ``Content-Length`` no ``int()`` takes.
"""

from __future__ import annotations

from typing import Any, Callable

from hypothesis import strategies as st

from tests.raw import RawRequest, as_bytes

from .drf import BIDI
from .strategies import header_values, hosts, small_text

MAX_FIELDS = 4  # DATA_UPLOAD_MAX_NUMBER_FIELDS here: "too many" fits a small body
MAX_FILES = 2  # DATA_UPLOAD_MAX_NUMBER_FILES
TOKEN = "A" * 32  # a well-formed CSRF secret
hostile = (
    small_text(12).map(as_bytes)
    | st.binary(max_size=16)
    | st.sampled_from(
        [b"", b"\x00", b"\r\n", b'"', b";", b"\xff", b"../../etc/passwd", as_bytes(BIDI[4])]
    )
)
boundaries = st.sampled_from([b"xyz", b"", b"a b", b'"q"', b"-" * 80, b"\xff"]) | st.binary(
    max_size=12
)


@st.composite
def multipart(draw: Callable[..., Any], boundary: bytes) -> bytes:
    """A multipart body, well or badly formed, with hostile names, files and encodings."""
    parts = []
    for _ in range(draw(st.integers(0, MAX_FIELDS + 2))):
        name = draw(st.sampled_from([b"csrfmiddlewaretoken", b"f", b"a[]"]) | hostile)
        disposition = b'form-data; name="' + name + b'"'
        if draw(st.booleans()):
            disposition += b'; filename="' + draw(hostile) + b'"'
        headers = [b"Content-Disposition: " + disposition]
        if draw(st.booleans()):
            headers.append(
                b"Content-Transfer-Encoding: "
                + draw(st.sampled_from([b"base64", b"quoted-printable", b"8bit"]) | hostile)
            )
        if draw(st.booleans()):
            headers.append(b"Content-Type: " + draw(st.sampled_from([b"text/plain"]) | hostile))
        value = draw(st.sampled_from([TOKEN.encode(), b"=", b"!!!"]) | hostile)
        parts.append(b"--" + boundary + b"\r\n" + b"\r\n".join(headers) + b"\r\n\r\n" + value)
    end = draw(st.sampled_from([b"\r\n--" + boundary + b"--\r\n", b"", b"\r\n--" + boundary]))
    return b"\r\n".join(parts) + end


cookies = st.lists(
    st.tuples(st.sampled_from([b"csrftoken", b"sessionid", b"a", b""]) | hostile, hostile),
    max_size=4,
).map(lambda pairs: b"; ".join(name + b"=" + value for name, value in pairs))
# Past sys.maxsize (a stream's read() refuses it), past int()'s 4,300 digits, not digits.
lengths = st.one_of(
    st.sampled_from([b"-1", b"+5", b"1e3", b"0x10", b"\xd9\xa3", b"9223372036854775808"]),
    st.integers(2**63, 10**30).map(lambda n: str(n).encode()),
    st.integers(4300, 20_000).map(lambda n: b"9" * n),
)


@st.composite
def requests(draw: Callable[..., Any]) -> tuple[RawRequest, bool]:
    """A request to the CSRF-protected view (or not), and whether it came over HTTPS."""
    headers: list[tuple[str, bytes]] = []
    body = b""
    kind = draw(st.sampled_from(["multipart", "form", "none"]))
    if kind == "multipart":
        boundary = draw(boundaries)
        headers.append(("Content-Type", b"multipart/form-data; boundary=" + boundary))
        body = draw(multipart(boundary))
    elif kind == "form":
        headers.append(("Content-Type", b"application/x-www-form-urlencoded"))
        body = draw(st.sampled_from([b"csrfmiddlewaretoken=" + TOKEN.encode(), b"a=1&" * 5]))
        body += draw(hostile)
    if draw(st.booleans()):
        headers.append(("Cookie", draw(cookies)))
    for name in ("X-CSRFToken", "Origin", "Referer"):
        if draw(st.booleans()):
            headers.append((name, draw(hostile | header_values)))
    if draw(st.integers(0, 2)) == 0:
        headers.append(("Content-Length", draw(lengths)))
        body = b""  # the only Content-Length the server hands over
    request = RawRequest(
        method=draw(st.sampled_from(["POST", "POST", "PUT", "DELETE", "GET"])),
        path=draw(st.sampled_from([b"/csrf/x", b"/csrf/x", b"/fuzz/x"])),
        headers=headers,
        body=body,
        host=draw(st.sampled_from([b"localhost", b"localhost"]) | hosts),
    )
    return request, draw(st.booleans())
