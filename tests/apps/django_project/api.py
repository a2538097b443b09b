"""Django REST framework views of the example project, under ``/drf/``.

Each answers one failure the way DRF raises it; the Flask app's ``/drf/``
routes (``tests/apps/flask_api.py``) fail the same way with plain Flask code.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.urls import path
from rest_framework import exceptions, serializers
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from error_core import Conflict

from ..errors import (
    API_KEY,
    REVOKED_KEY,
    REVOKED_MESSAGE,
    SCOPE_MESSAGE,
    SECRET,
    THROTTLE_WAIT,
    WIDGET_MISSING,
    WWW_AUTHENTICATE,
)


class OwnerSerializer(serializers.Serializer):
    email = serializers.EmailField()


class ItemSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=20)
    tags = serializers.ListField(child=serializers.CharField(max_length=10), required=False)
    owner = OwnerSerializer(required=False)


class ItemsView(APIView):
    """GET lists, POST validates with a serializer: every other method is 405."""

    def get(self, request: Request) -> Response:
        return Response({"items": []})

    def post(self, request: Request) -> Response:
        serializer = ItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response({"name": serializer.validated_data["name"]}, status=201)


class User:
    """The caller an API key stands for."""

    is_authenticated = True


class ApiKeyAuthentication(BaseAuthentication):
    """``Authorization: Bearer <key>``: 401 with a challenge when missing or wrong."""

    def authenticate(self, request: Request) -> tuple[User, str] | None:
        scheme, _, key = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer":
            return None
        if key == REVOKED_KEY:
            raise exceptions.AuthenticationFailed(REVOKED_MESSAGE)
        if key != API_KEY:
            raise exceptions.AuthenticationFailed()
        return User(), key

    def authenticate_header(self, request: Request) -> str:
        return WWW_AUTHENTICATE


class PrivateView(APIView):
    authentication_classes = (ApiKeyAuthentication,)
    permission_classes = (IsAuthenticated,)

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class SessionOnlyView(PrivateView):
    """No authenticator with a challenge: DRF alone would answer 403."""

    authentication_classes = (SessionAuthentication,)


class NeedsScope(BasePermission):
    message = SCOPE_MESSAGE

    def has_permission(self, request: Request, view: APIView) -> bool:
        return False


class ForbiddenView(PrivateView):
    permission_classes = (NeedsScope,)

    def get(self, request: Request) -> Response:  # pragma: no cover - never allowed
        return Response({"ok": True})


class WidgetView(APIView):
    """``wid_123``: DRF's NotFound with the app's text; anything else: Django's Http404."""

    def get(self, request: Request, wid: str) -> Response:
        if wid == "wid_123":
            raise exceptions.NotFound(WIDGET_MISSING)
        raise Http404(wid)


class Throttle(BaseThrottle):
    """Always throttled; ``wait`` as the view says (``None``: unknown)."""

    def __init__(self, wait: float | None) -> None:
        self._wait = wait

    def allow_request(self, request: Request, view: APIView) -> bool:
        return False

    def wait(self) -> float | None:
        return self._wait


class ThrottledView(APIView):
    wait: float | None = THROTTLE_WAIT - 0.5  # DRF rounds the wait up

    def get_throttles(self) -> list[BaseThrottle]:
        return [Throttle(self.wait)]

    def get(self, request: Request) -> Response:  # pragma: no cover - always throttled
        return Response({"ok": True})


class ThrottledNoWaitView(ThrottledView):
    wait = None


class RaisingView(APIView):
    """Errors that are not DRF's: error-core's, Django's, and an accident."""

    def get(self, request: Request, name: str) -> Response:
        if name == "conflict":
            raise Conflict("Widget wid_123 was changed by another request.")
        if name == "django-permission-denied":
            raise DjangoPermissionDenied("Django's own 403")
        raise RuntimeError(SECRET)


urlpatterns = [
    path("items", ItemsView.as_view()),
    path("private", PrivateView.as_view()),
    path("session-only", SessionOnlyView.as_view()),
    path("forbidden", ForbiddenView.as_view()),
    path("widgets/<str:wid>", WidgetView.as_view()),
    path("throttled", ThrottledView.as_view()),
    path("throttled-no-wait", ThrottledNoWaitView.as_view()),
    path("raise/<str:name>", RaisingView.as_view()),
]
