"""The example project's routes: the same paths as the Flask app."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from . import views

handler404 = "django_errors.views.not_found"  # optional: unknown URLs skip Django's HTML page

urlpatterns = [
    path("widgets/<int:wid>", views.WidgetView.as_view()),
    path("widgets", views.WidgetsView.as_view()),
    path("search", views.SearchView.as_view()),
    path("boom", views.BoomView.as_view()),
    path("openapi.json", SpectacularJSONAPIView.as_view()),
]
