"""CORS: the request-id header is exposed to browsers, next to what flask-cors exposes."""

from __future__ import annotations

import pytest
from flask import Flask

from error_core import NotFound
from flask_errors import Errors
from tests.readme import code_blocks

flask_cors = pytest.importorskip("flask_cors")

ORIGIN = {"Origin": "https://app.example"}


def _app(*, errors_first: bool, **config: object) -> Flask:
    app = Flask(__name__)
    app.config.update(config)
    if errors_first:
        Errors(app)
    flask_cors.CORS(
        app, origins=["https://app.example"], expose_headers=["X-Total-Count"], always_send=False
    )
    if not errors_first:
        Errors(app)

    @app.get("/widgets")
    def widgets() -> dict[str, list[str]]:
        return {"widgets": []}

    @app.get("/missing")
    def missing() -> dict[str, str]:
        raise NotFound()

    return app


@pytest.mark.parametrize("errors_first", [True, False])
@pytest.mark.parametrize(("path", "status"), [("/widgets", 200), ("/missing", 404)])
def test_the_request_id_is_exposed_after_what_flask_cors_exposes(
    errors_first: bool, path: str, status: int
) -> None:
    response = _app(errors_first=errors_first).test_client().get(path, headers=ORIGIN)

    assert response.status_code == status
    assert response.headers["Access-Control-Allow-Origin"] == "https://app.example"
    assert response.headers.getlist("Access-Control-Expose-Headers") == [
        "X-Total-Count, Request-Id"
    ]


def test_the_custom_request_id_header_is_the_one_exposed() -> None:
    app = _app(errors_first=True, ERRORS_REQUEST_ID_HEADER="X-Correlation-Id")

    response = app.test_client().get("/widgets", headers=ORIGIN)

    assert response.headers["Access-Control-Expose-Headers"] == "X-Total-Count, X-Correlation-Id"


def test_nothing_is_exposed_on_a_response_that_is_not_cors() -> None:
    response = _app(errors_first=True).test_client().get("/widgets")

    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Access-Control-Expose-Headers" not in response.headers


def test_exposing_can_be_switched_off() -> None:
    app = _app(errors_first=True, ERRORS_EXPOSE_REQUEST_ID_HEADER=False)

    response = app.test_client().get("/widgets", headers=ORIGIN)

    assert response.headers["Access-Control-Expose-Headers"] == "X-Total-Count"


def test_the_readme_example() -> None:
    flask_block = code_blocks("## CORS")[0]
    app = Flask(__name__)
    app.get("/widgets")(lambda: {"widgets": []})
    exec(flask_block, {"app": app, "Errors": Errors})

    response = app.test_client().get("/widgets", headers=ORIGIN)

    assert response.headers["Access-Control-Expose-Headers"] == "X-Total-Count, Request-Id"
