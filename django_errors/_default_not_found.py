"""Unknown URLs answered with the envelope directly, without Django's HTML 404 page.

Django renders the ``handler404`` of the URLconf, or, for a URLconf that names
none, the view ``django.conf.urls.handler404`` names. Rendering that HTML page
(template look-up and all) only for the middleware to replace it costs an
unknown URL about twice the time; so when the middleware is loaded, the default
becomes :func:`unknown_url`. A project's own ``handler404`` keeps winning, and a
request the middleware does not handle (another handler in the same process
without it) still gets Django's page.
"""

from __future__ import annotations

from django.conf import urls
from django.http import Http404, HttpRequest, HttpResponse
from django.views.defaults import page_not_found

from error_core._statuses import from_status

# Django names its default by the function, older releases by its path.
_DJANGO_DEFAULTS = (page_not_found, "django.views.defaults.page_not_found")


def use_envelope_for_unknown_urls() -> None:
    """Make :func:`unknown_url` the default ``handler404`` unless someone changed it."""
    if urls.handler404 in _DJANGO_DEFAULTS:
        urls.handler404 = unknown_url  # type: ignore[assignment]  # any view will do


def unknown_url(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 envelope, or Django's page for a request the middleware does not handle."""
    if getattr(request, "request_id", None) is None:
        return page_not_found(request, exception or Http404())
    from .middleware import envelope_response  # the middleware imports this module

    return envelope_response(request, from_status(404))
