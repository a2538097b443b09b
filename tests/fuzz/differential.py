"""Random ``APIError``s, headers included, and the one view each framework raises them in.

:data:`CURRENT` holds the recipe of the current example; the Flask view and
the Django view make the error from it afresh, so each adapter answers the
same error built the same way.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from error_core import CODES, APIError

from .apps import Raise, Text
from .drf import BIDI
from .strategies import CLASSES, TOKEN_CHARS, identifiers, small_text

CURRENT: list[Raise] = []
# Names a server or the envelope has views on: framing, hop-by-hop, the envelope's own.
HEADER_NAMES = [
    "WWW-Authenticate",
    "www-authenticate",
    "Retry-After",
    "X-A",
    "x-a",
    "Transfer-Encoding",
    "Connection",
    "Content-Encoding",
    "Upgrade",
    "Trailer",
    "Keep-Alive",
    "TE",
    "Proxy-Connection",
    "Content-Length",
    "Content-Type",
    "Request-Id",
    "Cache-Control",
    "Set-Cookie",
    "Vary",
    "Location",
    "Date",
    "Server",
    "Allow",
]
HEADER_VALUES = [
    "",
    " ",
    "chunked",
    "close",
    "gzip",
    "websocket",
    "0",
    "-1",
    "Basic realm=x",
    "a\x01b",
    "a\tb",
    "a\r\nX-Injected: 1",
    "é",
    "\u202e",
    "x" * 5000,
]
names = (
    st.sampled_from(HEADER_NAMES) | st.text(TOKEN_CHARS, min_size=1, max_size=12) | small_text(8)
)
values = st.sampled_from(HEADER_VALUES) | small_text(20) | st.sampled_from(BIDI)
pairs = st.lists(st.tuples(names, values), max_size=5)
headers = st.one_of(st.none(), pairs, pairs.map(dict))
messages = st.one_of(
    st.none(),
    small_text().map(Text),
    st.builds(Text, small_text(20).filter(bool), st.integers(1, 20_000)),
)
codes = st.one_of(
    st.none(),
    st.sampled_from(sorted(CODES)),
    identifiers.map(str.lower),
    small_text(12),
)
statuses = st.none() | st.integers(400, 599)


def _error(cls: type[APIError], message: Any, code: Any, status: Any, headers: Any) -> APIError:
    if cls is APIError:
        return APIError(message, code=code, status=status, headers=headers)
    return cls(message, headers=headers)


errors = st.builds(
    lambda cls, m, c, s, h: Raise(_error, (cls, m, c, s, h)),
    st.sampled_from([APIError, APIError, *CLASSES]),
    messages,
    codes,
    statuses,
    headers,
)


def raise_current() -> None:
    """Raise the current example's error, made now."""
    raise CURRENT[0].make()


def flask_app() -> Any:
    """A Flask app whose ``/diff`` view raises the current error."""
    from flask import Flask

    from flask_errors import Errors

    app = Flask("fuzz_diff")
    Errors(app)

    @app.route("/diff", methods=["GET", "POST", "HEAD"])
    def diff() -> Any:
        raise_current()

    return app


def django_view(request: Any) -> Any:
    """Raises the current error."""
    raise_current()


def _urlpatterns() -> list[Any]:
    from django.urls import path
    from django.views.decorators.csrf import csrf_exempt

    return [path("diff", csrf_exempt(django_view))]


urlpatterns = _urlpatterns()
