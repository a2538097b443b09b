"""The six scenarios: the request each one sends and the answer every contender owes."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from typing import Any

MESSAGE_404 = "Widget 42 does not exist."
MESSAGE_400 = "The `name` field is required."
OK_BODY = {"id": 42, "name": "widget"}
RETRY_AFTER = 30


@dataclass(frozen=True)
class Scenario:
    """One request and what any correct answer to it looks like."""

    name: str
    path: str
    status: int
    code: str | None  # the envelope code ours must send (None: a success)
    headers: tuple[tuple[str, str], ...]  # headers every contender must send
    description: str


SCENARIOS = (
    Scenario("ok", "/ok", 200, None, (), "a small JSON 200: the cost on the success path"),
    Scenario("raise_404", "/not-found", 404, "not_found", (), "the view raises not-found"),
    Scenario("route_404", "/no/such/route", 404, "not_found", (), "unknown URL"),
    Scenario(
        "raise_400", "/invalid", 400, "invalid_request", (), "validation error with a message"
    ),
    Scenario("unhandled_500", "/crash", 500, "internal", (), "the view raises RuntimeError"),
    Scenario(
        "raise_429",
        "/limited",
        429,
        "rate_limited",
        (("Retry-After", str(RETRY_AFTER)),),
        "rate limited, Retry-After: 30",
    ),
)
BY_NAME = {scenario.name: scenario for scenario in SCENARIOS}
ERROR_SCENARIOS = tuple(s.name for s in SCENARIOS if s.status >= 400)

_ERRORS_STREAM = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process


def environ(path: str) -> dict[str, Any]:
    """The environ a WSGI server builds for ``GET path`` from an API client.

    The harness copies it for every request: applications write into it.
    """
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "REMOTE_PORT": "54321",
        "HTTP_HOST": "localhost:8000",
        "HTTP_ACCEPT": "application/json",
        "HTTP_USER_AGENT": "error-core-bench/1",
        "HTTP_CONNECTION": "keep-alive",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": _ERRORS_STREAM,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
