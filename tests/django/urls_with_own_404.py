"""A URLconf with its own handler404 (which wins over error-core's default)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound

urlpatterns: list[object] = []


def own_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseNotFound(b"own 404", content_type="text/plain")


handler404 = own_not_found
