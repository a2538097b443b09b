"""The incoming-id corpus: every hostile value refused, every valid one accepted."""

from __future__ import annotations

import pytest

from error_core._request_id import choose_request_id, is_valid_incoming, new_request_id

from .id_corpus import HOSTILE, REPEATED, VALID


def test_the_corpus_is_as_large_as_promised() -> None:
    assert len(HOSTILE) >= 300
    assert len(VALID) >= 50
    assert not set(HOSTILE) & set(VALID)


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_id_is_never_adopted(value: str) -> None:
    assert not is_valid_incoming(value)
    for trust in (False, True):
        chosen = choose_request_id(value, trust_incoming=trust)
        assert chosen != value
        assert len(chosen) == len(new_request_id())


@pytest.mark.parametrize("value", VALID)
def test_a_valid_id_is_adopted_only_when_trusted(value: str) -> None:
    assert is_valid_incoming(value)
    assert choose_request_id(value, trust_incoming=True) == value
    assert choose_request_id(value, trust_incoming=False) != value


@pytest.mark.parametrize(("first", "second"), REPEATED)
def test_repeated_headers_joined_by_a_server_are_never_adopted(first: str, second: str) -> None:
    for joined in (f"{first},{second}", f"{first}, {second}"):
        assert choose_request_id(joined, trust_incoming=True) != joined
