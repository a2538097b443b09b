"""The DRF views shared by every DRF contender; only the exception handler differs.

The views raise DRF's own exceptions, and the 429 comes from DRF's throttling
machinery, as it does in a DRF project.
"""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn

from django.urls import path
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from ..scenarios import MESSAGE_400, MESSAGE_404, OK_BODY, RETRY_AFTER


class Exhausted(BaseThrottle):
    """A throttle whose budget is spent: every request waits 30 s."""

    def allow_request(self, request: Any, view: Any) -> bool:
        return False

    def wait(self) -> float:
        return RETRY_AFTER


class Ok(APIView):
    def get(self, request: Request) -> Response:
        return Response(OK_BODY)


class Missing(APIView):
    def get(self, request: Request) -> NoReturn:
        raise NotFound(MESSAGE_404)


class Invalid(APIView):
    def get(self, request: Request) -> NoReturn:
        raise ValidationError(MESSAGE_400)


class Crash(APIView):
    def get(self, request: Request) -> NoReturn:
        raise RuntimeError("boom")


class Limited(APIView):
    throttle_classes: ClassVar[list[type[BaseThrottle]]] = [Exhausted]

    def get(self, request: Request) -> Response:
        return Response(OK_BODY)


urlpatterns = [
    path("ok", Ok.as_view()),
    path("not-found", Missing.as_view()),
    path("invalid", Invalid.as_view()),
    path("crash", Crash.as_view()),
    path("limited", Limited.as_view()),
]
