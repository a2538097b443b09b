"""The example project's views: DRF serializers validate, error-core answers the errors."""

from __future__ import annotations

from typing import Any

from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from django_errors.ratelimit import ratelimit
from django_errors.spectacular import error_responses
from error_core import NotFound

WIDGETS = {1: "sprocket", 2: "gear"}
MAX_ID = 1_000_000  # the largest id a widget can have, as on Flask
MAX_NAME = 40
ALWAYS = ("method_not_allowed", "internal")


class Name(serializers.RegexField):
    """A string as the client sent it: no number turned into text, no whitespace trimmed."""

    def __init__(self) -> None:
        # DRF refuses NUL characters; the pattern says so in the OpenAPI document.
        super().__init__(r"^[^\x00]*$", min_length=1, max_length=MAX_NAME, trim_whitespace=False)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


class WidgetSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    name = Name()


class SearchSerializer(serializers.Serializer[Any]):
    q = Name()


class WidgetView(APIView):
    @extend_schema(responses={200: WidgetSerializer, **error_responses("not_found", *ALWAYS)})
    def get(self, request: Request, wid: int) -> Response:
        if not 1 <= wid <= MAX_ID:
            raise NotFound()  # what Flask's bounded route answers
        if wid not in WIDGETS:
            raise NotFound(f"Widget {wid} does not exist.")
        return Response({"id": wid, "name": WIDGETS[wid]})


class WidgetsView(APIView):
    @extend_schema(
        request=WidgetSerializer,
        responses={
            201: WidgetSerializer,
            **error_responses(
                "invalid_request", "payload_too_large", "unsupported_media_type", *ALWAYS
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = WidgetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)  # a ValidationError is `invalid_request`
        return Response({"id": len(WIDGETS) + 1, **serializer.validated_data}, status=201)


class SearchView(APIView):
    @extend_schema(
        parameters=[SearchSerializer],
        responses={200: dict, **error_responses("invalid_request", "rate_limited", *ALWAYS)},
    )
    @method_decorator(ratelimit(key="ip", rate="30/m"))
    def get(self, request: Request) -> Response:
        query = SearchSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = [name for name in WIDGETS.values() if query.validated_data["q"] in name]
        return Response({"results": found})


class BoomView(APIView):
    @extend_schema(responses=error_responses(*ALWAYS))
    def get(self, request: Request) -> Response:
        raise RuntimeError("an unexpected failure")  # `internal` for the client, traceback logged


def document_request_id(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """A drf-spectacular hook: every success response carries the ``Request-Id`` header."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            for status, response in operation.get("responses", {}).items():
                if status.startswith("2"):
                    response.setdefault("headers", {})["Request-Id"] = {
                        "required": True,
                        "schema": {"type": "string"},
                    }
    return result
