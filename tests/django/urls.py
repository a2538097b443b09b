"""The example project's URLs plus test-only views under ``t/``."""

from __future__ import annotations

from django.urls import include, path

from tests.apps.django_project.urls import urlpatterns as example_urls

from . import base_exception_views, drf_views, library_validation_views, ratelimit_views, views

urlpatterns = [
    *example_urls,
    path("t/drf/", include(drf_views.urlpatterns)),
    path("t/ratelimit/", include(ratelimit_views.urlpatterns)),
    path("t/base/", include(base_exception_views.urlpatterns)),
    path("t/validated/", include(library_validation_views.urlpatterns)),
    path("t/", include(views.urlpatterns)),
]
