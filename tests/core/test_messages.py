"""One readable line from nested field errors (framework-free)."""

from __future__ import annotations

import pytest

from error_core._messages import MAX_FIELDS, MAX_MESSAGE, field_errors_message


@pytest.mark.parametrize(
    ("errors", "message"),
    [
        ({"name": ["This field is required."]}, "name: This field is required."),
        (
            {"name": ["This field is required."], "age": ["A valid integer is required."]},
            "name: This field is required. age: A valid integer is required.",
        ),
        (
            {"owner": {"email": ["Enter a valid email address."]}},
            "owner.email: Enter a valid email address.",
        ),
        # DRF's ListField reports child errors by position.
        ({"tags": {1: ["Not a valid string."]}}, "tags[1]: Not a valid string."),
        # A list serializer (many=True): one entry per item, empty when it is valid.
        ([{}, {"name": ["This field is required."]}], "[1].name: This field is required."),
        (
            {"items": [{}, {"sku": ["Unknown SKU."]}, {"qty": ["Too many."]}]},
            "items[1].sku: Unknown SKU. items[2].qty: Too many.",
        ),
        # Several messages for one field each name it.
        ({"code": ["Too short.", "Not hexadecimal."]}, "code: Too short. code: Not hexadecimal."),
        (["Invalid input."], "Invalid input."),
        ([" One\nline,  at last. "], "One line, at last."),
        ("Just one message.", "Just one message."),
        ({"name": "not in a list"}, "name: not in a list"),
        ({"count": [3]}, "count: 3"),
    ],
)
def test_names_each_offending_field(errors: object, message: str) -> None:
    assert field_errors_message(errors) == message


def test_messages_without_a_final_stop_are_separated_by_semicolons() -> None:
    errors = {"name": ["required"], "age": ["must be an integer"], "email": ["Invalid."]}

    assert field_errors_message(errors) == (
        "name: required; age: must be an integer; email: Invalid."
    )


def test_non_field_errors_name_no_field() -> None:
    errors = {"non_field_errors": ["Start must be before end."], "end": ["Too late."]}

    assert field_errors_message(errors, non_field_key="non_field_errors") == (
        "Start must be before end. end: Too late."
    )
    assert field_errors_message(errors).startswith("non_field_errors: Start")


def test_nested_non_field_errors_keep_their_parent() -> None:
    errors = {"period": {"non_field_errors": ["Start must be before end."]}}

    assert field_errors_message(errors, non_field_key="non_field_errors") == (
        "period: Start must be before end."
    )


def test_the_result_is_one_line() -> None:
    errors = {"first\nname": ["Line one.\nLine two.\tTabbed.\r\n"]}

    assert field_errors_message(errors) == "first name: Line one. Line two. Tabbed."


@pytest.mark.parametrize(
    "errors", [{}, [], None, [""], [" \n "], {"name": []}, {"name": [""]}, {"a": {"b": {}}}]
)
def test_no_errors_is_the_empty_string(errors: object) -> None:
    assert field_errors_message(errors) == ""


def test_many_fields_are_counted_not_listed() -> None:
    errors = {f"field{i}": ["Required."] for i in range(MAX_FIELDS + 5)}

    message = field_errors_message(errors)

    assert message.startswith("field0: Required. field1: Required.")
    assert f"field{MAX_FIELDS - 1}: Required. (and 5 more)" in message
    assert f"field{MAX_FIELDS}:" not in message
    assert field_errors_message({"a": ["x"], "b": ["y"]}, limit=1) == "a: x; (and 1 more)"


def test_tuples_and_boolean_keys_are_plain_data() -> None:
    assert field_errors_message({True: ("Yes.",)}) == "True: Yes."


def test_untrusted_keys_name_no_client_text() -> None:
    errors = {
        "json": {
            "name": ["Missing data for required field."],
            "\u202eevil" + "x" * 100: ["Unknown field."],
            "first name": ["Unknown field."],
            "tags": {0: ["Not a valid string.\x00\u202e"]},
        }
    }
    assert field_errors_message(errors, untrusted_keys=True) == (
        "json.name: Missing data for required field. json.(field): Unknown field. "
        "json.(field): Unknown field. json.tags[0]: Not a valid string."
    )


def test_untrusted_keys_cut_long_messages() -> None:
    message = field_errors_message(["Value error, " + "y" * 500], untrusted_keys=True)
    assert len(message) == MAX_MESSAGE
    assert message.endswith("...")
