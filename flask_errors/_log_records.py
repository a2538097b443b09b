"""Log records made in a copied request context carry that request's id.

The core's record factory reads the id bound while the guard handles the
request. A thread started with ``flask.copy_current_request_context`` runs in
a fresh context where nothing is bound, though ``flask.g.request_id`` answers
there: its records would say ``-``. :func:`copied_context_id` is the id source
the core's factory asks then (:func:`error_core._log.install_record_factory`).
"""

from __future__ import annotations

from flask import has_request_context, request

from ._rendering import ID_KEY


def copied_context_id() -> str | None:
    """The id of the current request context's request, if there is one."""
    # Asked only for records made where no id is bound.
    if has_request_context():
        request_id: str | None = request.environ.get(ID_KEY)
        return request_id
    return None
