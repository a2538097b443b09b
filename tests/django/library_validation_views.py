"""Views that validate the client's data with marshmallow, pydantic or webargs (plain and DRF)."""

from __future__ import annotations

import json

import marshmallow
import pydantic
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path
from django.views.decorators.csrf import csrf_exempt
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from webargs import fields
from webargs.djangoparser import use_args


class Widget(pydantic.BaseModel):
    name: str
    qty: int


class WidgetSchema(marshmallow.Schema):
    name = marshmallow.fields.String(required=True)
    qty = marshmallow.fields.Integer(required=True)


@csrf_exempt
def with_pydantic(request: HttpRequest) -> JsonResponse:
    return JsonResponse(Widget.model_validate_json(request.body).model_dump())


@csrf_exempt
def with_marshmallow(request: HttpRequest) -> JsonResponse:
    return JsonResponse(WidgetSchema().load(json.loads(request.body)))


@csrf_exempt
@use_args({"qty": fields.Int(required=True)}, location="json")
def with_webargs(request: HttpRequest, args: dict[str, int]) -> JsonResponse:
    return JsonResponse(args)


@csrf_exempt
def own_recursion(request: HttpRequest) -> JsonResponse:
    """The application's own RecursionError and ValueError are no client's mistake."""
    raise RecursionError("the application's own") if request.GET.get("r") else ValueError("own")


class PydanticView(APIView):
    def post(self, request: Request) -> Response:
        return Response(Widget.model_validate(request.data).model_dump())


urlpatterns: list[URLPattern] = [
    path("pydantic", with_pydantic),
    path("marshmallow", with_marshmallow),
    path("webargs", with_webargs),
    path("own-recursion", own_recursion),
    path("drf/pydantic", PydanticView.as_view()),
]
