"""DRF views only the tests need, mounted under ``/t/drf/``."""

from __future__ import annotations

import json
from typing import Any, Callable, ClassVar

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousFileOperation
from django.http import Http404
from django.urls import URLPattern, path
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit
from rest_framework import exceptions, serializers
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from django_errors import ratelimit as errors_ratelimit
from error_core import NotFound, RateLimited
from tests.apps.errors import SECRET


class PeriodSerializer(serializers.Serializer):  # type: ignore[type-arg]
    start = serializers.IntegerField()
    end = serializers.IntegerField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError("Start must be before end.")
        return attrs


class LineSerializer(serializers.Serializer):  # type: ignore[type-arg]
    sku = serializers.CharField(max_length=5)
    qty = serializers.IntegerField(min_value=1)


class OrderSerializer(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField()
    period = PeriodSerializer(required=False)
    lines = LineSerializer(many=True, required=False)
    tags = serializers.ListField(child=serializers.IntegerField(), required=False)


class OwnerSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=["person", "team"])


class PreferencesSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Fields whose DRF messages quote the client's input or key by it."""

    colour = serializers.ChoiceField(choices=["red", "green"], required=False)
    limits = serializers.DictField(child=serializers.IntegerField(), required=False)
    picks = serializers.ListField(child=serializers.ChoiceField(choices=["a", "b"]), required=False)
    owner = OwnerSerializer(required=False)
    label = serializers.CharField(max_length=10, required=False)


class PreferencesView(APIView):
    def post(self, request: Request) -> Response:
        serializer = PreferencesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)


class OrdersView(APIView):
    """Validates an order; ``?many=1`` validates a list of lines instead."""

    def post(self, request: Request) -> Response:
        if request.query_params.get("many"):
            lines = LineSerializer(data=request.data, many=True)
            lines.is_valid(raise_exception=True)
        serializer = OrderSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data, status=201)


class CustomUnavailable(exceptions.APIException):
    status_code = 503
    default_detail = "Payments are down; try again in a minute."
    default_code = "unavailable"


class PaymentRequired(exceptions.APIException):
    status_code = 402
    default_detail = "A subscription is required."


class NotModified(exceptions.APIException):
    status_code = 304


class ThirdPartyAuthFailed(exceptions.AuthenticationFailed):
    """As JWT libraries do: a dict of details."""

    default_detail: ClassVar[Any] = {"detail": "Token is invalid.", "code": "token_not_valid"}


def _throttled_with_odd_wait() -> exceptions.Throttled:
    exc = exceptions.Throttled()
    exc.wait = "soon"  # type: ignore[assignment]  # as a careless subclass might
    return exc


RAISING: dict[str, Callable[[], Exception]] = {
    "validation-default": lambda: exceptions.ValidationError(),
    "validation-text": lambda: exceptions.ValidationError("The order is closed."),
    "validation-empty": lambda: exceptions.ValidationError({}),
    "parse-error-text": lambda: exceptions.ParseError(f"JSON parse error - {SECRET}"),
    "permission-denied": lambda: exceptions.PermissionDenied(),
    "permission-denied-text": lambda: exceptions.PermissionDenied("Only the owner may do this."),
    "permission-denied-dict": lambda: exceptions.PermissionDenied({"detail": "x", "why": "y"}),
    "csrf-failed": lambda: exceptions.PermissionDenied(
        "CSRF Failed: Origin checking failed - https://evil.example does not match."
    ),
    "not-found": lambda: exceptions.NotFound(),
    "not-found-text": lambda: exceptions.NotFound("Order ord_1 does not exist."),
    "throttled": lambda: exceptions.Throttled(wait=2.2),
    "throttled-none": lambda: exceptions.Throttled(wait=None),
    "throttled-text": lambda: exceptions.Throttled(wait=5, detail="Slow down."),
    "throttled-odd-wait": _throttled_with_odd_wait,
    "unavailable": lambda: CustomUnavailable(),
    "payment-required": lambda: PaymentRequired(),
    "not-modified": lambda: NotModified(),
    "third-party-auth": lambda: ThirdPartyAuthFailed(),
    "api-error": lambda: RateLimited("Slow down.", retry_after=7),
    "api-error-not-found": lambda: NotFound("Order ord_1 does not exist."),
    "django-http404": lambda: Http404(SECRET),
    "django-permission-denied": lambda: DjangoPermissionDenied(SECRET),
    "django-suspicious": lambda: SuspiciousFileOperation(SECRET),
    "django-too-big": lambda: RequestDataTooBig(SECRET),
    "unexpected": lambda: RuntimeError(SECRET),
}


class RaisingView(APIView):
    """Raises what the URL names, from any method."""

    def get(self, request: Request, name: str) -> Response:
        raise RAISING[name]()

    post = get


class OwnParsingView(APIView):
    """Reads the body through DRF, then parses a too deep document of its own."""

    def post(self, request: Request) -> Response:
        request.data  # noqa: B018
        return Response(json.loads("[" * 100_000))


class BasicView(APIView):
    """DRF's BasicAuthentication: a challenge on 401."""

    authentication_classes = (BasicAuthentication,)
    permission_classes = (IsAuthenticated,)

    def get(self, request: Request) -> Response:  # pragma: no cover - never authenticated
        return Response({"ok": True})


class SessionView(BasicView):
    """SessionAuthentication only: no challenge, DRF alone says 403."""

    authentication_classes = (SessionAuthentication,)


class User(AnonymousUser):
    """A user the session stands for, without a database."""

    @property
    def is_authenticated(self) -> bool:  # type: ignore[override]
        return True


class CsrfOnlyAuthentication(SessionAuthentication):
    """A logged-in session whose unsafe requests need a CSRF token."""

    def authenticate(self, request: Request) -> tuple[User, None]:
        self.enforce_csrf(request)
        return User(), None


class CsrfView(APIView):
    authentication_classes = (CsrfOnlyAuthentication,)

    def post(self, request: Request) -> Response:  # pragma: no cover - never allowed
        return Response({"ok": True})


class ThrottledView(APIView):
    """DRF's own throttle: one anonymous request a minute."""

    throttle_classes = (type("OnePerMinute", (AnonRateThrottle,), {"rate": "1/minute"}),)

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class TwoMethodsView(APIView):
    """GET and PUT: DRF's Allow lists GET, PUT, HEAD, OPTIONS in that order."""

    def get(self, request: Request) -> Response:
        raise exceptions.NotFound()

    def put(self, request: Request) -> Response:  # pragma: no cover - not called
        return Response({})


class RollbackView(APIView):
    """Writes a row, then fails as ``?fail`` says (or succeeds without it)."""

    def post(self, request: Request) -> Response:
        ContentType.objects.create(app_label="tests", model="rollback")
        failure = request.query_params.get("fail")
        if failure == "validation":
            raise exceptions.ValidationError({"name": ["This field is required."]})
        if failure == "api-error":
            raise NotFound()
        if failure == "unexpected":
            raise RuntimeError(SECRET)
        return Response({"ok": True}, status=201)


class RatelimitedView(APIView):
    """django-ratelimit's decorator on a DRF method: one request a minute per IP."""

    @method_decorator(ratelimit(key="ip", rate="1/m"))
    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class RatelimitedWithWaitView(APIView):
    """The same with django_errors.ratelimit's decorator, which tells the wait."""

    @method_decorator(errors_ratelimit.ratelimit(key="ip", rate="1/m"))
    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class EmptyErrorView(APIView):
    """``Response(status=...)`` with no data: the error an app answers without a body."""

    def get(self, request: Request, status: int) -> Response:
        headers = {"WWW-Authenticate": 'Bearer realm="api"'} if status == 401 else None
        return Response(status=status, headers=headers)


urlpatterns: list[URLPattern] = [
    path("raise/<str:name>", RaisingView.as_view()),
    path("empty-error/<int:status>", EmptyErrorView.as_view()),
    path("orders", OrdersView.as_view()),
    path("preferences", PreferencesView.as_view()),
    path("own-parsing", OwnParsingView.as_view()),
    path("basic", BasicView.as_view()),
    path("session", SessionView.as_view()),
    path("csrf", CsrfView.as_view()),
    path("throttled", ThrottledView.as_view()),
    path("two-methods", TwoMethodsView.as_view()),
    path("rollback", RollbackView.as_view()),
    path("ratelimited", RatelimitedView.as_view()),
    path("ratelimited-wait", RatelimitedWithWaitView.as_view()),
]
