"""The project's own ``handler400``/``403``/``404``/``500`` and the envelope.

Django answers with the root URLconf's ``handlerNNN`` views where it turns an
exception into a page itself (no URL matched, an exception in a middleware
below ``ErrorMiddleware``). The middleware converts those pages into the
envelope like Django's own, so a project's handler is shadowed: the system
check ``django_errors.W002`` names each one. With
``ERRORS_KEEP_APP_HANDLERS = True`` the project's handlers answer instead:
a page of a status the project has a handler for is left as it is. Errors
the middleware answers itself (an exception from the view, ``Http404``
included) are the envelope either way.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning
from django.urls import get_resolver

from ._conf import check_id, get_settings
from .views import not_found

STATUSES = (400, 403, 404, 500)
KEEP_SETTING = "ERRORS_KEEP_APP_HANDLERS"


def app_handler(status: int, urlconf: str | None = None) -> object:
    """The project's own ``handler<status>`` in ``urlconf`` (the root one), or ``None``.

    error-core's :func:`django_errors.views.not_found` is no project handler.
    """
    if status not in STATUSES:
        return None
    handler = getattr(get_resolver(urlconf).urlconf_module, f"handler{status}", None)
    if handler is None or handler is not_found or handler == "django_errors.views.not_found":
        return None
    return handler


def kept_page(request: Any, status: int) -> bool:
    """Whether a page of ``status`` is the project's handler's, kept by its choice."""
    return get_settings().keep_app_handlers and (
        app_handler(status, getattr(request, "urlconf", None)) is not None
    )


def check_app_handlers(**kwargs: Any) -> list[CheckMessage]:
    """``django_errors.W002`` for each project handler the envelope shadows."""
    if get_settings().keep_app_handlers:
        return []
    try:
        found = [(status, app_handler(status)) for status in STATUSES]
    except Exception:  # noqa: BLE001 - Django's own URL checks report a broken URLconf
        return []
    return [
        Warning(
            f"handler{status} = {_name(handler)} in the root URLconf is shadowed: "
            "ErrorMiddleware turns its responses into the error envelope.",
            hint=f"Remove it, or set {KEEP_SETTING} = True to keep the project's handlers.",
            obj=_name(handler),
            id=check_id(2, kind="W"),
        )
        for status, handler in found
        if handler is not None
    ]


def _name(handler: object) -> str:
    if isinstance(handler, str):
        return handler
    module = getattr(handler, "__module__", None)
    qualname = getattr(handler, "__qualname__", None)
    return f"{module}.{qualname}" if module and qualname else repr(handler)
