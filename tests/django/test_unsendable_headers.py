"""A response header a strict server refuses becomes the internal envelope, logged with the id."""

from __future__ import annotations

import logging

import pytest
from django.http import HttpResponse
from django.test import Client

from django_errors._request_cycle import header_pairs

from .utils import assert_envelope


@pytest.mark.parametrize(
    ("name", "value"),
    [("X-Note", "a\x01b"), ("X-Note", "a\x7fb"), ("X Note", "fine"), ("Content-Length", "12a")],
)
def test_a_header_value_the_server_refuses_is_the_internal_envelope_logged_with_the_id(
    client: Client, logs: pytest.LogCaptureFixture, name: str, value: str
) -> None:
    response = client.get("/t/unsendable-header", {"name": name, "value": value})

    envelope = assert_envelope(response, 500, "internal")
    assert "X-Note" not in response
    [record] = [r for r in logs.records if r.name == "error_core"]
    assert record.levelno == logging.ERROR
    assert record.request_id == envelope["request_id"]  # type: ignore[attr-defined]
    assert record.exc_info is not None
    assert "is not one a server can send" in str(record.exc_info[1])


@pytest.mark.parametrize("value", ["tab\tand obs-text \xe9", "", "  spaced  "])
def test_header_values_every_server_sends_are_kept(client: Client, value: str) -> None:
    response = client.get("/t/unsendable-header", {"value": value})

    assert response.status_code == 200
    assert response["X-Note"] == value


class _PlainHeaders(dict[str, str]):
    """Headers without Django's own store: read through ``items()``."""


@pytest.mark.parametrize("plain", [False, True])
def test_the_checked_pairs_are_the_response_s_items(plain: bool) -> None:
    response = HttpResponse("x", headers={"X-Note": "a"})
    if plain:
        response.headers = _PlainHeaders(response.items())  # type: ignore[assignment]
    assert sorted(header_pairs(response)) == sorted(response.items())
