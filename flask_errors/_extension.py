"""The Flask extension: every error leaving the app is the error-core envelope."""

from __future__ import annotations

import logging
import sys
from typing import Any, Callable

from flask import Flask, Request, Response, current_app, got_request_exception, request
from werkzeug.exceptions import HTTPException, SecurityError

from error_core import APIError, InternalError
from error_core import _request_id as ids
from error_core._error_response import error_response
from error_core._log import ExcInfo, install_record_factory
from error_core._settings import Settings
from error_core._statuses import from_status
from error_core._tracing import record_exception

from . import _guard as guard
from . import _httpauth as httpauth
from ._app_handlers import envelope_handler, reconcile
from ._globals import with_request_id
from ._json_nesting import nesting_checked, webargs_body_handlers
from ._log_records import copied_context_id
from ._validation import (
    apifairy_answers_itself,
    is_apifairy_handler,
    messages_error,
    validation_error,
    validation_error_classes,
)

EXTENSION_KEY = "errors"


class Errors:
    """The error-core extension: ``Errors(app)`` or ``Errors().init_app(app)``."""

    def __init__(self, app: Flask | None = None) -> None:
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Validate ``ERRORS_*`` config, register the error handlers, wrap ``app.wsgi_app``.

        The wrapper (:mod:`flask_errors._guard`) gives every request its id
        before any hook runs and every response its ``Request-Id``, and
        answers a failure outside Flask's own handlers with the envelope too.
        ``flask.g.request_id`` reads the id (:mod:`flask_errors._globals`).

        Raises :class:`error_core.SettingsError` for an invalid setting.
        """
        settings = Settings.load(app.config.get)
        keep = settings.keep_app_handlers
        app.extensions[EXTENSION_KEY] = settings
        install_record_factory(copied_context_id)
        app.app_ctx_globals_class = with_request_id(app.app_ctx_globals_class)
        app.request_class = nesting_checked(app.request_class)
        ours: dict[type[Exception], Any] = {
            APIError: _handle_api_error,
            HTTPException: _handle_http_exception,
        }
        ours.update(_limiter_handler())
        if settings.handle_unexpected_in_debug:
            # Takes over from Flask.handle_exception, so it does its work.
            ours[Exception] = _handle_unexpected
        for handler in ours.values():
            envelope_handler(handler)

        def reconcile_all() -> None:
            found = {
                **_validation_handlers(app),
                **webargs_body_handlers(app, _respond, envelope_handler),
            }
            reconcile(app, {**found, **ours}, keep=keep, answer=_respond)
            httpauth.install(app, _respond)

        reconcile_all()
        # Handlers registered after init_app (a blueprint's) are known at the first request.
        guard.install(app, settings, reconcile_all)


def _current_request() -> Request:
    # One proxy lookup instead of one per attribute.
    current: Request = request._get_current_object()  # type: ignore[attr-defined]
    return current


def _respond(error: APIError, exc_info: ExcInfo = None) -> Response:
    current = _current_request()
    environ = current.environ
    wrapper: guard.Guard | None = environ.get(guard.GUARD_KEY)
    if wrapper is None:
        # Dispatched without the guard (app.test_request_context() and a direct call).
        app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
        settings: Settings = app.extensions[EXTENSION_KEY]
        request_id = ids.current_request_id() or ids.new_request_id()
        app_logger: Callable[[int], logging.Logger] = lambda level: app.logger  # noqa: E731
    else:
        app, settings, request_id = wrapper.app, wrapper.settings, environ[guard.ID_KEY]
        app_logger = wrapper.app_logger
    rendered = error_response(
        error,
        request_id=request_id,
        method=current.method,
        path=current.path,
        settings=settings,
        exc_info=exc_info,
        log_fallback=app_logger,  # Flask's own error logger, when nothing handles ours
    )
    return app.response_class(rendered.body, rendered.status, rendered.headers)


def _handle_api_error(error: APIError) -> Response:
    return _respond(error)


def _handle_http_exception(exc: HTTPException) -> Response | HTTPException:
    status = exc.code
    if status is None or status < 400:
        return exc
    data = getattr(exc, "data", None)
    if isinstance(data, dict) and "messages" in data:  # webargs' abort(), flask-smorest's
        return _respond(messages_error(status, data["messages"], exc.get_headers()))
    message = exc.description
    if message == _default_description(type(exc)) or isinstance(exc, SecurityError):
        message = None  # SecurityError's description echoes the untrusted Host
    # Otherwise Werkzeug's convention: an explicit description is shown.
    return _respond(from_status(status, message, exc.get_headers()))


def _limiter_handler() -> dict[type[Exception], Any]:
    """The handler for flask-limiter's breached limits, when it is installed."""
    try:
        from flask_limiter import RateLimitExceeded

        from ._limiter import rate_limit_error
    except ImportError:  # flask-limiter is not installed
        return {}

    def handle(exc: RateLimitExceeded) -> Response | HTTPException:
        if exc.response is not None:
            return exc  # the response the application's on_breach callback built
        return _respond(rate_limit_error(exc))

    return {RateLimitExceeded: handle}


def _validation_handlers(app: Flask) -> dict[type[Exception], Any]:
    """Handlers for the validation errors of the libraries imported by now.

    A class the application (or an extension) handles itself keeps its
    handler; APIFairy's is asked first whether the application set its
    error callback, else the envelope answers.
    """
    taken = app.error_handler_spec[None][None]
    handlers: dict[type[Exception], Any] = {}
    for cls in validation_error_classes():
        current = taken.get(cls)
        if current is None or current is _handle_validation_error:
            handlers[cls] = _handle_validation_error
        elif hasattr(current, _APIFAIRY_HANDLER):
            handlers[cls] = current  # ours, around APIFairy's, from an earlier pass
        elif is_apifairy_handler(current):
            handlers[cls] = _around_apifairy(current)
    return handlers


_APIFAIRY_HANDLER = "_error_core_apifairy"


def _around_apifairy(apifairy_handler: Any) -> Any:
    def handle(exc: Exception) -> Any:
        if apifairy_answers_itself(apifairy_handler):
            return apifairy_handler(exc)
        return _respond(validation_error(exc))

    setattr(handle, _APIFAIRY_HANDLER, apifairy_handler)
    return envelope_handler(handle)


def _handle_validation_error(exc: Exception) -> Response:
    return _respond(validation_error(exc))


envelope_handler(_handle_validation_error)


def _default_description(cls: type[HTTPException]) -> str | None:
    # The nearest class-level string: BadRequestKeyError's is a property.
    for klass in cls.__mro__:
        description = vars(klass).get("description")
        if isinstance(description, str):
            return description
    return None


def _handle_unexpected(exc: Exception) -> Response:
    app: Any = current_app._get_current_object()  # type: ignore[attr-defined]
    got_request_exception.send(app, _async_wrapper=app.ensure_sync, exception=exc)
    exc_info = sys.exc_info()
    app.log_exception(exc_info)
    # Flask's handle_exception, and so its OpenTelemetry instrumentation, never sees it.
    record_exception((type(exc), exc, exc.__traceback__), ids.current_request_id() or "-")
    return _respond(InternalError())
