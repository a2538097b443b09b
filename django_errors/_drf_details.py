"""DRF validation details made safe to show: no client input reflected beyond a bounded form.

DRF writes some client input into its messages (``ChoiceField``'s
``"<input>" is not a valid choice.``, the related fields' ``Invalid pk
"<input>"``) and uses a ``DictField``'s keys, which the client chose, as
field names. Before the details become one message:

- a message whose DRF (or Django) code is one that quotes the input is
  replaced by a generic text for that code;
- every other message loses its control, format and bidi characters and is
  cut to :data:`MAX_MESSAGE` characters;
- a key that is not a field-name-like identifier (letters, digits, ``_``,
  ``-``, at most :data:`MAX_NAME` characters) is named ``[key]``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

MAX_MESSAGE = 200
MAX_NAME = 64
_NAME = re.compile(rf"[A-Za-z_][A-Za-z0-9_-]{{0,{MAX_NAME - 1}}}")
GENERIC_KEY = "[key]"

# Codes of messages that quote what the client sent, with a text that does not.
_QUOTING_CODES = {
    "invalid_choice": "Not a valid choice.",
    "does_not_exist": "The object does not exist.",
    "incorrect_type": "Incorrect type.",
}


def safe_details(detail: object) -> object:
    """``detail`` (DRF's nested dicts and lists of messages) with input no longer reflected."""
    if isinstance(detail, Mapping):
        safe: dict[object, object] = {}
        for key, value in detail.items():
            name = key if isinstance(key, int) else _safe_key(key)
            value = safe_details(value)
            if name in safe:  # two keys named alike: their messages together
                safe[name] = _merged(safe[name], value)
            else:
                safe[name] = value
        return safe
    if isinstance(detail, (list, tuple)):
        return [safe_details(item) for item in detail]
    if detail is None:
        return None
    return _safe_message(detail)


def _safe_key(key: object) -> str:
    text = str(key)
    return text if _NAME.fullmatch(text) else GENERIC_KEY


def _merged(first: object, second: object) -> object:
    items = [*(first if isinstance(first, list) else [first])]
    for item in second if isinstance(second, list) else [second]:
        if item not in items:
            items.append(item)
    return items


def _safe_message(message: object) -> str:
    generic = _QUOTING_CODES.get(str(getattr(message, "code", "")))
    if generic is not None:
        return generic
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in str(message)[: MAX_MESSAGE * 2]
        if unicodedata.category(char) not in ("Cf", "Cs", "Co", "Cn")
    )
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."
