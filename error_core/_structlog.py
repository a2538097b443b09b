"""structlog's context variables carry the current request id, when structlog is in use.

An application that logs with structlog and merges its context variables
(``structlog.contextvars.merge_contextvars``, in structlog's default
processors) gets ``request_id`` on every line without configuring anything.
Nothing is imported: an application that never imported structlog pays one
dictionary look-up per bind.
"""

from __future__ import annotations

import sys

MODULE = "structlog.contextvars"
KEY = "request_id"


def mirror(request_id: str | None) -> None:
    """Bind ``request_id`` in structlog's context variables, or unbind it for ``None``."""
    contextvars = sys.modules.get(MODULE)
    if contextvars is None:
        return
    if request_id is None:
        contextvars.unbind_contextvars(KEY)
    else:
        contextvars.bind_contextvars(**{KEY: request_id})
