"""Django's ``ValidationError`` (``full_clean()``, model and form validators) as the envelope."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from error_core import APIError
from error_core._messages import field_errors_message
from error_core._statuses import from_status


def validation_error(exc: ValidationError) -> APIError:
    """400 ``invalid_request`` naming each field with its messages, as for DRF's.

    ``full_clean()`` raises one error per field (``message_dict``), its
    ``clean()`` under ``__all__``, which names no field; a plain
    ``ValidationError("...")`` gives its messages alone.
    """
    details: object = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return from_status(400, field_errors_message(details, non_field_key=NON_FIELD_ERRORS) or None)
