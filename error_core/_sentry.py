"""The request id on Sentry events."""

from __future__ import annotations

import sys

MODULE = "sentry_sdk"


def tag_sentry_scope(request_id: str) -> None:
    """Tag the current Sentry scope with ``request_id``, if the app uses Sentry.

    Looked up in ``sys.modules``: an app that never imported ``sentry_sdk``
    pays nothing. With Sentry's Flask or Django integration each request has
    its own scope, so every event of the request carries the tag.
    """
    sentry_sdk = sys.modules.get(MODULE)
    if sentry_sdk is not None:
        sentry_sdk.set_tag("request_id", request_id)
