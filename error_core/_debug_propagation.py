"""Development mode: when an unexpected exception goes to the framework's debugger."""

from __future__ import annotations


def unexpected_propagates(
    *, debug: bool, handle_unexpected_in_debug: bool, always: bool = False
) -> bool:
    """Whether an adapter lets an unexpected exception through instead of answering it.

    ``debug``: the framework's development habit is on (Flask's
    ``PROPAGATE_EXCEPTIONS``, which defaults to debug or testing mode;
    Django's ``DEBUG``, which shows the technical 500 page). It lets the
    exception through unless ``ERRORS_HANDLE_UNEXPECTED_IN_DEBUG``
    (``handle_unexpected_in_debug``) asks for the envelope there too.
    ``always``: a setting that lets every exception through whatever the
    mode (Django's ``DEBUG_PROPAGATE_EXCEPTIONS``). Errors the application
    raised on purpose (:class:`~error_core.APIError`, 4xx) never propagate:
    this is about the unexpected ones only.
    """
    return always or (debug and not handle_unexpected_in_debug)
