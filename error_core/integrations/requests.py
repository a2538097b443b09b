"""Send the current request id with every call a ``requests`` session makes.

::

    from error_core.integrations.requests import RequestIdSession

    orders = RequestIdSession()  # X-Request-Id: the id of the request being handled
    orders.get("http://orders.internal/orders/7")

or, on a session you already have (an adapter per URL prefix, so only the
services you name receive the id)::

    session.mount("http://orders.internal/", RequestIdAdapter(max_retries=3))

Outside a request nothing is sent, unless the work runs inside
:class:`error_core.request_id_scope`. A header the caller set wins.
"""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter

from ._outgoing import DEFAULT_HEADER, add_request_id

__all__ = ["DEFAULT_HEADER", "RequestIdAdapter", "RequestIdSession"]


class RequestIdAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` that adds the current request id to each request it sends.

    ``header``: the header's name (default ``X-Request-Id``); the other
    arguments are ``HTTPAdapter``'s (``max_retries``, ``pool_maxsize``...).
    """

    # What HTTPAdapter pickles (sessions are pickled, with their adapters).
    __attrs__ = [*HTTPAdapter.__attrs__, "header"]  # noqa: RUF012 - as the base declares it

    def __init__(self, *args: Any, header: str = DEFAULT_HEADER, **kwargs: Any) -> None:
        self.header = header
        super().__init__(*args, **kwargs)

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        """Send ``request`` with the current request id added (see the class)."""
        # Here rather than in the session: redirects are sent through the adapter too.
        add_request_id(request.headers, self.header)
        return super().send(request, *args, **kwargs)


class RequestIdSession(requests.Session):
    """A ``requests.Session`` whose calls (http and https) carry the current request id."""

    def __init__(self, *, header: str = DEFAULT_HEADER) -> None:
        super().__init__()
        self.mount("http://", RequestIdAdapter(header=header))
        self.mount("https://", RequestIdAdapter(header=header))
