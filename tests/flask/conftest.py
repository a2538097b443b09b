"""An app factory: each test builds the small app it needs."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from flask_errors import Errors

from .helpers import MakeApp


@pytest.fixture
def make_app() -> MakeApp:
    """Build a Flask app with ``config`` and the extension installed.

    ``factory=True`` uses ``Errors().init_app(app)``; ``testing`` is off
    unless the config says so, so unexpected exceptions are not propagated.
    """

    def build(config: dict[str, Any] | None = None, *, factory: bool = False) -> Flask:
        app = Flask(__name__)
        app.config.update(config or {})
        if factory:
            Errors().init_app(app)
        else:
            Errors(app)
        return app

    return build
