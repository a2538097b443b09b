"""marshmallow's and pydantic's ValidationError, and webargs' JSON failures, on Django: 400.

As on Flask (tests/flask/test_validation_libraries.py, test_json_nesting.py):
the client's invalid data is the client's mistake, answered 400
``invalid_request`` naming the fields, logged at INFO without a traceback
and without ``got_request_exception``; it was a 500 with an ERROR traceback.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client, override_settings

from tests.json_depth import too_deep_json

from .utils import assert_envelope

PYDANTIC = (
    "name: Field required; "
    "qty: Input should be a valid integer, unable to parse string as an integer"
)
MARSHMALLOW = "name: Missing data for required field. qty: Not a valid integer."


def _post(client: Client, path: str, body: bytes) -> Any:
    return client.post(f"/t/validated/{path}", data=body, content_type="application/json")


def _errors(logs: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in logs.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    ("path", "message"),
    [("pydantic", PYDANTIC), ("marshmallow", MARSHMALLOW), ("drf/pydantic", PYDANTIC)],
    ids=["pydantic", "marshmallow", "drf-pydantic"],
)
def test_library_validation_error_escaping_a_view_is_400_naming_fields_not_500(
    quiet_client: Client,
    signals: list[Any],
    logs: pytest.LogCaptureFixture,
    path: str,
    message: str,
) -> None:
    response = _post(quiet_client, path, b'{"qty": "many"}')

    assert_envelope(response, 400, "invalid_request", message)
    assert signals == []
    assert _errors(logs) == []
    [record] = [r for r in logs.records if r.name == "error_core"]
    assert (record.levelno, record.exc_info) == (logging.INFO, None)


def test_library_validation_message_never_shows_the_clients_input(quiet_client: Client) -> None:
    response = _post(quiet_client, "pydantic", b'{"name": "n", "qty": "SECRET-INPUT"}')

    assert response.status_code == 400
    assert b"SECRET-INPUT" not in response.content


@pytest.mark.parametrize(
    "body",
    [too_deep_json(), b'{"qty": ' + b"9" * 5000 + b"}"],
    ids=["nested-too-deeply", "integer-too-long"],
)
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None)  # the test project's limit is small
def test_json_body_python_cannot_parse_sent_to_webargs_on_django_is_invalid_request(
    quiet_client: Client, signals: list[Any], logs: pytest.LogCaptureFixture, body: bytes
) -> None:
    response = _post(quiet_client, "webargs", body)

    assert_envelope(response, 400, "invalid_request")
    assert signals == []
    assert _errors(logs) == []


@pytest.mark.parametrize("query", ["?r=1", ""], ids=["recursion-error", "value-error"])
def test_the_applications_own_recursion_and_value_errors_stay_500(
    quiet_client: Client, query: str
) -> None:
    import webargs.core  # noqa: F401 - loaded, as in an app that uses it

    response = quiet_client.post(f"/t/validated/own-recursion{query}")

    assert_envelope(response, 500, "internal")


@pytest.mark.parametrize("body", [b'{"qty": ', b'{"qty": "\xff"}'], ids=["malformed", "not-utf-8"])
def test_body_that_is_not_json_sent_to_webargs_on_django_says_what_flask_says(
    quiet_client: Client, signals: list[Any], body: bytes
) -> None:
    response = _post(quiet_client, "webargs", body)

    # webargs' own message, which its Flask parser answers with (INVALID_JSON).
    assert_envelope(response, 400, "invalid_request", "Invalid JSON body.")
    assert signals == []
