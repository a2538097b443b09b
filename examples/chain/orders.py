"""The ``orders`` service (Django): places an order, enqueues a task, then fails."""

from __future__ import annotations

import logging

from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .tasks import reserve_stock

logger = logging.getLogger("examples.chain.orders")


def ok(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


@csrf_exempt
def place_order(request: HttpRequest) -> JsonResponse:
    logger.info("placing order 7")
    reserve_stock.delay(7)  # the task carries this request's id
    raise ConnectionError("the payment provider did not answer")


urlpatterns = [path("ok", ok), path("orders", place_order)]
application = get_wsgi_application()
