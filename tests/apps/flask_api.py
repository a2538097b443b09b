"""The Flask twin of the Django project's DRF views (``/drf/``), in plain Flask.

Each route fails the way its DRF view does, so that the conformance table can
check that the bytes are the same: DRF's exceptions through
``django_errors.rest_framework.exception_handler`` on one side, error-core's
errors and Werkzeug's on the other.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request

from error_core import (
    AuthenticationError,
    Conflict,
    InvalidRequest,
    NotFound,
    PermissionDenied,
    RateLimited,
)
from error_core._messages import field_errors_message

from .errors import (
    API_KEY,
    REVOKED_KEY,
    REVOKED_MESSAGE,
    SCOPE_MESSAGE,
    SECRET,
    THROTTLE_WAIT,
    WIDGET_MISSING,
    WWW_AUTHENTICATE,
)

api = Blueprint("drf", __name__, url_prefix="/drf")

# The texts of DRF's serializer fields, for the same invalid input.
REQUIRED = "This field is required."
TOO_LONG = "Ensure this field has no more than {} characters."
NOT_AN_EMAIL = "Enter a valid email address."


@api.route("/items", methods=["GET", "POST"])
def items() -> tuple[dict[str, Any], int]:
    if request.method == "GET":
        if "Accept" in request.headers and not request.accept_mimetypes["application/json"]:
            abort(406)
        return {"items": []}, 200
    if not request.is_json:
        abort(415)
    data = request.get_json()
    errors = _item_errors(data if isinstance(data, dict) else {})
    if errors:
        raise InvalidRequest(field_errors_message(errors))
    return {"name": data["name"]}, 201


def _item_errors(data: dict[str, Any]) -> dict[str, Any]:
    """What DRF's ``ItemSerializer`` reports for ``data`` (for the inputs the table sends)."""
    errors: dict[str, Any] = {}
    name = data.get("name")
    if name is None:
        errors["name"] = [REQUIRED]
    elif len(name) > 20:
        errors["name"] = [TOO_LONG.format(20)]
    tags = {i: [TOO_LONG.format(10)] for i, tag in enumerate(data.get("tags", [])) if len(tag) > 10}
    if tags:
        errors["tags"] = tags
    if "@" not in data.get("owner", {}).get("email", "@"):
        errors["owner"] = {"email": [NOT_AN_EMAIL]}
    return errors


def _authenticate() -> None:
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    challenge = {"WWW-Authenticate": WWW_AUTHENTICATE}
    if scheme != "Bearer":
        raise AuthenticationError(headers=challenge)
    if key == REVOKED_KEY:
        raise AuthenticationError(REVOKED_MESSAGE, headers=challenge)
    if key != API_KEY:
        raise AuthenticationError(headers=challenge)


@api.get("/private")
def private() -> dict[str, Any]:
    _authenticate()
    return {"ok": True}


@api.get("/session-only")
def session_only() -> dict[str, Any]:
    raise AuthenticationError()  # no challenge to offer


@api.get("/forbidden")
def forbidden() -> dict[str, Any]:
    _authenticate()
    raise PermissionDenied(SCOPE_MESSAGE)


@api.get("/widgets/<wid>")
def widget(wid: str) -> dict[str, Any]:
    if wid == "wid_123":
        raise NotFound(WIDGET_MISSING)
    abort(404)


@api.get("/throttled")
def throttled() -> dict[str, Any]:
    raise RateLimited(retry_after=THROTTLE_WAIT)


@api.get("/throttled-no-wait")
def throttled_no_wait() -> dict[str, Any]:
    raise RateLimited(retry_after=None)


@api.get("/raise/<name>")
def raising(name: str) -> dict[str, Any]:
    if name == "conflict":
        raise Conflict("Widget wid_123 was changed by another request.")
    if name == "django-permission-denied":
        abort(403)
    raise RuntimeError(SECRET)
