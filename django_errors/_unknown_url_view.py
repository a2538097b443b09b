"""The default ``handler404`` while ``ErrorMiddleware`` is loaded (see ``_default_not_found``)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.views.defaults import page_not_found

from error_core._statuses import from_status

from ._envelope_response import envelope_response


def unknown_url(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 envelope, or Django's page for a request the middleware does not handle."""
    if getattr(request, "request_id", None) is None:
        return page_not_found(request, exception or Http404())
    return redirected_with_slash(request) or envelope_response(request, from_status(404))


def redirected_with_slash(request: HttpRequest) -> HttpResponse | None:
    """A bare 404 for a URL without a trailing ``/`` while ``APPEND_SLASH`` is on.

    ``CommonMiddleware`` may replace this 404 with a redirect to the URL's twin
    with a ``/``: then no 404 is sent, so none may be logged, and the envelope
    is logged as it is made. The bare page (no template rendered) becomes the
    envelope, logged once, only if it still leaves ``ErrorMiddleware``, which
    converts it. Deciding here would cost resolving the URL twice more, as
    ``CommonMiddleware`` does anyway. ``None`` for every other URL, and for a
    request the middleware does not handle.
    """
    if getattr(request, "request_id", None) is None:
        return None
    if settings.APPEND_SLASH and not request.path_info.endswith("/"):
        return HttpResponseNotFound()
    return None
