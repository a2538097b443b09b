"""The demo: both example apps under gunicorn, the same requests, one table.

    python -m examples.demo

Starts ``examples/flask_widgets.py`` and ``examples/django_widgets`` on
127.0.0.1, sends each the same requests over HTTP and prints what came back.
Exits non-zero if an answer is not the expected one or the two apps differ
(the request id aside).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from tests.apps.scenarios import Scenario
from tests.apps.servers import Answer, gunicorn, send

JSON = {"Content-Type": "application/json"}
COMPARED_HEADERS = ("content-type", "cache-control", "allow")


@dataclass(frozen=True)
class Request:
    """One request, and the status and code (``None``: a success) both apps must answer."""

    name: str
    method: str
    path: str
    status: int
    code: str | None
    body: bytes = b""
    headers: dict[str, str] | None = None


REQUESTS = (
    Request("a widget", "GET", "/widgets/1", 200, None),
    Request("a missing widget", "GET", "/widgets/5", 404, "not_found"),
    Request("an id out of range", "GET", "/widgets/99999999", 404, "not_found"),
    Request("an id that is not a number", "GET", "/widgets/abc", 404, "not_found"),
    Request("HEAD of a missing widget", "HEAD", "/widgets/5", 404, "not_found"),
    Request("a wrong method", "DELETE", "/widgets/1", 405, "method_not_allowed"),
    Request("a new widget", "POST", "/widgets", 201, None, b'{"name": "bolt"}', JSON),
    Request("a missing field", "POST", "/widgets", 400, "invalid_request", b"{}", JSON),
    Request("malformed JSON", "POST", "/widgets", 400, "invalid_request", b'{"name": ', JSON),
    Request("a body too large", "POST", "/widgets", 413, "payload_too_large", b"x" * 2048, JSON),
    Request("a search", "GET", "/search?q=ge", 200, None),
    Request("a search without q", "GET", "/search", 400, "invalid_request"),
    Request("an unexpected exception", "GET", "/boom", 500, "internal"),
    Request("an unknown route", "GET", "/no/such/route", 404, "not_found"),
)


def ask(port: int, request: Request) -> Answer:
    scenario = Scenario(
        request.name, request.method, request.path, request.status, request.code,
        request.headers or {}, request.body,
    )  # fmt: skip
    return send(port, scenario)


def as_expected(request: Request, answer: Answer) -> bool:
    """The expected status, a ``Request-Id``, and for an error the envelope with that id."""
    if answer.status != request.status or "request-id" not in answer.headers:
        return False
    if request.code is None or request.method == "HEAD":
        return request.code is None or answer.body == b""
    try:
        envelope = json.loads(answer.body)
    except ValueError:
        return False
    return (
        list(envelope) == ["code", "message", "request_id"]
        and envelope["code"] == request.code
        and envelope["request_id"] == answer.headers["request-id"]
    )


def comparable(request: Request, answer: Answer) -> object:
    """What must be equal on both apps: errors byte for byte (the id aside), else the status."""
    if request.code is None:
        return answer.status
    request_id = answer.headers.get("request-id", "")
    headers = {name: answer.headers.get(name) for name in COMPARED_HEADERS}
    return answer.status, headers, answer.body.replace(request_id.encode(), b"<id>")


def describe(answer: Answer) -> str:
    try:
        code = json.loads(answer.body)["code"] if answer.body else "-"
    except (ValueError, KeyError, TypeError):
        code = "-"
    return f"{answer.status} {code:<19} {answer.headers.get('request-id', 'NO ID')}"


def main() -> int:
    with gunicorn("flask-widgets") as flask_port, gunicorn("django-widgets") as django_port:
        rows = [(r, ask(flask_port, r), ask(django_port, r)) for r in REQUESTS]
    print(f"{'request':<28} {'Flask (gunicorn)':<54} {'Django (gunicorn)':<54} verdict")
    wrong = []
    for request, flask, django in rows:
        if not (as_expected(request, flask) and as_expected(request, django)):
            verdict = "WRONG"
        elif comparable(request, flask) != comparable(request, django):
            verdict = "DIFFERENT"
        else:
            verdict = "same"
        if verdict != "same":
            wrong.append(request.name)
        print(f"{request.name:<28} {describe(flask):<54} {describe(django):<54} {verdict}")
    print(f"\n{len(rows)} requests to both apps over HTTP; {len(wrong)} wrong or different.")
    if wrong:
        print("Wrong or different: " + ", ".join(wrong), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
