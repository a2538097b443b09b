"""The application's own error handlers and the envelope's: one outcome, whatever the order.

Flask looks a handler up by status code before class, and in the blueprint
before the app; in one slot the last registration wins. So an application's
``@app.errorhandler(HTTPException)``, ``(404)``, ``(Exception)`` or a
blueprint's handler would replace the envelope or be replaced by it
depending on where ``Errors(app)`` stands. The rule instead:

- A handler *competes* with the envelope when it is registered for a status
  code, for an error the envelope answers (``HTTPException``, ``APIError``
  and their subclasses) or for ``Exception`` (unexpected errors, and in a
  blueprint every error). Handlers for the application's own exception
  types are its mapping, and are left alone.
- By default the envelope wins: competing handlers are taken out and the
  envelope's put back in its slots. With ``ERRORS_KEEP_APP_HANDLERS = True``
  the application's win (the envelope keeps only the slots nobody took).
- Either way each competing handler is named once in a WARNING on the
  ``error_core`` logger. A kept handler's page is left as it is, even an
  empty one (``KEPT_PAGE_KEY``), which ``_returned_pages`` would convert.
- A handler for the application's own exception type may raise an
  ``APIError`` (its mapping of a library's error: an ``IntegrityError`` to
  ``Conflict``): that error is answered with its envelope. Flask alone
  answers whatever an error handler raises with a 500, so each such handler
  is wrapped.

This runs in ``init_app`` and again before the first request, when handlers
registered after ``init_app`` (a blueprint, typically) are known.
"""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable

from flask import Flask, request
from werkzeug.exceptions import HTTPException

from error_core import APIError
from error_core._log import error_logger

KEEP_SETTING = "ERRORS_KEEP_APP_HANDLERS"
_REPORTED_KEY = "errors.app_handlers"
_MARK = "_error_core_envelope"
_MAPPING = "_error_core_mapping"
_KEPT = "_error_core_kept"
# In the WSGI environ once a kept handler answered: its page is not converted.
KEPT_PAGE_KEY = "flask_errors.kept_page"

Handler = Callable[..., Any]


def envelope_handler(handler: Handler) -> Handler:
    """Mark ``handler`` as one of the envelope's (never reported, never taken out)."""
    setattr(handler, _MARK, True)
    return handler


def reconcile(
    app: Flask,
    ours: dict[type[Exception], Handler],
    *,
    keep: bool,
    answer: Callable[[APIError], Any],
) -> None:
    """Apply the rule above to ``app``'s handlers; ``ours``: the envelope's, by class.

    ``answer`` makes the envelope of an ``APIError`` an application's handler raised.
    """
    reported: set[tuple[Any, ...]] = app.extensions.setdefault(_REPORTED_KEY, set())
    for scope, by_code in list(app.error_handler_spec.items()):
        for code, by_class in list(by_code.items()):
            for cls, handler in list(by_class.items()):
                if getattr(handler, _MARK, False) or getattr(handler, _MAPPING, False):
                    continue
                if not _competes(code, cls):
                    by_class[cls] = _raised_api_error_answered(app, handler, answer)
                    continue
                original = getattr(handler, _KEPT, handler)  # kept in an earlier run
                if not keep:
                    del by_class[cls]
                elif original is handler:
                    by_class[cls] = _kept(app, handler)
                key = (scope, code, cls, original)
                if key not in reported:
                    reported.add(key)
                    _warn(handler, scope, code, cls, keep=keep)
    app_slots = app.error_handler_spec[None][None]
    for cls, handler in ours.items():
        if not (keep and cls in app_slots):
            # Written in place: register_error_handler refuses once a request was handled.
            app_slots[cls] = handler


def _raised_api_error_answered(
    app: Flask, handler: Handler, answer: Callable[[APIError], Any]
) -> Handler:
    """``handler``, whose raised ``APIError`` is answered with the envelope."""
    call = app.ensure_sync(handler)  # an async handler runs as Flask would run it

    @wraps(handler)
    def mapping(error: Exception) -> Any:
        try:
            return call(error)
        except APIError as api_error:
            return answer(api_error)

    setattr(mapping, _MAPPING, True)
    return mapping


def _kept(app: Flask, handler: Handler) -> Handler:
    """``handler``, kept: the page it answers with is the application's choice."""
    call = app.ensure_sync(handler)

    @wraps(handler)
    def kept(error: Exception) -> Any:
        request.environ[KEPT_PAGE_KEY] = True
        return call(error)

    setattr(kept, _KEPT, handler)
    return kept


def _competes(code: int | None, cls: type[BaseException]) -> bool:
    return (
        code is not None
        or issubclass(cls, (HTTPException, APIError))
        or issubclass(HTTPException, cls)  # Exception itself
    )


def _warn(
    handler: Handler, scope: str | None, code: int | None, cls: type[BaseException], *, keep: bool
) -> None:
    name = f"{getattr(handler, '__module__', '?')}.{getattr(handler, '__qualname__', handler)}"
    target = f"status {code}" if code is not None else cls.__name__
    where = "the app" if scope is None else f"blueprint {scope!r}"
    if keep:
        error_logger().warning(
            "The application's error handler %s (for %s in %s) is kept (%s): "
            "the errors it handles do not get the error envelope.",
            name,
            target,
            where,
            KEEP_SETTING,
        )
    else:
        error_logger().warning(
            "The application's error handler %s (for %s in %s) would shadow the error "
            "envelope and is not used; set %s = True to keep the application's handlers.",
            name,
            target,
            where,
            KEEP_SETTING,
        )
