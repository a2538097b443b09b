"""A Flask service of the chain: ``/ok``, ``/fail``, and ``/chain/<path>`` which calls on.

Configured by the environment (gunicorn ``--env``): ``SERVICE`` (its name in
the log), ``DOWNSTREAM`` (the base URL ``/chain/<path>`` calls with the rest
of the path) and ``TRUST`` (``1``: adopt the upstream's ``X-Request-Id``).
"""

from __future__ import annotations

import logging
import os

from flask import Flask

from error_core.client import raise_for_error
from error_core.integrations.requests import RequestIdSession
from flask_errors import Errors

from .logging_config import configure

SERVICE = os.environ.get("SERVICE", "flask")
configure(SERVICE)
logger = logging.getLogger(f"chain.{SERVICE}")

app = Flask(__name__)
app.config["ERRORS_TRUST_INCOMING_REQUEST_ID"] = os.environ.get("TRUST") == "1"
Errors(app)
downstream = RequestIdSession()


@app.get("/ok")
def ok() -> dict[str, bool]:
    return {"ok": True}


@app.get("/fail")
def fail() -> dict[str, bool]:
    logger.info("about to fail")
    raise RuntimeError("the disk is on fire")


@app.get("/chain/<path:rest>")
def chain(rest: str) -> dict[str, object]:
    url = f"{os.environ['DOWNSTREAM']}/{rest}"
    logger.info("calling %s", url)
    response = downstream.get(url, timeout=10)
    # A downstream error becomes this service's own: same code, status, message.
    raise_for_error(response)
    return {"service": SERVICE, "downstream": response.json()}
