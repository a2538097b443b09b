"""``flask.g.request_id``: the id of the request being handled, read when asked for.

Flask documents ``app.app_ctx_globals_class`` for lazy attributes on ``g``.
Reading the id instead of storing it costs nothing on a request that never
asks, and needs no hook; a nested request (a test client call inside a view)
and the requests made inside one app context each see their own id.
"""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from flask.ctx import _AppCtxGlobals

from error_core import current_request_id

from ._guard import ID_KEY

NAME = "request_id"


def _request_id() -> str | None:
    """The current id; in a copied request context (another thread), that request's."""
    request_id = current_request_id()
    if request_id is None and has_request_context():
        request_id = request.environ.get(ID_KEY)
    return request_id


class RequestIdGlobals(_AppCtxGlobals):
    """``g`` with ``request_id``; a value the app sets on ``g`` itself wins."""

    def __getattr__(self, name: str) -> Any:
        if name == NAME:
            request_id = _request_id()
            if request_id is not None:
                return request_id
        return super().__getattr__(name)

    def get(self, name: str, default: Any | None = None) -> Any:
        """``g.get(name, default)``, ``request_id`` included."""
        if name == NAME and NAME not in self.__dict__:
            request_id = _request_id()
            return default if request_id is None else request_id
        return super().get(name, default)

    def __contains__(self, item: str) -> bool:
        if item == NAME and _request_id() is not None:
            return True
        return super().__contains__(item)


def with_request_id(base: type[_AppCtxGlobals]) -> type[_AppCtxGlobals]:
    """``base`` (the app's ``g`` class) with ``request_id``; unchanged if it has it."""
    if issubclass(base, RequestIdGlobals):
        return base
    if base is _AppCtxGlobals:
        return RequestIdGlobals
    return type(base.__name__, (RequestIdGlobals, base), {"__module__": base.__module__})
