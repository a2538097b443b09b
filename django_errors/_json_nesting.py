"""A DRF request body nested deeper than the JSON parser recurses: the client's, a 400.

Python's JSON parser raises ``RecursionError``, not ``ValueError``, for about a
thousand ``[`` in a row, a body far under any size limit. DRF's ``JSONParser``
turns only a ``ValueError`` into ``ParseError`` (400), so the client's mistake
escaped as an unexpected exception. One that passed through
``JSONParser.parse`` (or a subclass calling it) is answered as the
``ParseError`` it is; any other ``RecursionError`` stays a 500, including a
plain Django view's own ``json.loads(request.body)``: that parsing, and its
errors, are the application's.
"""

from __future__ import annotations

from error_core._raised_inside import raised_inside_loaded


def too_deep_for_drf_parser(exception: BaseException) -> bool:
    """Whether ``exception`` is a ``RecursionError`` raised inside DRF's ``JSONParser.parse``."""
    return isinstance(exception, RecursionError) and raised_inside_loaded(
        exception, "rest_framework.parsers", "JSONParser.parse"
    )
