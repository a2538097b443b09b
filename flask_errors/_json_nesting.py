"""``request.get_json()``: a body nested deeper than the parser recurses is invalid JSON.

Python's JSON parser raises ``RecursionError``, not ``ValueError``, for about a
thousand ``[`` in a row, a body far under any size limit; Werkzeug calls
``on_json_loading_failed`` (the 400 for a body that is not JSON) for a
``ValueError`` only, so the client's mistake was a 500. The request class the
extension installs hands ``get_json`` a JSON module whose ``loads`` turns that
``RecursionError`` into :class:`NestingTooDeep`, a ``ValueError``: the same 400
as any other body that is not JSON, and ``None`` with ``silent=True``. Only
the parsing of the request body is concerned: a ``RecursionError`` anywhere
else (the application's own recursion, its own ``json.loads``) stays a 500.

webargs (and so APIFairy's ``@body`` and flask-smorest's ``@arguments``) reads
the body itself (``json.loads(request.get_data())``) and turns only a
``JSONDecodeError`` into its 400. A ``RecursionError`` raised inside its
``Parser.load_json`` is the same client's mistake: the handler
:func:`webargs_nesting_handler` gives answers it with the same 400 and leaves
any other ``RecursionError`` to whatever would have handled it.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, cast

from flask import Flask, Request

from error_core import APIError
from error_core._statuses import from_status


class NestingTooDeep(ValueError):
    """The request body's JSON nests deeper than the parser can recurse."""


class _NestingIsInvalid:
    """A JSON module (Flask's ``app.json``) whose ``loads`` says so for too deep a document."""

    __slots__ = ("module",)

    def __init__(self, module: Any) -> None:
        self.module = module

    def loads(self, s: Any, **kwargs: Any) -> Any:
        try:
            return self.module.loads(s, **kwargs)
        except RecursionError as exc:
            raise NestingTooDeep("The JSON document nests too deeply to parse.") from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.module, name)


class _NestingChecked(Request):
    """Flask's request, whose ``json_module`` (set per request by Flask) is wrapped."""

    @property
    def json_module(self) -> Any:
        module = self.__dict__.get("_error_core_json")
        if module is None:
            # Not set for this request: the class's own (Flask's json module).
            module = _NestingIsInvalid(super().json_module)
        return module

    @json_module.setter
    def json_module(self, module: Any) -> None:
        self.__dict__["_error_core_json"] = _NestingIsInvalid(module)


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


_WEBARGS = "webargs.core"
_MARK = "_error_core_webargs_nesting"


def too_deep_for_webargs(exception: RecursionError) -> bool:
    """Whether ``exception`` was raised inside webargs' ``Parser.load_json``."""
    parser = getattr(sys.modules.get(_WEBARGS), "Parser", None)
    code = getattr(getattr(parser, "load_json", None), "__code__", None)
    if code is None:
        return False
    frame = exception.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code is code:
            return True
        frame = frame.tb_next
    return False


def webargs_nesting_handler(
    app: Flask, answer: Callable[[APIError], Any], mark: Callable[[Any], Any]
) -> dict[type[Exception], Any]:
    """The envelope's handler for ``RecursionError``, once the application imported webargs.

    Empty without webargs, or when the application handles ``RecursionError``
    itself. ``mark`` marks the handler as the envelope's.
    """
    if _WEBARGS not in sys.modules:
        return {}
    slots = app.error_handler_spec[None][None]
    current = slots.get(RecursionError)
    if current is not None:
        return {RecursionError: current} if getattr(current, _MARK, False) else {}

    def handle(exc: RecursionError) -> Any:
        if too_deep_for_webargs(exc):
            return answer(from_status(400))
        # What Flask would have called without this handler: the app's handler
        # for a base class (blueprints' come first anyway), else its own 500.
        for cls in type(exc).__mro__:
            other = slots.get(cls)
            if other is not None and other is not handle:
                return app.ensure_sync(other)(exc)
        raise exc

    setattr(handle, _MARK, True)
    return {RecursionError: mark(handle)}
