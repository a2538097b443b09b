"""The application's own error handlers: one outcome whatever the registration order.

By default the envelope answers every error and each competing handler of
the application is named in a WARNING on ``error_core``; with
``ERRORS_KEEP_APP_HANDLERS = True`` the application's handlers answer (and
are named too).
"""

from __future__ import annotations

import logging
from typing import Any, Callable

import pytest
from flask import Blueprint, Flask, abort
from werkzeug.exceptions import HTTPException, NotFound

from error_core import APIError, Conflict, SettingsError
from flask_errors import Errors

from .helpers import assert_envelope


def app_handler(error: BaseException) -> tuple[str, int]:
    """The application's handler: plain text, the status it was given."""
    if isinstance(error, APIError):
        return "app handler", error.status
    return "app handler", error.code if isinstance(error, HTTPException) and error.code else 500


def _fail() -> str:
    raise RuntimeError("unexpected")


def _conflict() -> str:
    raise Conflict()


def _missing() -> str:
    abort(404)


Register = Callable[[Flask, Blueprint], None]

# kind: (how the application registers its handler, the path that reaches it, status, code)
KINDS: dict[str, tuple[Register, str, int, str]] = {
    "app-HTTPException": (
        lambda app, bp: app.register_error_handler(HTTPException, app_handler),
        "/missing",
        404,
        "not_found",
    ),
    "app-status-404": (
        lambda app, bp: app.register_error_handler(404, app_handler),
        "/missing",
        404,
        "not_found",
    ),
    "app-NotFound": (
        lambda app, bp: app.register_error_handler(NotFound, app_handler),
        "/missing",
        404,
        "not_found",
    ),
    "app-Exception": (
        lambda app, bp: app.register_error_handler(Exception, app_handler),
        "/fail",
        500,
        "internal",
    ),
    "app-status-500": (
        lambda app, bp: app.register_error_handler(500, app_handler),
        "/fail",
        500,
        "internal",
    ),
    "app-APIError": (
        lambda app, bp: app.register_error_handler(APIError, app_handler),
        "/conflict",
        409,
        "conflict",
    ),
    "blueprint-HTTPException": (
        lambda app, bp: bp.register_error_handler(HTTPException, app_handler),
        "/bp/missing",
        404,
        "not_found",
    ),
    "blueprint-status-404": (
        lambda app, bp: bp.register_error_handler(404, app_handler),
        "/bp/missing",
        404,
        "not_found",
    ),
    "blueprint-Exception": (
        lambda app, bp: bp.register_error_handler(Exception, app_handler),
        "/bp/fail",
        500,
        "internal",
    ),
}


def _build(kind: str, *, errors_first: bool, keep: bool) -> Flask:
    """The app with its handler registered before or after ``Errors(app)``."""
    register = KINDS[kind][0]
    app = Flask(__name__)
    app.config["ERRORS_KEEP_APP_HANDLERS"] = keep
    app.add_url_rule("/fail", "fail", _fail)
    app.add_url_rule("/conflict", "conflict", _conflict)
    bp = Blueprint("bp", __name__, url_prefix="/bp")
    bp.add_url_rule("/missing", "missing", _missing)
    bp.add_url_rule("/fail", "fail", _fail)
    if errors_first:
        Errors(app)
    register(app, bp)
    app.register_blueprint(bp)
    if not errors_first:
        Errors(app)
    return app


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "error_core" and r.levelno == logging.WARNING
    ]


@pytest.mark.parametrize("errors_first", [True, False], ids=["errors-first", "errors-last"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_envelope_answers_whatever_the_order_and_names_the_app_handler(
    kind: str, errors_first: bool, caplog: pytest.LogCaptureFixture
) -> None:
    _, path, status, code = KINDS[kind]
    app = _build(kind, errors_first=errors_first, keep=False)

    client = app.test_client()
    assert_envelope(client.get(path), status, code)
    assert_envelope(client.get(path), status, code)

    [warning] = _warnings(caplog)
    assert f"{__name__}.app_handler" in warning
    assert "ERRORS_KEEP_APP_HANDLERS = True" in warning


@pytest.mark.parametrize("errors_first", [True, False], ids=["errors-first", "errors-last"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_kept_app_handler_answers_whatever_the_order_and_is_named(
    kind: str, errors_first: bool, caplog: pytest.LogCaptureFixture
) -> None:
    _, path, status, _ = KINDS[kind]
    app = _build(kind, errors_first=errors_first, keep=True)

    response = app.test_client().get(path)

    assert (response.status_code, response.get_data()) == (status, b"app handler")
    assert "Request-Id" in response.headers
    [warning] = _warnings(caplog)
    assert f"{__name__}.app_handler" in warning and "is kept" in warning


def test_handlers_for_the_applications_own_exceptions_are_left_alone(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = Flask(__name__)
    Errors(app)

    @app.errorhandler(KeyError)
    def key_error(error: KeyError) -> tuple[dict[str, Any], int]:
        return {"missing": str(error)}, 422

    @app.get("/key")
    def key() -> str:
        raise KeyError("name")

    client = app.test_client()
    assert client.get("/key").status_code == 422
    assert_envelope(client.get("/missing"), 404, "not_found")
    assert _warnings(caplog) == []


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_an_invalid_keep_app_handlers_setting_fails_at_start_up(value: object) -> None:
    app = Flask(__name__)
    app.config["ERRORS_KEEP_APP_HANDLERS"] = value

    with pytest.raises(SettingsError, match="ERRORS_KEEP_APP_HANDLERS must be True or False"):
        Errors(app)


class _LibraryError(Exception):
    """A library's exception the application maps (SQLAlchemy's IntegrityError, say)."""


@pytest.mark.parametrize("testing", [False, True])
@pytest.mark.parametrize("where", ["app", "blueprint-after-init", "async"])
def test_an_api_error_raised_by_the_applications_own_handler_is_its_envelope(
    where: str, testing: bool, caplog: pytest.LogCaptureFixture
) -> None:
    # Flask answers an exception raised by an error handler with a 500: the
    # application's mapping (library error -> APIError) was a 500 internal.
    if where == "async":
        pytest.importorskip("asgiref")  # what Flask runs async handlers with
    app = Flask(__name__)
    app.config["TESTING"] = testing
    Errors(app)

    def to_conflict(error: _LibraryError) -> str:
        raise Conflict("That name is taken.") from error

    async def to_conflict_async(error: _LibraryError) -> str:
        raise Conflict("That name is taken.") from error

    if where == "blueprint-after-init":
        bp = Blueprint("bp", __name__)
        bp.app_errorhandler(_LibraryError)(to_conflict)
        app.register_blueprint(bp)
    elif where == "async":
        app.register_error_handler(_LibraryError, to_conflict_async)
    else:
        app.register_error_handler(_LibraryError, to_conflict)

    @app.get("/create")
    def create() -> str:
        raise _LibraryError("UNIQUE constraint failed: users.name")

    response = app.test_client().get("/create")
    assert_envelope(response, 409, "conflict", "That name is taken.")
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert _warnings(caplog) == []


def test_what_the_applications_own_handler_returns_or_raises_otherwise_is_unchanged() -> None:
    app = Flask(__name__)
    Errors(app)

    @app.errorhandler(_LibraryError)
    def library_error(error: _LibraryError) -> tuple[str, int]:
        if str(error) == "raise":
            raise RuntimeError("the handler failed")
        return "mapped", 422

    @app.get("/<what>")
    def fail(what: str) -> str:
        raise _LibraryError(what)

    client = app.test_client()
    response = client.get("/return")
    assert (response.status_code, response.get_data()) == (422, b"mapped")
    assert_envelope(client.get("/raise"), 500, "internal")
    assert app.error_handler_spec[None][None][_LibraryError].__name__ == "library_error"


def test_handler_kept_then_taken_out_when_init_app_runs_again_without_keeping() -> None:
    app = Flask(__name__)

    @app.errorhandler(404)
    def own_404(error: NotFound) -> tuple[str, int]:
        return "own page", 404

    app.config["ERRORS_KEEP_APP_HANDLERS"] = True
    errors = Errors(app)
    assert app.test_client().get("/nope").get_data() == b"own page"

    app.config["ERRORS_KEEP_APP_HANDLERS"] = False
    errors.init_app(app)

    assert_envelope(app.test_client().get("/nope"), 404, "not_found")
