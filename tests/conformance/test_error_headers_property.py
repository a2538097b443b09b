"""Differential property: any APIError's headers reach the server alike on every adapter."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("flask")
pytest.importorskip("django")

from error_core._header_rules import FRAMING_HEADERS, NOT_FOR_ERRORS, SINGLE_VALUE_HEADERS

from .hostile_apps import SENDERS, Response, given_headers

# Names Django's SecurityMiddleware sets itself when the response lacks them:
# where the error's own value is dropped, Django adds its own (not our rule).
SET_BY_DJANGO = {"x-content-type-options", "referrer-policy", "cross-origin-opener-policy"}
KNOWN = sorted(
    (
        {*FRAMING_HEADERS, *NOT_FOR_ERRORS, *SINGLE_VALUE_HEADERS, "www-authenticate", "vary"}
        | {"allow", "x-a", "content-type", "content-length", "cache-control", "request-id"}
    )
    - SET_BY_DJANGO
)
TOKEN = string.ascii_letters + string.digits + "!#$%&'*+.^_`|~-"


def _spelling(name: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(name), max_size=len(name)).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip(name, upper, strict=True))
    )


names = st.one_of(
    st.sampled_from(KNOWN).flatmap(_spelling),
    st.text(TOKEN, min_size=1, max_size=12),
    st.sampled_from(["Bad Name", "X:Y", "", "caf\u00e9"]),
)
values = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20),
    st.sampled_from(["a\r\nb", "\x01", "caf\u00e9", "\t", "chunked", "close", "gzip"]),
)


def _comparable(response: Response, given: list[tuple[str, str]]) -> tuple[object, ...]:
    status, headers, body = response
    named = {name.lower() for name, _ in given} | {"content-type", "cache-control"}
    request_id = next(v for n, v in headers if n.lower() == "request-id")
    kept = sorted((n, v) for n, v in headers if n.lower() in named and n.lower() != "request-id")
    return status, kept, body.replace(request_id.encode(), b"<id>")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(names, values), max_size=8))
def test_any_errors_headers_reach_the_server_alike_on_every_adapter(
    headers: list[tuple[str, str]],
) -> None:
    path = given_headers(headers)
    answers = {adapter: send(path) for adapter, send in SENDERS.items()}
    first, *others = ((a, _comparable(r, headers)) for a, r in answers.items())
    for adapter, answer in others:
        assert answer == first[1], f"{adapter} differs from {first[0]}"
    for adapter, (status, sent, _) in answers.items():
        assert status == 401, adapter
        lowered = [name.lower() for name, _ in sent]
        assert not set(lowered) & FRAMING_HEADERS, adapter
        assert len(lowered) == len(set(lowered)) or lowered.count("set-cookie") > 1, adapter
        assert lowered.count("content-length") == 1, adapter
