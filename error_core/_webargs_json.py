"""A client's JSON body that Python's parser fails on inside webargs: the client's mistake.

webargs (and so APIFairy's ``@body``, flask-smorest's ``@arguments`` and
``webargs.djangoparser``) reads the body itself (``json.loads``) and turns
only a ``JSONDecodeError`` into its 400. The parser also raises
``RecursionError`` for about a thousand ``[`` in a row and a plain
``ValueError`` for an integer longer than ``sys.get_int_max_str_digits()``
(4,300 digits): raised inside ``Parser.load_json``, they are the same
client's mistake, and both adapters answer them with 400 ``invalid_request``.
The same exceptions raised anywhere else are the application's.
"""

from __future__ import annotations

import json

from ._errors import APIError
from ._raised_inside import raised_inside_loaded
from ._statuses import from_status

WEBARGS_MODULE = "webargs.core"
# What Python's JSON parser raises, besides the JSONDecodeError webargs answers itself.
PARSER_ERRORS: tuple[type[Exception], ...] = (RecursionError, ValueError)
# webargs' message for a body that is not JSON, as its Flask parser answers it; its
# Django parser raises the decoding error instead, answered with the same message.
INVALID_JSON = "Invalid JSON body."


def raised_in_webargs_load_json(exception: BaseException) -> bool:
    """Whether ``exception`` is a :data:`PARSER_ERRORS` raised in webargs' ``load_json``."""
    return isinstance(exception, PARSER_ERRORS) and raised_inside_loaded(
        exception, WEBARGS_MODULE, "Parser.load_json"
    )


def webargs_json_error(exception: BaseException) -> APIError | None:
    """The 400 for a client's body Python's parser failed on inside webargs, else ``None``."""
    if not raised_in_webargs_load_json(exception):
        return None
    if isinstance(exception, (json.JSONDecodeError, UnicodeDecodeError)):
        return from_status(400, INVALID_JSON)
    return from_status(400)
