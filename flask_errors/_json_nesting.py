"""``request.get_json()``: a body nested deeper than the parser recurses is invalid JSON.

Python's JSON parser raises ``RecursionError``, not ``ValueError``, for about a
thousand ``[`` in a row, a body far under any size limit; Werkzeug calls
``on_json_loading_failed`` (the 400 for a body that is not JSON) for a
``ValueError`` only, so the client's mistake was a 500. The request class the
extension installs has a ``get_json`` that answers that ``RecursionError`` as
:class:`NestingTooDeep`, a ``ValueError``: the same 400 as any other body that
is not JSON, and ``None`` with ``silent=True``. Only
the parsing of the request body is concerned: a ``RecursionError`` anywhere
else (the application's own recursion, its own ``json.loads``) stays a 500.

webargs reads the body itself: the parser's ``RecursionError`` and
``ValueError`` raised inside its ``Parser.load_json`` are the client's mistake
too (``error_core._webargs_json``); the handlers :func:`webargs_body_handlers`
gives answer them with the same 400 and leave any other ``RecursionError`` or
``ValueError`` to whatever would have handled it.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, cast

from flask import Flask, Request

from error_core import APIError
from error_core._webargs_json import PARSER_ERRORS, WEBARGS_MODULE, webargs_json_error


class NestingTooDeep(ValueError):
    """The request body's JSON nests deeper than the parser can recurse."""


class _NestingChecked(Request):
    """Flask's request, whose ``get_json`` answers too deep a body as invalid JSON.

    ``get_json`` is overridden rather than ``json_module`` wrapped: Flask sets
    ``json_module`` on every request, and a property would cost each of them.
    """

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        try:
            return super().get_json(force=force, silent=silent, cache=cache)
        except RecursionError as exc:
            # Raised by the parser: nothing else get_json calls recurses.
            if silent:
                return None
            error = NestingTooDeep("The JSON document nests too deeply to parse.")
            error.__cause__ = exc
            return self.on_json_loading_failed(error)


def nesting_checked(request_class: type[Request]) -> type[Request]:
    """``request_class`` whose ``get_json`` answers too deep a body as invalid JSON."""
    if issubclass(request_class, _NestingChecked):
        return request_class  # init_app called again, or another app's class
    if request_class is Request:
        return _NestingChecked
    # The application's own request class keeps its name and everything it adds.
    checked = type(
        request_class.__name__,
        (_NestingChecked, request_class),
        {"__module__": request_class.__module__, "__qualname__": request_class.__qualname__},
    )
    return cast("type[Request]", checked)


_MARK = "_error_core_webargs_body"


def webargs_body_handlers(
    app: Flask, answer: Callable[[APIError], Any], mark: Callable[[Any], Any]
) -> dict[type[Exception], Any]:
    """The envelope's handlers for the parser's errors, once the application imported webargs.

    One for ``RecursionError`` and one for ``ValueError``, each unless the
    application handles that class itself. ``mark`` marks them as the envelope's.
    """
    if WEBARGS_MODULE not in sys.modules:
        return {}
    slots = app.error_handler_spec[None][None]
    handlers: dict[type[Exception], Any] = {}
    for cls in PARSER_ERRORS:
        current = slots.get(cls)
        if current is None:
            handlers[cls] = mark(_handler(app, answer))
        elif getattr(current, _MARK, False):
            handlers[cls] = current
    return handlers


def _handler(app: Flask, answer: Callable[[APIError], Any]) -> Callable[[Exception], Any]:
    slots = app.error_handler_spec[None][None]

    def handle(exc: Exception) -> Any:
        error = webargs_json_error(exc)
        if error is not None:
            return answer(error)
        # What Flask would have called without ours: the app's handler for a
        # base class (blueprints' come first anyway), else its own 500.
        for cls in type(exc).__mro__:
            other = slots.get(cls)
            if other is not None and not getattr(other, _MARK, False):
                return app.ensure_sync(other)(exc)
        raise exc

    setattr(handle, _MARK, True)
    return handle
