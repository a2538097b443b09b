"""Property: error_core.client gives only its typed errors, whatever a server sends."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from error_core import RateLimited
from error_core.client import ReceivedError, from_response

from .test_client_hostile import BUILDERS, closed

header_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"), max_size=60
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["code", "message", "request_id", "x"]), children)
    ),
    max_leaves=12,
)
bodies = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.integers(1, 200_000).map(lambda depth: b"[" * depth),
    st.builds(
        lambda code, message, rid: json.dumps(
            {"code": code, "message": message, "request_id": rid}
        ).encode(),
        st.sampled_from(["not_found", "rate_limited", "internal", "x" * 201, "bad code"]),
        st.text(max_size=30) | st.integers(),
        st.text(max_size=30) | st.none(),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    builder=st.sampled_from(sorted(BUILDERS)),
    status=st.integers(400, 999),
    retry_after=st.none() | header_text | st.text("0123456789\u00b2\u0663", max_size=5000),
    request_id=st.none() | header_text,
    body=bodies,
)
def test_from_response_gives_only_its_typed_errors_for_any_response(
    builder: str, status: int, retry_after: str | None, request_id: str | None, body: bytes
) -> None:
    headers = [("Content-Type", "application/json")]
    if retry_after is not None:
        headers.append(("Retry-After", retry_after))
    if request_id is not None:
        headers.append(("Request-Id", request_id))
    try:
        response = BUILDERS[builder](status, headers, body)
    except (ValueError, UnicodeError, TypeError):
        assume(False)  # a value this library cannot even hold: not from_response's input
        raise
    try:
        error = from_response(response)
    finally:
        closed(response)
    assert isinstance(error, ReceivedError)
    assert error.status == status
    if isinstance(error, RateLimited) and error.retry_after is not None:
        assert 0 <= error.retry_after < 10**10
    str(error), repr(error)
