"""A small Flask API with error-core: the same endpoints as ``examples/django_widgets``.

    flask --app examples/flask_widgets run

Every error it sends, raised here or by Flask, is the error-core envelope;
``/openapi.json`` documents every route with its errors.
"""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from error_core import InvalidRequest, NotFound
from flask_errors import Errors
from flask_errors.apispec import ErrorsPlugin

WIDGETS = {1: "sprocket", 2: "gear"}
MAX_ID = 1_000_000  # the largest id a widget can have: larger ones are unknown routes
MAX_NAME = 40

app = Flask(__name__, static_folder=None)  # an API: no static files
app.config["MAX_CONTENT_LENGTH"] = 1024
Errors(app)
limiter = Limiter(get_remote_address, app=app, storage_uri="memory://")


def is_name(value: object) -> bool:
    """A name or a search: a string of 1 to ``MAX_NAME`` characters without NUL."""
    return isinstance(value, str) and 1 <= len(value) <= MAX_NAME and "\x00" not in value


@app.get(f"/widgets/<int(min=1, max={MAX_ID}):wid>")
def get_widget(wid: int) -> dict[str, Any]:
    if wid not in WIDGETS:
        raise NotFound(f"Widget {wid} does not exist.")
    return {"id": wid, "name": WIDGETS[wid]}


@app.post("/widgets")
def create_widget() -> tuple[dict[str, Any], int]:
    data = request.get_json()  # a malformed body is a 400, a wrong media type a 415
    name = data.get("name") if isinstance(data, dict) else None
    if name is None:
        raise InvalidRequest("name: This field is required.")
    if not is_name(name):
        raise InvalidRequest(f"name: Must be a string of 1 to {MAX_NAME} characters, no NUL.")
    return {"id": len(WIDGETS) + 1, "name": name}, 201


@app.get("/search")
@limiter.limit("30 per minute")
def search() -> dict[str, Any]:
    query = request.args.get("q")
    if query is None:
        raise InvalidRequest("q: This field is required.")
    if not is_name(query):
        raise InvalidRequest(f"q: Must be 1 to {MAX_NAME} characters, no NUL.")
    return {"results": [name for name in WIDGETS.values() if query in name]}


@app.get("/boom")
def boom() -> dict[str, Any]:
    raise RuntimeError("an unexpected failure")  # the client gets `internal`, the log the traceback


@app.get("/openapi.json")
def openapi_document() -> dict[str, Any]:
    return spec.to_dict()


spec = APISpec(
    title="Widgets (Flask)",
    version="1.0.0",
    openapi_version="3.1.0",
    plugins=[ErrorsPlugin(default_errors=["method_not_allowed", "internal"])],
)
REQUEST_ID = {"Request-Id": {"required": True, "schema": {"type": "string"}}}
WIDGET = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
    "required": ["id", "name"],
}


def ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A success response with its schema and the ``Request-Id`` header every answer has."""
    return {
        "description": description,
        "headers": REQUEST_ID,
        "content": {"application/json": {"schema": schema}},
    }


wid = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
spec.path(
    path="/widgets/{wid}",
    parameters=[{"name": "wid", "in": "path", "required": True, "schema": wid}],
    operations={"get": {"responses": {"200": ok("The widget.", WIDGET)}}},
    errors=["not_found"],
)
name = {"type": "string", "minLength": 1, "maxLength": MAX_NAME, "pattern": "^[^\\x00]*$"}
body = {"type": "object", "properties": {"name": name}, "required": ["name"]}
spec.path(
    path="/widgets",
    operations={
        "post": {
            "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
            "responses": {"201": ok("The new widget.", WIDGET)},
        }
    },
    errors=["invalid_request", "payload_too_large", "unsupported_media_type"],
)
results = {"type": "array", "items": {"type": "string"}}
spec.path(
    path="/search",
    parameters=[{"name": "q", "in": "query", "required": True, "schema": name}],
    operations={
        "get": {
            "responses": {
                "200": ok(
                    "Names containing `q`.", {"type": "object", "properties": {"results": results}}
                )
            }
        }
    },
    errors=["invalid_request", "rate_limited"],
)
spec.path(path="/boom", operations={"get": {"responses": {}}}, errors=["internal"])
