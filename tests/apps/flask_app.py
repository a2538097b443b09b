"""The example Flask API: the same endpoints as the Django project.

Run it with ``flask --app tests.apps.flask_app run`` or any WSGI server
(``gunicorn tests.apps.flask_app:app``).
"""

from __future__ import annotations

import asyncio
import os
from typing import Any, Iterator

from flask import Flask, Request, Response, abort, request, stream_with_context
from werkzeug.exceptions import ServiceUnavailable

from error_core import (
    APIError,
    AuthenticationError,
    Conflict,
    InternalError,
    InvalidRequest,
    NotFound,
    PermissionDenied,
    RateLimited,
    current_request_id,
)
from flask_errors import Errors

from .errors import QUOTES_MESSAGE, SECRET, STREAM_CONFLICT, UNICODE_MESSAGE, CardDeclined
from .flask_api import api
from .validation import Widget

ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]


class TrustedHostRequest(Request):
    """Rejects unknown Host headers, as Django's ALLOWED_HOSTS does."""

    trusted_hosts = ALLOWED_HOSTS


def create_app() -> Flask:
    """The example app."""
    app = Flask(__name__)
    app.request_class = TrustedHostRequest
    app.config["MAX_CONTENT_LENGTH"] = 1024
    Errors(app)
    app.register_blueprint(api)  # the twins of the Django project's DRF views

    @app.before_request
    def check_host() -> None:
        request.host  # noqa: B018 - raises SecurityError (400) for an untrusted Host

    @app.get("/ok")
    def ok() -> dict[str, Any]:
        return {"ok": True, "request_id": current_request_id()}

    @app.get("/echo")
    def echo() -> dict[str, Any]:
        return _echo()

    @app.get("/async/echo")
    async def async_echo() -> dict[str, Any]:
        await asyncio.sleep(0)
        return _echo()

    @app.get("/stream")
    def stream() -> Response:
        return _stream()

    @app.get("/async/stream")
    async def async_stream() -> Response:
        await asyncio.sleep(0)
        return _stream()

    raising = {
        "invalid": lambda: InvalidRequest("The `name` field is required."),
        "authentication": lambda: AuthenticationError(),
        "permission": lambda: PermissionDenied(),
        "not-found": lambda: NotFound("Widget wid_123 does not exist."),
        "conflict": lambda: Conflict("Widget wid_123 was changed by another request."),
        "rate-limited": lambda: RateLimited(),
        "rate-limited-custom": lambda: RateLimited("Slow down.", retry_after=7),
        "internal": lambda: InternalError("Payments are down; try again in a minute."),
        "quotes": lambda: InvalidRequest(QUOTES_MESSAGE),
        "unicode": lambda: InvalidRequest(UNICODE_MESSAGE),
        "card-declined": lambda: CardDeclined(),
        "ad-hoc-code": lambda: APIError("Quota exceeded.", code="quota_exceeded", status=403),
        "unexpected": lambda: RuntimeError(SECRET),
    }

    @app.get("/errors/<name>")
    def errors(name: str) -> dict[str, Any]:
        if name not in raising:
            abort(404)
        raise raising[name]()

    @app.get("/framework/<int:status>")
    def framework(status: int) -> dict[str, Any]:
        if status == 503:
            raise ServiceUnavailable(retry_after=120)
        abort(status)

    @app.route("/items", methods=["GET", "POST"])
    def items() -> tuple[dict[str, Any], int]:
        if request.method == "GET":
            return {"items": []}, 200
        data = request.get_json()
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise InvalidRequest("The `name` field is required.")
        return {"name": data["name"]}, 201

    @app.route("/methods", methods=["GET", "POST"])
    def methods() -> dict[str, Any]:
        return {"method": request.method}

    @app.post("/upload")
    def upload() -> dict[str, Any]:
        return {"size": len(request.get_data())}

    @app.post("/pydantic")
    def pydantic_widget() -> dict[str, Any]:
        # A pydantic ValidationError escaping the view: 400, as on Django.
        return Widget.model_validate_json(request.get_data()).model_dump()

    @app.get("/empty-error")
    def empty_error() -> tuple[str, int]:
        return "", 400

    @app.get("/app-json-error")
    def app_json_error() -> tuple[dict[str, Any], int]:
        return {"error": "teapot"}, 418

    @app.get("/async/ok")
    async def async_ok() -> dict[str, Any]:
        await asyncio.sleep(0)
        return {"ok": True, "request_id": current_request_id()}

    @app.get("/async/not-found")
    async def async_not_found() -> dict[str, Any]:
        await asyncio.sleep(0)
        raise NotFound("Widget wid_123 does not exist.")

    @app.get("/async/unexpected")
    async def async_unexpected() -> dict[str, Any]:
        await asyncio.sleep(0)
        raise RuntimeError(SECRET)

    return app


def _echo() -> dict[str, Any]:
    """The marker the client sent and the id the view sees; ``status``: raise instead.

    With ``?status=409`` (any error status) the view raises an :class:`APIError`
    whose message names the marker and the id the view saw, so a client can
    check that an error envelope carries its own request's id.
    """
    marker = request.args.get("marker", "")
    status = request.args.get("status", type=int)
    if status is not None:
        raise APIError(f"marker={marker} request_id={current_request_id()}", status=status)
    return {"marker": marker, "request_id": current_request_id(), "pid": os.getpid()}


def _stream() -> Response:
    """``?chunks=N`` lines of text; with ``?fail=K`` the body fails before line K.

    With ``?conflict=1`` it fails with :class:`Conflict` rather than an unexpected error.
    """
    chunks = request.args.get("chunks", 3, type=int)
    fail = request.args.get("fail", type=int)
    conflict = "conflict" in request.args

    def generate() -> Iterator[str]:
        for number in range(chunks):
            if number == fail:
                if conflict:
                    raise Conflict(STREAM_CONFLICT)
                raise RuntimeError(f"the stream failed before chunk {number}")
            yield f"chunk {number} {current_request_id()}\n"

    return Response(stream_with_context(generate()), mimetype="text/plain")


app = create_app()
