"""The example project's URLs plus test-only views under ``t/``."""

from __future__ import annotations

from django.urls import include, path

from examples.django_project.urls import urlpatterns as example_urls

from . import views

urlpatterns = [
    *example_urls,
    path("t/", include(views.urlpatterns)),
]
