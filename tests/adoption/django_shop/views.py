"""The shop's views: DRF API views, a plain Django class-based view, a form post."""

from __future__ import annotations

from typing import Any

import structlog
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.views import View
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework_simplejwt.authentication import JWTStatelessUserAuthentication

logger = structlog.get_logger(__name__)

PRODUCTS = [
    {"id": 1, "name": "Teapot", "price": "18.50"},
    {"id": 2, "name": "Cup", "price": "4.00"},
]


class OutOfStock(Exception):
    """A domain error: the product is sold out."""


def shop_exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponseBase | None:
    """The project's DRF handler from before error-core: its domain errors, then DRF's."""
    if isinstance(exc, OutOfStock):
        return Response({"detail": "This product is sold out."}, status=409)
    return drf_exception_handler(exc, context)


class OrderSerializer(serializers.Serializer[dict[str, Any]]):
    """A new order."""

    product_id = serializers.IntegerField()
    quantity = serializers.IntegerField(min_value=1)


class ShopView(APIView):
    """The shop's ``REST_FRAMEWORK`` defaults, declared on its views.

    DRF reads them into the class when this module is imported, and the test
    run may import it under its own settings.
    """

    authentication_classes = [JWTStatelessUserAuthentication]  # noqa: RUF012 - DRF's style
    permission_classes = [IsAuthenticated]  # noqa: RUF012
    renderer_classes = [JSONRenderer]  # noqa: RUF012
    parser_classes = [JSONParser]  # noqa: RUF012


class ProductsView(ShopView):
    """The public catalogue."""

    permission_classes = [AllowAny]  # noqa: RUF012 - DRF's declaration style

    def get(self, request: Request) -> Response:
        logger.info("products_listed", count=len(PRODUCTS))
        return Response(PRODUCTS, headers={"X-Total-Count": str(len(PRODUCTS))})


class OrdersView(ShopView):
    """Orders, behind SimpleJWT."""

    def post(self, request: Request) -> Response:
        serializer = OrderSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data["product_id"] == 2:
            raise OutOfStock
        logger.info("order_placed", product=serializer.validated_data["product_id"])
        return Response({**serializer.validated_data, "user": str(request.user.id)}, status=201)


class RefundView(ShopView):
    """Refunds reach a payment provider that is down: an unexpected error."""

    def post(self, request: Request) -> Response:
        raise RuntimeError("payment provider unreachable")


class HealthView(View):
    """A plain Django class-based view answering GET only."""

    def get(self, request: HttpRequest) -> JsonResponse:
        return JsonResponse({"status": "ok"})


class NewsletterView(View):
    """A plain Django class-based view answering POST only."""

    def post(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse(status=204)


def contact(request: HttpRequest) -> HttpResponse:
    """A form post (CSRF-protected, as every non-DRF view)."""
    return HttpResponse("Thanks!", content_type="text/plain")
