"""A URLconf serving the README's Django examples exactly as users copy them."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path

from tests.readme import code_blocks

drf_settings, drf_views = code_blocks("## Django REST framework")
(ratelimit_views,) = code_blocks("### django-ratelimit")

settings: dict[str, Any] = {}
exec(drf_settings, settings)
drf: dict[str, Any] = {"__name__": __name__}
exec(drf_views, drf)
ratelimit: dict[str, Any] = {"__name__": __name__}
exec(ratelimit_views, ratelimit)

urlpatterns: list[URLPattern] = [
    path("widgets", drf["create_widget"]),
    path("search", ratelimit["search"]),
]
