"""An empty error a view returns: the envelope is sent instead, as on Django.

``return "", 400`` or ``abort(Response(status=401))`` is an error with an empty
body of type ``text/html`` (or none): nothing a client can read. The rule of
which responses are converted is the core's (``error_core._error_pages``).
Only empty ones are concerned on Flask: Werkzeug's own pages are exceptions,
answered before they are rendered, so a page with content that gets this far
is the application's choice (``abort(Response("busy", 429))``, Flask-Limiter's
``on_breach``), as is a streamed body or a page a handler kept with
``ERRORS_KEEP_APP_HANDLERS`` answered.

The envelope is made when the app calls ``start_response``, while its request
is still current, and started like any response: a WSGI middleware around the
guard (OpenTelemetry's) sees the envelope's status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from error_core._error_pages import is_error_page
from error_core._header_lines import has_header_value
from error_core._sendable_headers import unsendable_header
from error_core._settings import Settings
from error_core._statuses import from_status

from ._app_handlers import KEPT_PAGE_KEY
from ._rendering import Headers, rendered

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment


def is_returned_page(headers: Headers, names: str) -> bool:
    """Whether the start of an error response (``names``: lower-cased lines) is an empty page.

    Only an empty body (``Content-Length: 0``) of type ``text/html`` or of none.
    """
    if not has_header_value(names, "Content-Length", "0"):
        return False
    content_type = next((value for name, value in headers if name.lower() == "content-type"), None)
    return is_error_page(content_type, empty=True)


def page_envelope(
    environ: WSGIEnvironment, settings: Settings, status: str, headers: Headers, lines: str
) -> tuple[str, Headers, bytes] | None:
    """The envelope's status line, headers and body replacing an empty page, or ``None``.

    ``None`` leaves the page as it is: a kept handler's, or one with a header
    no server may send (refused when started, and answered as for any response).
    """
    if KEPT_PAGE_KEY in environ or unsendable_header(headers, lines) is not None:
        return None
    digits = status[:3]
    code = int(digits) if digits.isascii() and digits.isdigit() else 500
    return rendered(environ, settings, from_status(code, None, headers), page_headers=headers)
