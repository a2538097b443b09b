"""The test URLs with a project's own ``handler400``/``403``/``404``/``500``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from .urls import urlpatterns


def own_bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponse("<h1>Our own bad request page</h1>", status=400)


def own_permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponse("<h1>Our own forbidden page</h1>", status=403)


def own_not_found(request: HttpRequest, exception: Exception) -> JsonResponse:
    return JsonResponse({"error": "nope", "status": 404}, status=404)


def own_server_error(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"error": "boom", "status": 500}, status=500)


handler400 = own_bad_request
handler403 = "tests.django.app_handler_urls.own_permission_denied"
handler404 = own_not_found
handler500 = own_server_error

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
