"""marshmallow, pydantic, webargs, flask-smorest validation errors: the envelope naming fields."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask

from flask_errors import Errors

marshmallow = pytest.importorskip("marshmallow")
pydantic = pytest.importorskip("pydantic")

HOSTILE_KEY = "\u202eevil" + "x" * 100


class Item(marshmallow.Schema):
    name = marshmallow.fields.String(required=True)
    qty = marshmallow.fields.Integer(required=True)


class Order(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")
    name: str
    qty: int


def _envelope(response: Any, status: int) -> str:
    assert response.status_code == status, response.data
    body = response.get_json()
    assert list(body) == ["code", "message", "request_id"]
    assert body["code"] == "invalid_request"
    assert body["request_id"] == response.headers["Request-Id"]
    message: str = body["message"]
    assert "\u202e" not in message
    assert "xxxxxxxxxx" not in message  # the client's key is not quoted
    return message


def _app(**config: Any) -> Flask:
    app = Flask(__name__)
    app.config.update(config)
    Errors(app)

    @app.post("/marshmallow")
    def with_marshmallow() -> dict[str, Any]:
        return Item().load(app_json())  # type: ignore[no-any-return]

    @app.post("/pydantic")
    def with_pydantic() -> dict[str, Any]:
        return Order.model_validate(app_json()).model_dump()

    return app


def app_json() -> Any:
    from flask import request

    return request.get_json()


@pytest.mark.parametrize("testing", [False, True])
def test_marshmallow_validation_error_escaping_a_view_is_400_naming_fields(testing: bool) -> None:
    response = (
        _app(TESTING=testing)
        .test_client()
        .post("/marshmallow", json={"qty": "many", HOSTILE_KEY: 1})
    )
    message = _envelope(response, 400)
    assert "name: Missing data for required field." in message
    assert "qty: Not a valid integer." in message
    assert "(field): Unknown field." in message


@pytest.mark.parametrize("testing", [False, True])
def test_pydantic_validation_error_escaping_a_view_is_400_naming_fields(testing: bool) -> None:
    response = (
        _app(TESTING=testing)
        .test_client()
        .post("/pydantic", json={"qty": "many", HOSTILE_KEY: "\u202e" + "y" * 100})
    )
    message = _envelope(response, 400)
    assert "name: Field required" in message
    assert "qty: Input should be a valid integer" in message
    assert "(field): Extra inputs are not permitted" in message
    assert "many" not in message  # the input is never shown


def test_application_handler_for_marshmallow_validation_error_is_kept() -> None:
    app = _app()

    @app.errorhandler(marshmallow.ValidationError)
    def mine(exc: Exception) -> tuple[str, int]:
        return "mine", 418

    assert app.test_client().post("/marshmallow", json={}).status_code == 418


def test_webargs_422_is_the_envelope_naming_fields() -> None:
    webargs = pytest.importorskip("webargs.flaskparser")
    app = _app()

    @app.post("/webargs")
    @webargs.use_args(Item, location="json")
    def with_webargs(args: dict[str, Any]) -> dict[str, Any]:
        return args

    message = _envelope(app.test_client().post("/webargs", json={"qty": 1}), 422)
    assert message == "name: Missing data for required field."


@pytest.mark.parametrize("errors_first", [False, True], ids=["smorest-first", "errors-first"])
def test_flask_smorest_422_is_the_envelope_and_its_handler_is_named(
    errors_first: bool, caplog: pytest.LogCaptureFixture
) -> None:
    flask_smorest = pytest.importorskip("flask_smorest")
    app = Flask(__name__)
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.0.2")
    if errors_first:
        Errors(app)
    api = flask_smorest.Api(app)
    if not errors_first:
        Errors(app)
    blp = flask_smorest.Blueprint("items", __name__)

    @blp.route("/items", methods=["POST"])
    @blp.arguments(Item)
    def create(item: dict[str, Any]) -> dict[str, Any]:
        return item

    api.register_blueprint(blp)
    with caplog.at_level(logging.WARNING, logger="error_core"):
        response = app.test_client().post("/items", json={"name": "a"})
        missing = app.test_client().get("/nope")

    assert _envelope(response, 422) == "qty: Missing data for required field."
    assert missing.get_json()["code"] == "not_found"
    # flask-smorest's own HTTPException handler is reported as any application handler.
    assert any("flask_smorest" in r.getMessage() for r in caplog.records)


def test_pydantic_nested_and_list_errors_name_their_path() -> None:
    class Line(pydantic.BaseModel):
        sku: str

    class Cart(pydantic.BaseModel):
        lines: list[Line]
        owner: Line

    app = _app()

    @app.post("/cart")
    def cart() -> dict[str, Any]:
        return Cart.model_validate(app_json()).model_dump()

    response = app.test_client().post("/cart", json={"lines": [{"sku": "a"}, {}], "owner": 3})
    message = _envelope(response, 400)
    assert message == (
        "lines[1].sku: Field required; "
        "owner: Input should be a valid dictionary or instance of Line"
    )


def test_pydantic_v1_validation_error_is_400_naming_fields() -> None:
    v1 = pytest.importorskip("pydantic.v1")

    class Old(v1.BaseModel):  # type: ignore[misc]
        qty: int

    app = _app()

    @app.post("/old")
    def old() -> dict[str, Any]:
        return Old.parse_obj(app_json()).dict()  # type: ignore[no-any-return]

    message = _envelope(app.test_client().post("/old", json={"qty": "many"}), 400)
    assert message == "qty: value is not a valid integer"


def test_error_under_a_field_with_messages_of_its_own_joins_them() -> None:
    from flask_errors._validation import validation_error

    class Errors_(Exception):
        def errors(self, **kwargs: Any) -> list[dict[str, Any]]:
            return [{"loc": ("a",), "msg": "Bad."}, {"loc": ("a", "b"), "msg": "Worse."}, {}]

    assert validation_error(Errors_()).message == "a: Bad. a: Worse."


def test_webargs_messages_from_several_locations_name_the_location() -> None:
    from flask_errors._validation import messages_error

    error = messages_error(422, {"json": {"a": ["Bad."]}, "query": {"b": ["Worse."]}})
    assert error.message == "json.a: Bad. query.b: Worse."


@pytest.mark.parametrize("errors_first", [False, True], ids=["apifairy-first", "errors-first"])
def test_apifairy_validation_error_is_the_envelope_naming_fields(errors_first: bool) -> None:
    apifairy = pytest.importorskip("apifairy")
    app = Flask(__name__)
    fairy = apifairy.APIFairy()
    if errors_first:
        Errors(app)
    fairy.init_app(app)
    if not errors_first:
        Errors(app)

    @app.post("/items")
    @apifairy.body(Item())
    def create(item: dict[str, Any]) -> dict[str, Any]:
        return item

    message = _envelope(app.test_client().post("/items", json={"name": "a"}), 400)
    assert message == "qty: Missing data for required field."


def test_apifairy_error_handler_of_the_application_is_kept() -> None:
    apifairy = pytest.importorskip("apifairy")
    app = Flask(__name__)
    fairy = apifairy.APIFairy(app)
    Errors(app)

    @fairy.error_handler
    def mine(status: int, messages: Any) -> tuple[dict[str, Any], int]:
        return {"mine": messages}, status

    @app.post("/items")
    @apifairy.body(Item())
    def create(item: dict[str, Any]) -> dict[str, Any]:
        return item

    response = app.test_client().post("/items", json={"name": "a"})
    assert response.status_code == 400
    assert response.get_json() == {"mine": {"json": {"qty": ["Missing data for required field."]}}}


def test_a_handler_that_is_not_a_function_is_taken_to_answer_itself() -> None:
    from functools import partial

    from flask_errors._validation import apifairy_answers_itself

    def handler(error: Exception, extra: int) -> None:
        """A callable we cannot look inside."""

    assert apifairy_answers_itself(partial(handler, extra=1)) is True
