"""Flask -> Django -> Flask under gunicorn on 127.0.0.1: one id along the chain.

The edge service makes the id (it does not trust its clients); the two
services behind it trust their upstream's ``X-Request-Id``. Calls go out
through :mod:`error_core.integrations.requests` (Flask) and
:mod:`error_core.integrations.httpx` (Django).
"""

from __future__ import annotations

import json
import re
from contextlib import ExitStack
from typing import Iterator

import pytest

pytest.importorskip("gunicorn", reason="the chain runs under gunicorn")
pytest.importorskip("requests", reason="the Flask services call out with requests")
pytest.importorskip("httpx", reason="the Django service calls out with httpx")
pytest.importorskip("flask", reason="two services of the chain are Flask apps")
pytest.importorskip("django", reason="one service of the chain is a Django project")

from error_core import InternalError
from tests.apps.scenarios import Scenario
from tests.apps.servers import Server, free_port, gunicorn_command, send, serve

FLASK = "tests.integrations.chain.flask_service:app"
DJANGO = "tests.integrations.chain.django_service:application"
APP_LINE = re.compile(r"^APP (?P<service>\S+) (?P<logger>\S+) \[(?P<id>[^\]]+)\] (?P<message>.*)$")


def _start(stack: ExitStack, name: str, app: str, env: dict[str, str]) -> Server:
    port = free_port()
    extra = tuple(arg for key, value in env.items() for arg in ("--env", f"{key}={value}"))
    command = gunicorn_command(app, port, workers=1, extra=extra)
    return stack.enter_context(serve(name, command, port))


@pytest.fixture(scope="module")
def chain() -> Iterator[tuple[Server, Server, Server]]:
    with ExitStack() as stack:
        last = _start(stack, "last", FLASK, {"SERVICE": "last", "TRUST": "1"})
        middle = _start(
            stack,
            "middle",
            DJANGO,
            {
                "DJANGO_SETTINGS_MODULE": "tests.integrations.chain.django_settings",
                "DOWNSTREAM": f"http://127.0.0.1:{last.port}",
            },
        )
        edge = _start(
            stack,
            "edge",
            FLASK,
            {"SERVICE": "edge", "DOWNSTREAM": f"http://127.0.0.1:{middle.port}/chain"},
        )
        yield edge, middle, last


def _records(server: Server) -> list[dict[str, str]]:
    """The app's own log records (gunicorn's lines and traceback lines left out)."""
    return [
        match.groupdict()
        for line in server.log_text().splitlines()
        if (match := APP_LINE.match(line)) is not None
    ]


def test_an_error_three_hops_down_reaches_the_client_with_the_one_id(
    chain: tuple[Server, Server, Server],
) -> None:
    edge, middle, last = chain
    seen_before = [len(_records(server)) for server in chain]

    answer = send(edge.port, Scenario("chain", "GET", "/chain/fail", 500, "internal"))

    body = json.loads(answer.body)
    request_id = answer.headers["request-id"]
    assert answer.status == 500
    assert body == {
        "code": "internal",
        "message": InternalError().message,
        "request_id": request_id,
    }
    records = [_records(server)[before:] for server, before in zip(chain, seen_before, strict=True)]
    # Every line each service logged for this call carries the one id.
    for server, lines in zip(chain, records, strict=True):
        assert lines, f"{server.name} logged nothing"
        assert {line["id"] for line in lines} == {request_id}, (server.name, lines)
    edge_lines, middle_lines, last_lines = records
    assert [line["message"] for line in edge_lines] == [
        f"calling http://127.0.0.1:{middle.port}/chain/fail",
        f"GET /chain/fail -> 500 internal (request_id={request_id})",
    ]
    assert [line["message"] for line in middle_lines] == [
        f"calling http://127.0.0.1:{last.port}/fail",
        # httpx's own record, made while the call is sent: the id is on it too.
        f'HTTP Request: GET http://127.0.0.1:{last.port}/fail "HTTP/1.1 500 INTERNAL SERVER ERROR"',
        f"GET /chain/fail -> 500 internal (request_id={request_id})",
    ]
    assert [(line["logger"], line["message"]) for line in last_lines] == [
        ("chain.last", "about to fail"),
        ("tests.integrations.chain.flask_service", "Exception on /fail [GET]"),
        ("error_core", f"GET /fail -> 500 internal (request_id={request_id})"),
    ]
    # The traceback is logged once, three hops down, under the same id.
    assert last.log_text().count("RuntimeError: the disk is on fire") == 1
    assert "RuntimeError" not in edge.log_text() + middle.log_text()


def test_a_success_through_the_chain_keeps_the_id(chain: tuple[Server, Server, Server]) -> None:
    edge, _, _ = chain
    seen_before = [len(_records(server)) for server in chain]

    answer = send(edge.port, Scenario("chain", "GET", "/chain/ok", 200, None))

    assert answer.status == 200
    assert json.loads(answer.body) == {
        "service": "edge",
        "downstream": {"service": "django", "downstream": {"ok": True}},
    }
    request_id = answer.headers["request-id"]
    ids = {
        line["id"]
        for server, before in zip(chain, seen_before, strict=True)
        for line in _records(server)[before:]
    }
    assert ids == {request_id}
