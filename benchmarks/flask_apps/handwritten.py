"""What a user writes instead of installing us: Flask's "API errors as JSON" pattern.

An exception class carrying status/code/message, ``errorhandler`` for it and for
every Werkzeug ``HTTPException`` (routing 404, Flask's 500 for unexpected
exceptions), ``jsonify``, and a request id made in ``before_request`` and sent
in ``after_request``.
"""

from __future__ import annotations

import uuid
from typing import Any, NoReturn

from flask import Flask, Response, g, jsonify
from werkzeug.exceptions import HTTPException

from ..scenarios import MESSAGE_400, MESSAGE_404, OK_BODY, RETRY_AFTER


class ApiError(Exception):
    status = 500
    code = "internal"

    def __init__(self, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class NotFoundError(ApiError):
    status = 404
    code = "not_found"


class InvalidRequestError(ApiError):
    status = 400
    code = "invalid_request"


class RateLimitedError(ApiError):
    status = 429
    code = "rate_limited"


def create_app() -> Flask:
    app = Flask(__name__)

    @app.before_request
    def set_request_id() -> None:
        g.request_id = uuid.uuid4().hex

    @app.after_request
    def add_request_id(response: Response) -> Response:
        response.headers["Request-Id"] = g.request_id
        return response

    @app.errorhandler(ApiError)
    def api_error(error: ApiError) -> Any:
        body = jsonify(code=error.code, message=error.message, request_id=g.request_id)
        return body, error.status, error.headers

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        code = (error.name or "error").lower().replace(" ", "_")
        body = jsonify(code=code, message=error.description, request_id=g.request_id)
        return body, error.code

    @app.get("/ok")
    def ok() -> dict[str, Any]:
        return dict(OK_BODY)

    @app.get("/not-found")
    def not_found() -> NoReturn:
        raise NotFoundError(MESSAGE_404)

    @app.get("/invalid")
    def invalid() -> NoReturn:
        raise InvalidRequestError(MESSAGE_400)

    @app.get("/crash")
    def crash() -> NoReturn:
        raise RuntimeError("boom")

    @app.get("/limited")
    def limited() -> NoReturn:
        raise RateLimitedError("Too many requests.", {"Retry-After": str(RETRY_AFTER)})

    return app
