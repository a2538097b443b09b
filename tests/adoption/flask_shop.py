"""A small Flask shop API written the way real applications are, for the adoption tests.

An app factory, the extensions a real API registers (flask-cors, Flask-HTTPAuth,
APIFairy with marshmallow schemas), the application's own ``HTTPException``
handler and a blueprint with its own, JSON log lines from python-json-logger
with ``error_core.RequestIdFilter``, and ``Errors(app)`` registered among the
other extensions. ``create_app({"USE_ERRORS": False})`` builds the same app
without error-core, to compare success responses with.
"""

from __future__ import annotations

import logging
import logging.config
from typing import Any

from apifairy import APIFairy, body, response
from flask import Blueprint, Flask, jsonify
from flask.typing import ResponseReturnValue
from flask_cors import CORS
from flask_httpauth import HTTPTokenAuth
from flask_marshmallow import Marshmallow
from marshmallow import fields, validate
from werkzeug.exceptions import HTTPException

from error_core import Conflict
from flask_errors import Errors

TOKENS = {"s3cr3t-token": "ann"}
PRODUCTS = [{"id": 1, "name": "Teapot", "price": 18.5}, {"id": 2, "name": "Cup", "price": 4.0}]

cors = CORS()
errors = Errors()
ma = Marshmallow()  # APIFairy's dependency, for its schemas' jsonify
fairy = APIFairy()
auth = HTTPTokenAuth(scheme="Bearer")


@auth.verify_token
def verify_token(token: str) -> str | None:
    """The user a bearer token belongs to."""
    return TOKENS.get(token)


class OrderSchema(ma.Schema):
    """A new order, as the client posts it."""

    product_id = fields.Integer(required=True)
    quantity = fields.Integer(required=True, validate=validate.Range(min=1))


class OrderOut(ma.Schema):
    """An order, as the API answers it."""

    product_id = fields.Integer()
    quantity = fields.Integer()
    user = fields.String()


api = Blueprint("api", __name__, url_prefix="/api")


@api.errorhandler(HTTPException)
def api_http_error(error: HTTPException) -> ResponseReturnValue:
    """The blueprint's handler from before error-core: its own JSON shape."""
    return jsonify(error=error.name, status=error.code), error.code or 500


@api.get("/products")
def list_products() -> ResponseReturnValue:
    """The public catalogue."""
    logging.getLogger(__name__).info("listing products", extra={"count": len(PRODUCTS)})
    return jsonify(PRODUCTS), 200, {"X-Total-Count": str(len(PRODUCTS))}


@api.get("/me")
@auth.login_required
def me() -> ResponseReturnValue:
    """The user the token belongs to."""
    return {"user": auth.current_user()}


@api.post("/orders")
@auth.login_required
@body(OrderSchema)
@response(OrderOut, 201)
def create_order(order: dict[str, Any]) -> dict[str, Any]:
    """Place an order; an order for the sold-out product is a conflict."""
    if order["product_id"] == 2:
        raise Conflict("This product is sold out.")
    logging.getLogger(__name__).info("order placed", extra={"product": order["product_id"]})
    return {**order, "user": auth.current_user()}


@api.delete("/orders/<int:order_id>")
@auth.login_required
def cancel_order(order_id: int) -> ResponseReturnValue:
    """Cancelling reaches a payment provider that is down: an unexpected error."""
    raise RuntimeError(f"payment provider unreachable while cancelling {order_id}")


def _logging(stream: Any) -> None:
    """JSON lines on the root logger, every record carrying its request id."""
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"request_id": {"()": "error_core.RequestIdFilter"}},
            "formatters": {
                "json": {
                    "()": "pythonjsonlogger.json.JsonFormatter",
                    "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                }
            },
            "handlers": {
                "json": {
                    "class": "logging.StreamHandler",
                    "stream": stream,
                    "formatter": "json",
                    "filters": ["request_id"],
                }
            },
            "root": {"handlers": ["json"], "level": "INFO"},
        }
    )


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The application factory; ``USE_ERRORS=False`` leaves error-core out."""
    app = Flask(__name__)
    app.config.update(APIFAIRY_TITLE="Shop", APIFAIRY_VERSION="1.0")
    app.config.update(config or {})
    _logging(app.config.get("LOG_STREAM", "ext://sys.stderr"))

    cors.init_app(
        app,
        resources={r"/api/*": {"origins": ["https://shop.example"]}},
        expose_headers=["Request-Id", "X-Total-Count"],
    )
    if app.config.get("USE_ERRORS", True):
        errors.init_app(app)
    ma.init_app(app)
    fairy.init_app(app)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        """The application's handler from before error-core."""
        return jsonify(message=error.description, code=error.code), error.code or 500

    app.register_blueprint(api)
    return app
