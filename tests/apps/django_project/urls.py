"""URLs of the example Django project (the same paths as the Flask app)."""

from __future__ import annotations

from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from . import views

# Optional: the middleware converts Django's 404 page without it; with it,
# Django never renders that page.
handler404 = "django_errors.views.not_found"

urlpatterns = [
    path("ok", views.ok),
    path("echo", views.echo),
    path("async/echo", views.async_echo),
    path("stream", views.stream),
    path("async/stream", views.async_stream),
    path("errors/<str:name>", views.errors),
    path("framework/<int:status>", views.framework),
    path("items", csrf_exempt(views.ItemsView.as_view())),
    path("methods", views.methods),
    path("upload", views.upload),
    path("csrf", views.csrf_protected),
    path("empty-error", views.empty_error),
    path("pydantic", views.pydantic_widget),
    path("app-json-error", views.app_json_error),
    path("async/ok", views.async_ok),
    path("async/not-found", views.async_not_found),
    path("async/unexpected", views.async_unexpected),
    path("drf/", include("tests.apps.django_project.api")),
]
