"""Optional error views: ``handler404 = "django_errors.views.not_found"`` in the root URLconf.

Not needed: while ``ErrorMiddleware`` is loaded, a URLconf that names no
``handler404`` answers unknown URLs with the envelope directly, so Django never
renders its HTML page. Name this view to get the envelope even without the
middleware.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from ._unknown_url_view import not_found_envelope


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 envelope with the code's default message, as the middleware answers it."""
    return not_found_envelope(request)
