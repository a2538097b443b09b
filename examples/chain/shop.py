"""The ``shop`` service (Flask): the one clients call. It makes the request id.

``POST /checkout`` asks ``orders`` (``ORDERS_URL``) to place an order; an
error from ``orders`` becomes the shop's own (same code, status, message).
"""

from __future__ import annotations

import logging
import os

from flask import Flask

from error_core.client import raise_for_error
from error_core.integrations.requests import RequestIdSession
from flask_errors import Errors

from .logs import configure

configure("shop")
logger = logging.getLogger("examples.chain.shop")

app = Flask(__name__)
Errors(app)  # clients are not trusted with the id: the shop makes it
orders = RequestIdSession()  # sends it as X-Request-Id


@app.get("/ok")
def ok() -> dict[str, bool]:
    return {"ok": True}


@app.post("/checkout")
def checkout() -> dict[str, object]:
    logger.info("checking out the basket")
    response = orders.post(f"{os.environ['ORDERS_URL']}/orders", json={"sku": "A-1"}, timeout=10)
    raise_for_error(response)
    return {"order": response.json()}
