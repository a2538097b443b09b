"""Flask-HTTPAuth's default 401/403 is the envelope; an application's own error callback is not."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from flask import Flask, Response

from flask_errors import Errors

flask_httpauth = pytest.importorskip("flask_httpauth")


def _app(*, errors_first: bool = True) -> tuple[Flask, Any]:
    app = Flask(__name__)
    if errors_first:
        Errors(app)
    auth = flask_httpauth.HTTPBasicAuth(realm="api")

    @auth.verify_password
    def verify(username: str, password: str) -> str | None:
        return username if (username, password) == ("ann", "secret") else None

    @auth.get_user_roles
    def roles(user: str) -> list[str]:
        return ["reader"]

    @app.get("/me")
    @auth.login_required
    def me() -> dict[str, str]:
        return {"user": auth.current_user()}

    @app.get("/admin")
    @auth.login_required(role="admin")
    def admin() -> dict[str, str]:
        return {"user": auth.current_user()}

    @app.after_request
    def cors(response: Response) -> Response:
        response.headers["Access-Control-Allow-Origin"] = "https://front.example"
        return response

    if not errors_first:
        Errors(app)
    return app, auth


@pytest.mark.parametrize("errors_first", [True, False])
def test_httpauth_default_401_is_the_envelope_with_its_challenge(errors_first: bool) -> None:
    app, _ = _app(errors_first=errors_first)
    response = app.test_client().get("/me")
    assert response.status_code == 401
    body = response.get_json()
    assert body["code"] == "authentication"
    assert body["request_id"] == response.headers["Request-Id"]
    assert response.headers["WWW-Authenticate"] == 'Basic realm="api"'
    assert response.headers["Access-Control-Allow-Origin"] == "https://front.example"
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Content-Length"] == str(len(response.data))


def test_httpauth_default_403_is_the_envelope() -> None:
    app, _ = _app()
    response = app.test_client().get("/admin", auth=("ann", "secret"))
    assert response.status_code == 403
    assert response.get_json()["code"] == "permission_denied"


def test_httpauth_success_is_untouched() -> None:
    app, _ = _app()
    response = app.test_client().get("/me", auth=("ann", "secret"))
    assert response.status_code == 200
    assert response.get_json() == {"user": "ann"}


def test_httpauth_application_error_callback_is_left_alone() -> None:
    app, auth = _app()

    @auth.error_handler
    def mine(status: int) -> tuple[dict[str, str], int]:
        return {"error": "who are you"}, status

    response = app.test_client().get("/me")
    assert response.status_code == 401
    assert response.get_json() == {"error": "who are you"}


def test_httpauth_application_error_callback_returning_nothing_is_the_envelope() -> None:
    app, auth = _app()

    @auth.error_handler
    def mine(status: int) -> tuple[str, int]:
        return "", status

    response = app.test_client().get("/me")
    assert response.status_code == 401
    assert response.get_json()["code"] == "authentication"
    assert "WWW-Authenticate" in response.headers


def test_an_app_that_never_imported_flask_httpauth_gets_no_conversion_hook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flask_errors._httpauth import install

    monkeypatch.delitem(sys.modules, "flask_httpauth", raising=False)
    app = Flask(__name__)
    install(app, lambda error: Response())
    assert app.after_request_funcs.get(None, []) == []


def test_an_error_callback_raising_an_api_error_is_its_envelope_with_its_challenge() -> None:
    # The migration guide's recipe: keep a callback for its header, raise the error.
    from error_core import AuthenticationError, PermissionDenied

    app, auth = _app()

    @auth.error_handler
    def mine(status: int) -> None:
        if status == 403:
            raise PermissionDenied()
        raise AuthenticationError(headers={"WWW-Authenticate": "Form"})

    client = app.test_client()
    response = client.get("/me")
    assert response.status_code == 401
    assert response.get_json()["code"] == "authentication"
    assert response.headers["WWW-Authenticate"] == "Form"
    assert response.headers["Access-Control-Allow-Origin"] == "https://front.example"
    forbidden = client.get("/admin", auth=("ann", "secret"))
    assert forbidden.status_code == 403
    assert forbidden.get_json()["code"] == "permission_denied"
