"""The default ``handler404`` while ``ErrorMiddleware`` is loaded (see ``_default_not_found``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.defaults import page_not_found

from error_core._statuses import from_status

from ._envelope_response import envelope_logged_when_leaving, envelope_response


def unknown_url(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 envelope, or Django's page for a request the middleware does not handle."""
    if getattr(request, "request_id", None) is None:
        return page_not_found(request, exception or Http404())
    return envelope_logged_when_leaving(request, from_status(404))


def not_found_envelope(request: HttpRequest) -> HttpResponse:
    """The 404 envelope with the code's default message.

    With ``ErrorMiddleware`` loaded, it is logged as it leaves the middleware:
    ``CommonMiddleware`` may still replace it with a redirect to the URL with
    a ``/`` (``APPEND_SLASH``), and then no 404 is sent, so none is logged.
    Without the middleware, it is logged now.
    """
    if getattr(request, "request_id", None) is None:
        return envelope_response(request, from_status(404))
    return envelope_logged_when_leaving(request, from_status(404))
