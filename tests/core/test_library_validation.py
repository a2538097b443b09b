"""pydantic's errors as messages naming fields (error_core._library_validation)."""

from __future__ import annotations

from typing import Any, Literal, Union

import pytest

from error_core._library_validation import library_validation_error

pydantic = pytest.importorskip("pydantic")


class Cat(pydantic.BaseModel):
    type: Literal["cat"]


class Dog(pydantic.BaseModel):
    type: Literal["dog"]


class Owner(pydantic.BaseModel):
    pet: Union[Cat, Dog] = pydantic.Field(discriminator="type")
    name: str


def _message(model: Any, data: object) -> str:
    with pytest.raises(pydantic.ValidationError) as raised:
        model.model_validate(data)
    message = library_validation_error(raised.value).message
    assert isinstance(message, str)
    return message


def test_pydantic_message_quoting_the_clients_tag_is_not_shown() -> None:
    message = _message(Owner, {"pet": {"type": "<script>alert(1)</script>"}, "name": "a"})

    assert "<script>" not in message
    assert message == "pet: Input tag does not match any of the expected tags."


def test_pydantic_message_quoting_the_clients_text_is_not_shown() -> None:
    class Strict(pydantic.BaseModel):
        code: str

        @pydantic.field_validator("code", mode="before")
        @classmethod
        def echo(cls, value: object) -> object:
            raise ValueError(f"{value} is not allowed")

    message = _message(Strict, {"code": "my-SECRET-INPUT"})

    assert "SECRET" not in message
    assert message == "code: Invalid value."


def test_pydantic_messages_without_the_input_are_kept() -> None:
    message = _message(Owner, {"pet": {"type": "cat"}, "name": 7})

    assert message == "name: Input should be a valid string"
