"""An application's own DRF exception handler and the views it maps, for the adoption tests.

Mounted as the URLconf of ``tests/django/test_drf_adoption.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import HttpResponseBase
from django.urls import URLPattern, path
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.views import TokenRefreshView

from django_errors.rest_framework import exception_handler
from error_core import Conflict
from tests.apps.errors import SECRET


class OutOfStock(Exception):
    """A domain error the application maps to 409 itself."""


class PaymentFailed(Exception):
    """A domain error the application answers with a body of its own shape."""


class ServiceDown(Exception):
    """A domain error the application maps to 503."""


def application_handler(exc: Exception, context: dict[str, Any]) -> HttpResponseBase | None:
    """The handler the application had before error-core, as such handlers are written.

    DRF's default, with the status copied into the body; Django's
    ``ValidationError`` from the services' ``full_clean()`` as 400; its own
    domain errors.
    """
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data["status_code"] = response.status_code
        return response
    if isinstance(exc, DjangoValidationError):
        return Response({"detail": exc.messages}, status=400)
    if isinstance(exc, OutOfStock):
        return Response({"detail": "This item is out of stock."}, status=409)
    if isinstance(exc, PaymentFailed):
        return Response({"error": "card_declined", "reason": "Insufficient funds."}, status=402)
    if isinstance(exc, ServiceDown):
        return Response({"detail": "Payments are down, try again later."}, status=503)
    return None


def delegating_handler(exc: Exception, context: dict[str, Any]) -> HttpResponseBase | None:
    """The other way round: the application's handler maps its errors, error-core the rest."""
    if isinstance(exc, OutOfStock):
        return exception_handler(Conflict("This item is out of stock."), context)
    return exception_handler(exc, context)


def success_handler(exc: Exception, context: dict[str, Any]) -> HttpResponseBase | None:
    """An application that answers one of its exceptions with a success."""
    if isinstance(exc, OutOfStock):
        return Response({"queued": True}, status=202)
    return None


def _invalid_uuid() -> DjangoValidationError:
    """What ``UUIDField`` raises for a value that is no UUID: its message quotes the value."""
    try:
        models.UUIDField().clean(SECRET, None)
    except DjangoValidationError as exc:
        return exc
    raise AssertionError("UUIDField accepted a value that is no UUID")


class FullCleanView(APIView):
    """A service validating a model instance with ``full_clean()``."""

    def post(self, request: Request) -> Response:
        ContentType(app_label="", model="").full_clean()
        return Response(status=201)


class RaisingView(APIView):
    """Raises what ``?raise=`` names."""

    raised: dict[str, Exception] = {  # noqa: RUF012 - read only
        "plain": DjangoValidationError("Quantity exceeds the stock."),
        "list": DjangoValidationError(["Too early.", "Too late."]),
        "dict": DjangoValidationError(
            {"email": "Enter a valid email address.", NON_FIELD_ERRORS: "Dates overlap."}
        ),
        "params": DjangoValidationError(
            "Ensure this value is at most %(limit)s.", params={"limit": 3}
        ),
        "quoting-input": DjangoValidationError({"uuid": _invalid_uuid()}),
        "out-of-stock": OutOfStock(),
        "payment": PaymentFailed(),
        "service-down": ServiceDown(),
        "not-found": exceptions.NotFound(),
        "drf-validation": exceptions.ValidationError({"name": ["This field is required."]}),
        "unexpected": RuntimeError(SECRET),
    }

    def get(self, request: Request) -> Response:
        raise self.raised[request.query_params["raise"]]


class JWTView(APIView):
    """A view behind SimpleJWT's authentication."""

    authentication_classes = [JWTAuthentication]  # noqa: RUF012 - DRF's declaration style
    permission_classes = [IsAuthenticated]  # noqa: RUF012

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


urlpatterns: list[URLPattern] = [
    path("full-clean", FullCleanView.as_view()),
    path("raise", RaisingView.as_view()),
    path("jwt", JWTView.as_view()),
    path("token/refresh", TokenRefreshView.as_view()),
]
