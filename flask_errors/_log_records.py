"""Log records made in a copied request context carry that request's id.

The core's record factory reads the id bound while the guard handles the
request. A thread started with ``flask.copy_current_request_context`` runs in
a fresh context where nothing is bound, though ``flask.g.request_id`` answers
there: its records would say ``-``. This factory, wrapped around the core's,
fills in the id from the request context when the core found none.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import has_request_context, request

from ._answer import ID_KEY

_install_lock = threading.Lock()
_installed = False


def install_copied_context_ids() -> None:
    """Wrap the current record factory once per process; safe to call again."""
    global _installed
    with _install_lock:
        if _installed:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            # Only records the core could not tag pay for the look-up.
            if getattr(record, "request_id", "-") == "-" and has_request_context():
                request_id = request.environ.get(ID_KEY)
                if request_id is not None:
                    record.request_id = request_id
            return record

        logging.setLogRecordFactory(factory)
        _installed = True
