"""Flask-HTTPAuth's default error response (401/403, ``Unauthorized Access``) as the envelope.

Flask-HTTPAuth does not raise: its ``login_required`` returns the response
its error callback builds. Only the response of its *default* callback is
converted (the text it always writes, with its ``WWW-Authenticate``): a
callback the application set with ``@auth.error_handler`` is its deliberate
answer and is left alone here (an empty one is still converted, as every
empty error is: ``_returned_pages``). The hook is installed only in an
application that has imported ``flask_httpauth``; it keeps every header of
the response but those describing the old body.
"""

from __future__ import annotations

import sys
from typing import Callable

from flask import Flask, Response

from error_core._statuses import from_status

_DEFAULT_BODY = b"Unauthorized Access"
_BODY_HEADERS = frozenset(("content-type", "content-length"))
_MARK = "_error_core_httpauth"


def install(app: Flask, respond: Callable[..., Response]) -> None:
    """Add the conversion as an ``after_request`` function, once, if Flask-HTTPAuth is used."""
    if "flask_httpauth" not in sys.modules:
        return
    if any(getattr(hook, _MARK, False) for hook in app.after_request_funcs.get(None, [])):
        return

    def convert(response: Response) -> Response:
        if response.status_code not in (401, 403) or "WWW-Authenticate" not in response.headers:
            return response
        if response.is_streamed or response.get_data() != _DEFAULT_BODY:
            return response
        converted = respond(from_status(response.status_code, None, response.headers.items()))
        owned = {name.lower() for name, _ in converted.headers.items()} | _BODY_HEADERS
        for name, value in response.headers.items():
            if name.lower() not in owned:  # CORS, cookies, Vary...: another hook's
                converted.headers.add(name, value)
        return converted

    setattr(convert, _MARK, True)
    app.after_request_funcs.setdefault(None, []).append(convert)
