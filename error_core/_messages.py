"""One readable line from nested validation errors (DRF serializer errors and alike)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Iterator

# A message naming more fields than this stops listing and counts the rest.
MAX_FIELDS = 10
_SENTENCE_ENDS = (".", "!", "?")
# A field name shown when the keys may be the client's (unknown fields, dict
# keys): short, printable ASCII of the kinds schema names use; any other is
# written UNNAMED, so a message never carries more than this of the input.
_SAFE_NAME = re.compile(r"[A-Za-z0-9_$@-]{1,64}")
UNNAMED = "(field)"
# Messages kept to a line of text: no control, format (bidi) or surrogate.
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff]"
)
MAX_MESSAGE = 200


def field_errors_message(
    errors: object,
    *,
    non_field_key: str | None = None,
    limit: int = MAX_FIELDS,
    untrusted_keys: bool = False,
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

    ``untrusted_keys``: the keys may come from the client (a library that
    reports unknown fields or dict keys by name): a key that is not a short
    plain name is written ``(field)``, and each message loses control and
    format characters and is cut to :data:`MAX_MESSAGE` characters.
    """
    if (
        not untrusted_keys
        and isinstance(errors, list)
        and len(errors) == 1
        and isinstance(errors[0], str)
    ):
        return _one_line(errors[0])  # ValidationError("..."): the common case
    pairs = _flatten(errors, "", non_field_key, untrusted_keys)
    parts = [_part(path, _safe(message) if untrusted_keys else message) for path, message in pairs]
    if len(parts) > limit:
        parts[limit:] = [f"(and {len(parts) - limit} more)"]
    return " ".join(
        part if index == len(parts) - 1 or part.endswith(_SENTENCE_ENDS) else f"{part};"
        for index, part in enumerate(parts)
    )


def _flatten(
    errors: object, path: str, non_field_key: str | None, untrusted: bool = False
) -> Iterator[tuple[str, str]]:
    """Every (field path, message) pair, depth first, in the order given."""
    if _is_mapping(errors):
        for key, value in errors.items():  # type: ignore[attr-defined]
            child = _child(path, key, non_field_key, untrusted)
            yield from _flatten(value, child, non_field_key, untrusted)
    elif isinstance(errors, (list, tuple)):
        # A list of messages stays on its field; a list of nested errors
        # (one entry per item of a list field) names each item's position.
        nested = any(isinstance(item, (list, tuple)) or _is_mapping(item) for item in errors)
        for index, item in enumerate(errors):
            item_path = f"{path}[{index}]" if nested else path
            yield from _flatten(item, item_path, non_field_key, untrusted)
    elif errors is not None:
        message = _one_line(str(errors))
        if message:
            yield path, message


def _is_mapping(value: object) -> bool:
    # The ABC's isinstance is slow: plain dicts, strings and lists never reach it.
    return isinstance(value, dict) or (
        not isinstance(value, (str, list, tuple)) and isinstance(value, Mapping)
    )


def _child(path: str, key: object, non_field_key: str | None, untrusted: bool = False) -> str:
    if non_field_key is not None and key == non_field_key:
        return path
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"  # DRF's ListField and DictField key child errors by index
    name = _one_line(str(key))
    if untrusted and _SAFE_NAME.fullmatch(name) is None:
        name = UNNAMED
    return f"{path}.{name}" if path else name


def _one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(text.split())


def _part(path: str, message: str) -> str:
    return f"{path}: {message}" if path else message


def _safe(message: str) -> str:
    """``message`` without control or format characters, at most :data:`MAX_MESSAGE` long."""
    message = _one_line(_UNSHOWABLE.sub("", message))
    return message if len(message) <= MAX_MESSAGE else f"{message[: MAX_MESSAGE - 3]}..."
