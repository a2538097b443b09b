"""Django's ``ValidationError`` escaping a plain view: 400 naming each field, input bounded."""

from __future__ import annotations

import asyncio
import json
import logging
import unicodedata
from typing import Any

import pytest
from django.test import AsyncClient, Client

from django_errors._drf_composition import data_message
from django_errors._drf_details import GENERIC_KEY, MAX_MESSAGE

from .utils import assert_envelope
from .views import HOSTILE_FIELD, HOSTILE_MESSAGE

PER_FIELD = "email: Enter a valid email address. Dates overlap."
_UNSAFE = ("Cc", "Cf", "Zl", "Zp")


def _errors(logs: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in logs.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("prefix", ["", "async/"])
def test_djangos_validation_error_in_a_plain_view_is_400_per_field_not_500(
    quiet_client: Client, signals: list[Any], logs: pytest.LogCaptureFixture, prefix: str
) -> None:
    if prefix:
        response = asyncio.run(
            AsyncClient(raise_request_exception=False).get("/t/async/raise/django-validation")
        )
    else:
        response = quiet_client.get("/t/raise/django-validation")

    assert_envelope(response, 400, "invalid_request", PER_FIELD)
    assert signals == []
    assert _errors(logs) == []
    [record] = [r for r in logs.records if r.name == "error_core"]
    assert record.levelno == logging.INFO
    assert record.exc_info is None


def test_djangos_plain_validation_error_in_a_plain_view_says_its_message(
    quiet_client: Client,
) -> None:
    response = quiet_client.get("/t/raise/django-validation-plain")

    assert_envelope(response, 400, "invalid_request", "Quantity exceeds the stock.")


def _assert_bounded(message: str) -> None:
    assert not [c for c in message if unicodedata.category(c) in _UNSAFE], message
    assert "forged" in message  # the message is kept, in its bounded form
    assert HOSTILE_FIELD not in message
    assert len(message) <= len(GENERIC_KEY) + 2 + MAX_MESSAGE


def test_djangos_validation_error_never_echoes_hostile_input_unbounded(
    quiet_client: Client,
) -> None:
    response = quiet_client.get("/t/raise/django-validation-hostile")

    assert response.status_code == 400
    envelope = json.loads(response.content)
    assert envelope["code"] == "invalid_request"
    _assert_bounded(envelope["message"])
    assert envelope["message"].startswith(f"{GENERIC_KEY}: Bad ERROR forged")


@pytest.mark.parametrize(
    "data",
    [
        {HOSTILE_FIELD: [HOSTILE_MESSAGE]},
        {"detail": {HOSTILE_FIELD: HOSTILE_MESSAGE}},
    ],
)
def test_an_application_handlers_data_never_gives_hostile_input_unbounded(data: object) -> None:
    message = data_message(data)

    assert message is not None
    _assert_bounded(message)
    assert message.startswith(f"{GENERIC_KEY}: Bad ERROR forged")


def test_an_application_handlers_detail_text_is_bounded() -> None:
    message = data_message({"detail": HOSTILE_MESSAGE})

    assert message is not None
    assert len(message) <= MAX_MESSAGE
    assert message.startswith("Bad ERROR forged")
