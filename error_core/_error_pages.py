"""Which error responses an adapter turns into the envelope rather than pass on.

An API has no HTML error pages: a 4xx/5xx response that is ``text/html``
(a framework's page, or one the application built itself) is converted, and
so is one with neither a body nor a ``Content-Type`` (DRF's
``Response(status=400)``, Flask's ``return "", 400`` made without a type),
which tells a client nothing. Any other body the application chose (its own
JSON, plain text, a file) is its answer and is passed on.
"""

from __future__ import annotations


def is_error_page(content_type: str | None, *, empty: bool) -> bool:
    """Whether an error response with this ``Content-Type`` (and body) is a page to convert."""
    if content_type is None:
        return empty
    # Media types are case-insensitive (RFC 9110, 8.3.1).
    return content_type.lstrip().lower().startswith("text/html")
