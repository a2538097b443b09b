"""The chain's Django service: its views, URLs and WSGI application.

``/chain/<path>`` calls ``DOWNSTREAM`` (environment) with the rest of the path,
through httpx; a downstream error becomes this service's own.
"""

from __future__ import annotations

import logging
import os

import httpx
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, JsonResponse
from django.urls import path

from error_core.client import raise_for_error
from error_core.integrations.httpx import RequestIdHook

logger = logging.getLogger("chain.django")
downstream = httpx.Client(event_hooks={"request": [RequestIdHook()]}, timeout=10)


def ok(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


def chain(request: HttpRequest, rest: str) -> JsonResponse:
    url = f"{os.environ['DOWNSTREAM']}/{rest}"
    logger.info("calling %s", url)
    response = downstream.get(url)
    raise_for_error(response)
    return JsonResponse({"service": "django", "downstream": response.json()})


urlpatterns = [path("ok", ok), path("chain/<path:rest>", chain)]
application = get_wsgi_application()
