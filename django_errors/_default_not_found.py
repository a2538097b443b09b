"""Unknown URLs answered with the envelope directly, without Django's HTML 404 page.

Django renders the ``handler404`` of the URLconf, or, for a URLconf that names
none, the view ``django.conf.urls.handler404`` names. Rendering that HTML page
(template look-up and all) only for the middleware to replace it costs an
unknown URL about twice the time; so when the middleware is loaded, the default
becomes ``django_errors._unknown_url_view.unknown_url`` (by its path: that
module imports the middleware). A project's own ``handler404`` keeps winning, and a
request the middleware does not handle (another handler in the same process
without it) still gets Django's page.
"""

from __future__ import annotations

from django.conf import urls
from django.views.defaults import page_not_found

# Django names its default by the function, older releases by its path.
_DJANGO_DEFAULTS = (page_not_found, "django.views.defaults.page_not_found")
OURS = "django_errors._unknown_url_view.unknown_url"


def use_envelope_for_unknown_urls() -> None:
    """Make error-core's view the default ``handler404`` unless someone changed it."""
    if urls.handler404 in _DJANGO_DEFAULTS:
        urls.handler404 = OURS  # type: ignore[assignment]  # Django takes a view or its path
