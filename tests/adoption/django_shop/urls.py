"""The shop's URLconf."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("api/products", views.ProductsView.as_view()),
    path("api/orders", views.OrdersView.as_view()),
    path("api/refunds", views.RefundView.as_view()),
    path("health", views.HealthView.as_view()),
    path("newsletter", views.NewsletterView.as_view()),
    path("contact", views.contact),
]
