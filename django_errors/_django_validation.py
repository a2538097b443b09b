"""Django's ``ValidationError`` (``full_clean()``, model and form validators) as the envelope."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from error_core import APIError
from error_core._messages import field_errors_message
from error_core._statuses import from_status

from ._drf_details import safe_details

# Said instead of a message that quotes what the client sent (Django's
# "“%(value)s” is not a valid UUID." and alike): an error never reflects input.
QUOTING_INPUT = "Enter a valid value."


def validation_error(exc: ValidationError) -> APIError:
    """400 ``invalid_request`` naming each field with its messages, as for DRF's.

    ``full_clean()`` raises one error per field, its ``clean()`` under
    ``__all__``, which names no field; a plain ``ValidationError("...")``
    gives its messages alone. Messages and field names are bounded as DRF's
    are (:func:`~._drf_details.safe_details`): an application may name a
    field, or word a message, after what the client sent.
    """
    details: object
    if hasattr(exc, "error_dict"):
        details = {field: _texts(errors) for field, errors in exc.error_dict.items()}
    else:
        details = _texts(exc.error_list)
    message = field_errors_message(safe_details(details), non_field_key=NON_FIELD_ERRORS)
    return from_status(400, message or None)


def _texts(errors: list[ValidationError]) -> list[str]:
    return [_text(error) for error in errors]


def _text(error: ValidationError) -> str:
    """The message, formatted as Django formats it, unless it quotes the input."""
    template = str(error.message)
    if not error.params:
        return template
    if "%(value)" in template:
        return QUOTING_INPUT
    return template % error.params
