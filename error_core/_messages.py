"""One readable line from nested validation errors (DRF serializer errors and alike)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Iterator

# A message naming more fields than this stops listing and counts the rest.
MAX_FIELDS = 10
_SENTENCE_ENDS = (".", "!", "?")


def field_errors_message(
    errors: object,
    *,
    non_field_key: str | None = None,
    limit: int = MAX_FIELDS,
) -> str:
    """One line naming each offending field with its message, or ``""`` for no errors.

    ``errors`` is plain data: a string, a list of messages, or a dict from
    field names to more of the same, nested to any depth. Nested fields are
    joined with ``.`` and list positions written ``[i]``::

        {"name": ["This field is required."], "owner": {"email": ["Enter a valid email."]}}
        -> "name: This field is required. owner.email: Enter a valid email."

    Messages under ``non_field_key`` (DRF's ``non_field_errors``) name no
    field. Whitespace (newlines included) is collapsed, so the result is one
    line; after ``limit`` messages the rest are counted, not listed.
    """
    if isinstance(errors, list) and len(errors) == 1 and isinstance(errors[0], str):
        return _one_line(errors[0])  # ValidationError("..."): the common case
    parts = [_part(path, message) for path, message in _flatten(errors, "", non_field_key)]
    if len(parts) > limit:
        parts[limit:] = [f"(and {len(parts) - limit} more)"]
    return " ".join(
        part if index == len(parts) - 1 or part.endswith(_SENTENCE_ENDS) else f"{part};"
        for index, part in enumerate(parts)
    )


def _flatten(errors: object, path: str, non_field_key: str | None) -> Iterator[tuple[str, str]]:
    """Every (field path, message) pair, depth first, in the order given."""
    if _is_mapping(errors):
        for key, value in errors.items():  # type: ignore[attr-defined]
            yield from _flatten(value, _child(path, key, non_field_key), non_field_key)
    elif isinstance(errors, (list, tuple)):
        # A list of messages stays on its field; a list of nested errors
        # (one entry per item of a list field) names each item's position.
        nested = any(isinstance(item, (list, tuple)) or _is_mapping(item) for item in errors)
        for index, item in enumerate(errors):
            yield from _flatten(item, f"{path}[{index}]" if nested else path, non_field_key)
    elif errors is not None:
        message = _one_line(str(errors))
        if message:
            yield path, message


def _is_mapping(value: object) -> bool:
    # The ABC's isinstance is slow: plain dicts, strings and lists never reach it.
    return isinstance(value, dict) or (
        not isinstance(value, (str, list, tuple)) and isinstance(value, Mapping)
    )


def _child(path: str, key: object, non_field_key: str | None) -> str:
    if non_field_key is not None and key == non_field_key:
        return path
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"  # DRF's ListField and DictField key child errors by index
    name = _one_line(str(key))
    return f"{path}.{name}" if path else name


def _one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(text.split())


def _part(path: str, message: str) -> str:
    return f"{path}: {message}" if path else message
