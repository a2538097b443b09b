"""DRF validation messages never reflect the client's input beyond a bounded, safe form."""

from __future__ import annotations

import json
import unicodedata
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from .utils import assert_envelope

if TYPE_CHECKING:
    from pytest_django.fixtures import Settings

pytestmark = pytest.mark.usefixtures("logs")


@pytest.fixture(autouse=True)
def large_bodies(settings: Settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000_000  # the project's 1 KiB would refuse them


HUGE = "A" * 200_000
CONTROL = "evil\x00\x1b[31m\r\nX-Injected: 1\x7f"
BIDI = "abc\u202edcba\u2066\u200b\ufeff"
HOSTILE = [HUGE, CONTROL, BIDI]
MAX_MESSAGE_LENGTH = 2_000  # ten fields of bounded name and message at most


def message_for(client: Client, body: dict[str, Any]) -> str:
    response = client.post("/t/drf/preferences", json.dumps(body), content_type="application/json")
    envelope = assert_envelope(
        response, 400, "invalid_request", message=json.loads(response.content)["message"]
    )
    message: str = envelope["message"]
    return message


def assert_safe(message: str, hostile: str) -> None:
    assert len(message) <= MAX_MESSAGE_LENGTH
    assert not any(unicodedata.category(char) in ("Cc", "Cf") for char in message)
    # Not even a piece of the input comes back.
    assert hostile[:8] not in message


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_choice_field_does_not_reflect_the_invalid_choice(client: Client, hostile: str) -> None:
    message = message_for(client, {"colour": hostile})

    assert message == "colour: Not a valid choice."


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_list_of_choices_does_not_reflect_the_invalid_choice(
    client: Client, hostile: str
) -> None:
    message = message_for(client, {"picks": ["a", hostile]})

    assert message == "picks[1]: Not a valid choice."


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_nested_choice_does_not_reflect_the_invalid_choice(client: Client, hostile: str) -> None:
    message = message_for(client, {"owner": {"kind": hostile}})

    assert message == "owner.kind: Not a valid choice."


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_dict_field_key_from_the_client_is_not_a_field_name(client: Client, hostile: str) -> None:
    message = message_for(client, {"limits": {hostile: "x"}})

    assert message == "limits.[key]: A valid integer is required."


def test_dict_keys_that_look_like_field_names_are_kept(client: Client) -> None:
    message = message_for(client, {"limits": {"daily": "x", "bad key\n": "y", "bäd": "z"}})

    assert (
        message
        == "limits.daily: A valid integer is required. limits.[key]: A valid integer is required."
    )


def test_every_message_is_bounded_and_printable(client: Client) -> None:
    message = message_for(
        client,
        {
            "colour": CONTROL,
            "limits": {BIDI: HUGE},
            "picks": [HUGE, *[CONTROL] * 49],
            "label": HUGE,
        },
    )

    for hostile in HOSTILE:
        assert_safe(message, hostile)
    assert message.endswith("(and 43 more)")
