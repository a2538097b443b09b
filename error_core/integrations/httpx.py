"""Send the current request id with every call an ``httpx`` client makes.

::

    from error_core.integrations.httpx import AsyncRequestIdHook, RequestIdHook

    client = httpx.Client(event_hooks={"request": [RequestIdHook()]})
    async_client = httpx.AsyncClient(event_hooks={"request": [AsyncRequestIdHook()]})

Outside a request nothing is sent, unless the work runs inside
:class:`error_core.request_id_scope`. A header the caller set wins.
"""

from __future__ import annotations

import httpx

from ._outgoing import DEFAULT_HEADER, add_request_id

__all__ = ["DEFAULT_HEADER", "AsyncRequestIdHook", "RequestIdHook"]


class RequestIdHook:
    """A request event hook for ``httpx.Client``: adds the current request id.

    ``header``: the header's name (default ``X-Request-Id``).
    """

    def __init__(self, *, header: str = DEFAULT_HEADER) -> None:
        self.header = header

    def __call__(self, request: httpx.Request) -> None:
        add_request_id(request.headers, self.header)


class AsyncRequestIdHook(RequestIdHook):
    """The same for ``httpx.AsyncClient``, which awaits its hooks."""

    async def __call__(self, request: httpx.Request) -> None:  # type: ignore[override]
        # Runs in the task that sends the request: its id is the caller's.
        add_request_id(request.headers, self.header)
