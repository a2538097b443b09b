"""marshmallow's and pydantic's ``ValidationError``: the client's mistake, 400 naming the fields.

A view that validates the client's data with one of these libraries and
lets its ``ValidationError`` escape meant "this input is wrong", not "the
server failed": both adapters answer it with 400 ``invalid_request`` naming
each offending field (never the client's input), where the framework alone
would answer 500. None of these libraries is imported: their classes are
found in ``sys.modules``, which holds them once the application imported them.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from ._errors import APIError
from ._messages import field_errors_message
from ._statuses import from_status

# (module, class name) of each validation error answered with 400.
_VALIDATION_ERRORS = (
    ("marshmallow.exceptions", "ValidationError"),
    ("pydantic_core._pydantic_core", "ValidationError"),
    ("pydantic.v1.error_wrappers", "ValidationError"),
    ("pydantic.error_wrappers", "ValidationError"),
)


def library_validation_classes() -> list[type[Exception]]:
    """The validation error classes of the libraries the application has imported."""
    return list(_imported_classes())


def is_library_validation_error(exception: BaseException) -> bool:
    """Whether ``exception`` is one of those libraries' ``ValidationError``."""
    return isinstance(exception, tuple(_imported_classes()))


def _imported_classes() -> Iterator[type[Exception]]:
    modules = sys.modules
    for module_name, class_name in _VALIDATION_ERRORS:
        cls = getattr(modules.get(module_name), class_name, None)
        if isinstance(cls, type) and issubclass(cls, Exception):
            yield cls


def library_validation_error(exc: BaseException, status: int = 400) -> APIError:
    """``status`` ``invalid_request`` (or the status's code) naming each offending field."""
    errors = getattr(exc, "errors", None)
    if callable(errors):  # pydantic: a list of {"loc": (...), "msg": "..."}
        details: Any = _pydantic_details(exc)
    else:  # marshmallow
        details = getattr(exc, "messages", None)
    return from_status(status, fields_message(details))


def fields_message(details: object) -> str | None:
    """The message naming each field of ``details`` (keys the client may have chosen)."""
    return field_errors_message(details, untrusted_keys=True) or None


# pydantic error types whose message quotes the client's input (the tag it sent),
# pydantic 2's and 1's, and what is said instead.
_QUOTING_TYPES = frozenset(
    ("union_tag_invalid", "value_error.discriminated_union.invalid_discriminator")
)
_TAG_MESSAGE = "Input tag does not match any of the expected tags."
# A message quoting a text input of the client's this long is not shown.
_QUOTED_INPUT_MIN = 3


def _pydantic_details(exc: Any) -> dict[Any, Any]:
    try:
        # The input is read only to keep it out of the messages: never shown.
        errors = exc.errors(include_url=False)
    except TypeError:  # pydantic 1 has no such argument (and no input in its errors)
        errors = exc.errors()
    details: dict[Any, Any] = {}
    for error in errors:
        node = details
        location = tuple(error.get("loc", ())) or ("__root__",)
        for part in location[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):  # the field has messages of its own: join them
                location = (part,)
                break
            node = child
        node.setdefault(location[-1], []).append(_pydantic_message(error))
    return details


def _pydantic_message(error: dict[str, Any]) -> str:
    """The message of one pydantic error, unless it quotes the client's input."""
    message = str(error.get("msg", ""))
    if error.get("type") in _QUOTING_TYPES:
        return _TAG_MESSAGE
    value = error.get("input")
    if isinstance(value, str) and len(value) >= _QUOTED_INPUT_MIN and value in message:
        return "Invalid value."
    return message
