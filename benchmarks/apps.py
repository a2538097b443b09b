"""Build a contender's WSGI application, call it in-process, and check its answers."""

from __future__ import annotations

import importlib
import json
import logging
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .contenders import Contender
from .scenarios import OK_BODY, Scenario, environ

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging() -> None:
    """Logging as a production deployment has it: WARNING and up, formatted, written.

    What each stack logs on an error (Flask's traceback, Django's "Not Found"
    warning, our one record per 5xx) is part of its cost, so records are
    formatted and written, to /dev/null. Done before any app exists, so Flask
    adds no handler of its own.
    """
    stream = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    logging.basicConfig(level=logging.WARNING, format=LOG_FORMAT, stream=stream, force=True)


def build(contender: Contender) -> WSGIApp:
    """The contender's WSGI application, ready to serve (one per process)."""
    if not contender.default_logging:
        configure_logging()
    if contender.framework == "flask":
        app: WSGIApp = importlib.import_module(contender.module).create_app()
        return app
    import django
    from django.conf import settings

    from .django_apps import base_settings

    settings.configure(**base_settings(contender.module, contender.settings))
    django.setup()
    if not contender.default_logging:
        configure_logging()  # django.setup() applied its DEFAULT_LOGGING; keep our root handler
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def _write(data: bytes) -> None:
    pass


def caller(app: WSGIApp, path: str) -> Callable[[], None]:
    """One request as a WSGI server makes it: fresh environ, consume the body, close."""
    base = environ(path)
    copy = base.copy

    def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
        return _write

    def call() -> None:
        result = app(copy(), start_response)
        try:
            for _chunk in result:
                pass
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()

    return call


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)


def call_once(app: WSGIApp, path: str) -> Answer:
    """One request, keeping what came back."""
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
        seen["status"] = int(status.split(" ", 1)[0])
        seen["headers"] = list(headers)
        return _write

    result = app(environ(path), start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return Answer(seen["status"], seen["headers"], body)


def check(contender: Contender, scenario: Scenario, answers: list[Answer]) -> list[str]:
    """What is wrong with the answers (empty: they are what the contender claims)."""
    problems: list[str] = []
    for answer in answers:
        problems.extend(_check_one(contender, scenario, answer))
    if contender.request_id and len(answers) > 1:
        ids = [a.header("Request-Id") for a in answers]
        if len(set(ids)) != len(ids):
            problems.append(f"the same Request-Id twice: {ids}")
    return sorted(set(problems))


def _check_one(contender: Contender, scenario: Scenario, answer: Answer) -> list[str]:
    problems = []
    if answer.status != scenario.status:
        problems.append(f"status {answer.status}, expected {scenario.status}")
    content_type = answer.header("Content-Type") or ""
    wants_json = scenario.name in contender.json
    if wants_json:
        expected = "application/json"
        exact = contender.ours
        if content_type != expected if exact else not content_type.startswith(expected):
            problems.append(f"Content-Type {content_type!r}, expected {expected!r}")
    elif not content_type.startswith("text/html"):
        problems.append(f"Content-Type {content_type!r}, expected an HTML page")
    for name, value in scenario.headers:
        if answer.header(name) != value:
            problems.append(f"{name}: {answer.header(name)!r}, expected {value!r}")
    request_id = answer.header("Request-Id")
    if contender.request_id and not request_id:
        problems.append("no Request-Id header")
    body: Any = None
    if wants_json:
        try:
            body = json.loads(answer.body)
        except ValueError:
            problems.append(f"body is not JSON: {answer.body[:80]!r}")
    elif not answer.body:
        problems.append("empty body")
    if scenario.code is None:
        if body != OK_BODY:
            problems.append(f"body {body!r}, expected {OK_BODY!r}")
    elif contender.ours and isinstance(body, dict):
        if list(body) != ["code", "message", "request_id"]:
            problems.append(f"envelope keys {list(body)}")
        if body.get("code") != scenario.code:
            problems.append(f"code {body.get('code')!r}, expected {scenario.code!r}")
        if body.get("request_id") != request_id:
            problems.append("body request_id differs from the Request-Id header")
        if answer.header("Cache-Control") != "no-store":
            problems.append("no Cache-Control: no-store")
    return problems
