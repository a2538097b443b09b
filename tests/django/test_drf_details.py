"""DRF's details made safe: empty details, and keys that become one name."""

from __future__ import annotations

from django_errors._drf_details import GENERIC_KEY, safe_details


def test_a_detail_of_none_stays_none() -> None:
    assert safe_details({"field": None}) == {"field": None}


def test_two_keys_named_alike_keep_both_messages_once_each() -> None:
    detail = {"bad key": ["Too long."], "other bad": ["Too long.", "Not a number."]}

    assert safe_details(detail) == {GENERIC_KEY: ["Too long.", "Not a number."]}
