"""The incoming-id corpus through the Flask extension, as a server hands the header over."""

from __future__ import annotations

import logging

import pytest
from flask import Flask

from error_core import NotFound
from tests.incoming_ids import (
    FRESH_ID,
    assert_adopted,
    assert_not_adopted,
    hostile_requests,
    valid_requests,
)
from tests.raw import call_wsgi, environ

from .helpers import MakeApp


def build(make_app: MakeApp, trust: bool) -> Flask:
    app = make_app({"ERRORS_TRUST_INCOMING_REQUEST_ID": trust})

    @app.get("/missing")
    def missing() -> str:
        raise NotFound()

    return app


@pytest.mark.parametrize("trust", [False, True], ids=["ignored", "trusted"])
def test_a_hostile_id_is_never_adopted_echoed_or_logged_raw(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture, trust: bool
) -> None:
    app = build(make_app, trust)
    caplog.set_level(logging.DEBUG)
    for value, raw in hostile_requests():
        caplog.clear()
        answer = call_wsgi(app, environ(raw))
        assert answer.status == 404, value
        assert_not_adopted(value, answer, caplog.records)


def test_a_valid_id_is_adopted_when_trusted(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = build(make_app, trust=True)
    caplog.set_level(logging.DEBUG)
    for value, raw in valid_requests():
        caplog.clear()
        assert_adopted(value, call_wsgi(app, environ(raw)), caplog.records)


def test_a_valid_id_is_ignored_when_not_trusted(make_app: MakeApp) -> None:
    app = build(make_app, trust=False)
    for value, raw in valid_requests():
        request_id = call_wsgi(app, environ(raw)).header("Request-Id")
        assert request_id != value and FRESH_ID.fullmatch(request_id or ""), value
