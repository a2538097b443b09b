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
"""

from __future__ import annotations

from typing import Any, cast

from flask import Request


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
