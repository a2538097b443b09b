"""The Flask extension: every error leaving the app is the error-core envelope."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Iterable

from flask import Flask, Request, Response, current_app, g, got_request_exception, request
from werkzeug.exceptions import BadRequest, HTTPException, SecurityError

from error_core import APIError, InternalError
from error_core import request_id as ids
from error_core.errors import from_status, malformed_request
from error_core.exposure import outgoing_headers
from error_core.lifecycle import start_request
from error_core.log import ExcInfo, install_record_factory
from error_core.responding import error_response
from error_core.settings import Settings
from error_core.streaming import bound_iterator

from . import guard

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

EXTENSION_KEY = "errors"


class Errors:
    """The error-core extension: ``Errors(app)`` or ``Errors().init_app(app)``."""

    def __init__(self, app: Flask | None = None) -> None:
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Validate ``ERRORS_*`` config and register the hooks and error handlers.

        Also wraps ``app.wsgi_app`` (:mod:`flask_errors.guard`), so that a failure
        outside Flask's own handlers is the envelope too.

        Raises :class:`error_core.SettingsError` for an invalid setting.
        """
        settings = Settings.load(app.config.get)
        app.extensions[EXTENSION_KEY] = settings
        install_record_factory()
        # The first hook of a request (URL value preprocessors run before
        # before_request functions) and the last teardown, so that every other
        # hook, view and error handler sees the id, whenever it was registered.
        app.url_value_preprocessors.setdefault(None, []).insert(0, _start_request)
        # Inserted first, so run last: after flask-cors and the app's own hooks.
        app.after_request_funcs.setdefault(None, []).insert(0, _add_request_id_header)
        app.teardown_request_funcs.setdefault(None, []).insert(0, _end_request)
        app.register_error_handler(APIError, _handle_api_error)
        app.register_error_handler(HTTPException, _handle_http_exception)
        _register_limiter(app)
        if settings.handle_unexpected_in_debug:
            # Takes over from Flask.handle_exception, so it does its work.
            app.register_error_handler(Exception, _handle_unexpected)
        guard.install(app, settings)


def _settings() -> Settings:
    settings: Settings = current_app.extensions[EXTENSION_KEY]
    return settings


# Per-request state lives in the WSGI environ, not in g: requests made inside
# one app context (a test fixture's, a nested test client call) share one g.
# The settings are kept there too: a dict lookup, where current_app is a proxy.
_ID_KEY = guard.ID_KEY
_TOKEN_KEY = guard.TOKEN_KEY
_SETTINGS_KEY = "flask_errors.settings"
_PREVIOUS_KEY = "flask_errors.previous_g_request_id"


def _current_request() -> Request:
    # One proxy lookup per hook instead of one per attribute.
    current: Request = request._get_current_object()  # type: ignore[attr-defined]
    return current


def _request_id(environ: WSGIEnvironment) -> str:
    """The request's id, made on first use (an error may come before the first hook)."""
    request_id: str | None = environ.get(_ID_KEY)
    if request_id is None:
        settings = _settings()
        environ[_SETTINGS_KEY] = settings
        request_id, token = start_request(settings, lambda name: environ.get(_environ_key(name)))
        environ[_ID_KEY] = request_id
        environ[_TOKEN_KEY] = token
        app_globals = g._get_current_object()
        environ[_PREVIOUS_KEY] = app_globals.get("request_id")
        app_globals.request_id = request_id
    return request_id


def _environ_key(header: str) -> str:
    """Where WSGI keeps a request header (as Werkzeug's ``EnvironHeaders`` looks it up)."""
    key = header.upper().replace("-", "_")
    return key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"


def _start_request(endpoint: str | None, values: dict[str, Any] | None) -> None:
    environ = _current_request().environ
    _request_id(environ)
    if malformed_request(environ.get("CONTENT_LENGTH"), environ.get("QUERY_STRING", "")):
        raise BadRequest()


def _end_request(exc: BaseException | None) -> None:
    environ = _current_request().environ
    token = environ.pop(_TOKEN_KEY, None)
    if token is not None:
        ids.unbind(token)
        previous = environ.pop(_PREVIOUS_KEY, None)
        app_globals = g._get_current_object()
        if previous is None:
            app_globals.pop("request_id", None)
        else:
            app_globals.request_id = previous


def _add_request_id_header(response: Response) -> Response:
    current = _current_request()
    environ = current.environ
    request_id = _request_id(environ)  # also puts the settings in the environ
    headers = response.headers

    def get(name: str) -> str | None:
        # Not headers.get or `in`: Werkzeug's raise and catch an exception for a missing name.
        values = headers.getlist(name)
        return values[0] if values else None

    for name, value in outgoing_headers(environ[_SETTINGS_KEY], request_id, get):
        headers[name] = value
    if response.is_streamed and not response.direct_passthrough:
        body: Iterable[bytes] = response.response  # type: ignore[assignment]
        response.response = bound_iterator(
            body, request_id, method=current.method, path=current.path
        )
    return response


def _respond(error: APIError, exc_info: ExcInfo = None) -> Response:
    current = _current_request()
    environ = current.environ
    request_id = _request_id(environ)  # also puts the settings in the environ
    rendered = error_response(
        error,
        request_id=request_id,
        method=current.method,
        path=current.path,
        settings=environ[_SETTINGS_KEY],
        exc_info=exc_info,
    )
    response_class: type[Response] = current_app.response_class
    return response_class(rendered.body, rendered.status, rendered.headers)


def _handle_api_error(error: APIError) -> Response:
    return _respond(error)


def _handle_http_exception(exc: HTTPException) -> Response | HTTPException:
    status = exc.code
    if status is None or status < 400:
        return exc
    message = exc.description
    if message == _default_description(type(exc)) or isinstance(exc, SecurityError):
        message = None  # SecurityError's description echoes the untrusted Host
    # Otherwise Werkzeug's convention: an explicit description is shown.
    return _respond(from_status(status, message, exc.get_headers()))


def _register_limiter(app: Flask) -> None:
    """Answer flask-limiter's breached limits, when it is installed."""
    try:
        from flask_limiter import RateLimitExceeded

        from .limiter import rate_limit_error
    except ImportError:  # flask-limiter is not installed
        return

    def handle(exc: RateLimitExceeded) -> Response | HTTPException:
        if exc.response is not None:
            return exc  # the response the application's on_breach callback built
        return _respond(rate_limit_error(exc))

    app.register_error_handler(RateLimitExceeded, handle)


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
    return _respond(InternalError())
