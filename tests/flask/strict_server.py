"""A WSGI server in a function, as strict as gunicorn about what the app sends.

Its ``start_response`` keeps the status and each header it accepts before
refusing a value outside RFC 9110's field-value (as gunicorn does), and sends
the headers with the first chunk; ``exc_info`` after that re-raises (PEP 3333).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from werkzeug.test import EnvironBuilder

FIELD_VALUE = re.compile(r"[ \t\x21-\x7e\x80-\xff]*")


class RefusedByServer(ValueError):
    """The server's own refusal of a header (gunicorn raises InvalidResponseHeader)."""


@dataclass
class Exchange:
    """What the server sent, and how its start_response was called."""

    status: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    headers_sent: bool = False
    calls: int = 0
    closed: bool = False


def serve(
    app: Any,
    path: str = "/",
    *,
    refuse: Callable[[str, str], bool] = lambda name, value: False,
    **environ: Any,
) -> Exchange:
    """Run one request through ``app``; ``refuse(name, value)`` refuses more headers."""
    sent = Exchange()

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        sent.calls += 1
        if exc_info is not None:
            if sent.headers_sent:
                raise exc_info[1].with_traceback(exc_info[2])
        elif sent.status is not None:
            raise AssertionError("Response headers already set!")
        sent.status = status
        sent.headers = []  # a start with exc_info before the body replaces the last one
        for name, value in headers:
            if not FIELD_VALUE.fullmatch(value) or refuse(name, value):
                raise RefusedByServer(repr(name))
            sent.headers.append((name, value))
        return write

    def write(data: bytes) -> None:
        sent.headers_sent = True
        sent.body += data

    builder = EnvironBuilder(path=path, **environ)
    try:
        body = app(builder.get_environ(), start_response)
        try:
            for chunk in body:
                write(chunk)
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
                sent.closed = True
    finally:
        builder.close()
    return sent
