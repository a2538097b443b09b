"""Views only the Django tests need."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

urlpatterns: list = []
