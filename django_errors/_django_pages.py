"""Django's own error pages (HTML 404, 403, 400, 413, 500...) turned into the envelope."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponseBase

from error_core import APIError
from error_core._converted_headers import kept_headers
from error_core._debug_propagation import unexpected_propagates
from error_core._error_pages import is_error_page
from error_core._statuses import from_status

from ._app_handlers import kept_page
from ._conf import get_settings
from ._envelope_response import envelope_response


def is_django_page(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether an error response is one of Django's pages rather than the app's own.

    An error without a body and without a ``Content-Type`` is no answer of the
    app's own either: it says nothing a client can read.
    """
    if response.status_code < 400 or getattr(response, "_error_core", False):
        return False
    if response.streaming or kept_page(request, response.status_code):
        return False
    raised = getattr(request, "_error_core_exception", None)
    if (
        response.status_code >= 500
        # An APIError is no accident: it is answered as chosen, even in DEBUG.
        and not isinstance(raised, APIError)
        and unexpected_propagates(
            debug=django_settings.DEBUG,
            handle_unexpected_in_debug=get_settings().handle_unexpected_in_debug,
        )
    ):
        return False  # Django's technical 500 page
    return (
        is_error_page(response.get("Content-Type"), empty=not response.content)  # type: ignore[attr-defined]
        # Django's handlers log the responses they make from exceptions.
        or getattr(response, "_has_been_logged", False)
        or raised is not None
        # No view was found: the resolver's 404, Django's handler404 or the
        # project's (which Django does not log before the middleware sees it).
        or (response.status_code == 404 and getattr(request, "resolver_match", None) is None)
    )


def converted_page(request: HttpRequest, page: HttpResponseBase) -> HttpResponseBase:
    """The envelope answering what Django's ``page`` said, with what is not the page's.

    Headers the middleware below or the application set on the page (CORS,
    security headers, ``Vary``, cookies) are kept; those describing the
    page's body, and those the envelope sets itself, are not.
    """
    response = envelope_response(request, _error_for_page(request, page))
    envelope_names = {name.lower() for name in response.headers}
    for name, value in kept_headers(list(page.items()), envelope_names):
        response.headers[name] = value
    response.cookies = page.cookies
    return response


def _error_for_page(request: HttpRequest, page: HttpResponseBase) -> APIError:
    raised = getattr(request, "_error_core_exception", None)
    if isinstance(raised, APIError):
        return raised
    status = page.status_code
    if status == 400 and _body_too_big(request):
        status = 413
    return from_status(status, None, page.items())


def _body_too_big(request: HttpRequest) -> bool:
    """Whether Django's 400 answers a RequestDataTooBig raised outside the view.

    Django leaves empty POST and FILES behind after the failed read; a body
    over the limit that was never read (DisallowedHost) or was read fine (file
    uploads) keeps its 400.
    """
    limit = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    length = int(request.META.get("CONTENT_LENGTH") or 0)  # digits int() reads: see early_answer
    return limit is not None and length > limit and not getattr(request, "_files", True)
