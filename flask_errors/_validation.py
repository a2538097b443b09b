"""Validation errors of popular libraries as 400/422 ``invalid_request`` naming the fields.

marshmallow's and pydantic's ``ValidationError`` escaping a view are the
client's mistake (400), not a 500, as on Django (``error_core._library_validation``);
webargs and flask-smorest raise an ``HTTPException`` (422) whose
``data["messages"]`` holds the fields; APIFairy raises its own
``ValidationError`` with the same messages. None of these libraries is
imported: their classes are found in ``sys.modules``, which holds them once
the application imported them.
"""

from __future__ import annotations

import sys
from typing import Any

from error_core import APIError
from error_core._library_validation import (
    fields_message,
    library_validation_classes,
    library_validation_error,
)
from error_core._statuses import from_status

_APIFAIRY = "apifairy.exceptions"
# webargs keys its messages by where a field was read: not a field name.
_LOCATIONS = frozenset(
    ("json", "query", "querystring", "form", "headers", "cookies", "files", "view_args", "path")
)


def validation_error_classes() -> list[type[Exception]]:
    """The validation error classes of the libraries the application has imported."""
    found = library_validation_classes()
    apifairy = getattr(sys.modules.get(_APIFAIRY), "ValidationError", None)
    return found if apifairy is None else [*found, apifairy]


def validation_error(exc: Exception, status: int = 400) -> APIError:
    """``status`` ``invalid_request`` (or the status's code) naming each offending field."""
    if type(exc).__module__ == _APIFAIRY:  # its status and webargs' messages
        return messages_error(getattr(exc, "status_code", status), getattr(exc, "messages", None))
    return library_validation_error(exc, status)


def is_apifairy_handler(handler: object) -> bool:
    """Whether ``handler`` is the one APIFairy registers for its ``ValidationError``."""
    return getattr(handler, "__module__", None) == "apifairy.core"


def apifairy_answers_itself(handler: object) -> bool:
    """Whether APIFairy's ``handler`` calls a callback the application set.

    It calls the callback ``@apifairy.error_handler`` sets (at any time,
    so this is asked per error); left at its default, the answer is
    APIFairy's own shape (``{"messages": ...}``), not the application's choice.
    """
    code = getattr(handler, "__code__", None)
    if code is None:
        return True
    closure = getattr(handler, "__closure__", None) or ()
    cells = dict(zip(code.co_freevars, closure, strict=False))
    owner = getattr(cells.get("self"), "cell_contents", None)
    callback = getattr(owner, "error_handler_callback", None)
    return getattr(callback, "__func__", None) is not getattr(
        type(owner), "default_error_handler", None
    )


def messages_error(status: int, messages: object, headers: Any = None) -> APIError:
    """The error for webargs' ``abort(status, messages=...)`` (and flask-smorest's)."""
    if isinstance(messages, dict) and len(messages) == 1 and next(iter(messages)) in _LOCATIONS:
        # One location (the usual case): its fields are named alone; several stay prefixed.
        messages = next(iter(messages.values()))
    return from_status(status, fields_message(messages), headers)
