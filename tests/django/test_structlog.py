"""With django-structlog and structlog's JSON logs: one id per request, one traceback.

Tested against the real libraries (django-structlog, structlog, python-json-logger).
"""

from __future__ import annotations

import gc
import io
import json
import logging
from contextlib import contextmanager
from typing import Any, Iterator

import pytest
from django.test import Client, override_settings

from .utils import assert_envelope

structlog = pytest.importorskip("structlog")
pytest.importorskip("django_structlog")

MIDDLEWARE = [
    "django_errors.middleware.ErrorMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
]


@contextmanager
def json_lines(formatter: logging.Formatter) -> Iterator[io.StringIO]:
    """Every record from INFO up written by ``formatter`` on the root logger, only there."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    saved, level = root.handlers, root.level
    root.handlers = [handler]
    root.setLevel(logging.INFO)  # setLevel: clears the loggers' cached isEnabledFor answers
    try:
        yield stream
    finally:
        root.handlers = saved
        root.setLevel(level)


@pytest.fixture
def structlog_json() -> Iterator[logging.Formatter]:
    """structlog configured as django-structlog's documentation shows, rendering JSON."""
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.add_log_level,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=False,
    )
    yield structlog.stdlib.ProcessorFormatter(
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        # error_core's records (plain logging) carry request_id as an attribute.
        foreign_pre_chain=[
            structlog.stdlib.add_log_level,
            structlog.stdlib.ExtraAdder(allow=["request_id"]),
        ],
    )
    # The django-structlog middleware a test built still receives
    # got_request_exception until collected: it would log later tests' tracebacks.
    gc.collect()
    structlog.reset_defaults()


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@override_settings(MIDDLEWARE=MIDDLEWARE)
@pytest.mark.parametrize("path", ["/t/raise/runtime", "/errors/not-found", "/no/such/route"])
def test_django_structlog_logs_the_request_id_the_client_gets(
    structlog_json: logging.Formatter, path: str
) -> None:
    with json_lines(structlog_json) as stream:
        response = Client(raise_request_exception=False).get(
            path, HTTP_X_REQUEST_ID="client-chosen-id"
        )

    lines = _lines(stream)
    events = {line["event"] for line in lines}
    assert "request_started" in events
    assert {line["request_id"] for line in lines} == {response["Request-Id"]}


@override_settings(MIDDLEWARE=MIDDLEWARE)
def test_one_traceback_per_unexpected_exception_with_django_structlog(
    structlog_json: logging.Formatter,
) -> None:
    with json_lines(structlog_json) as stream:
        response = Client(raise_request_exception=False).get("/t/raise/runtime")

    assert_envelope(response, 500, "internal")
    lines = _lines(stream)
    tracebacks = [line for line in lines if "Traceback" in line.get("exception", "")]
    assert [line["event"] for line in tracebacks] == ["request_failed"]
    # error-core's own line is still there, without a second traceback.
    ours = [line for line in lines if "-> 500 internal" in line["event"]]
    assert len(ours) == 1
    assert "exception" not in ours[0]


@override_settings(MIDDLEWARE=MIDDLEWARE[:1])
def test_error_core_logs_the_traceback_without_django_structlog(
    structlog_json: logging.Formatter,
) -> None:
    gc.collect()  # earlier tests' django-structlog middleware, and its signal receiver
    with json_lines(structlog_json) as stream:
        Client(raise_request_exception=False).get("/t/raise/runtime")

    tracebacks = [line for line in _lines(stream) if "Traceback" in line.get("exception", "")]
    assert len(tracebacks) == 1
    assert "-> 500 internal" in tracebacks[0]["event"]


def test_python_json_logger_writes_the_request_id() -> None:
    jsonlogger = pytest.importorskip("pythonjsonlogger.json")
    formatter = jsonlogger.JsonFormatter("%(levelname)s %(name)s %(message)s")
    with json_lines(formatter) as stream:
        response = Client().get("/errors/not-found")

    (line,) = [line for line in _lines(stream) if line["name"] == "error_core"]
    assert line["request_id"] == response["Request-Id"]
    assert line["status_code"] == 404
    assert line["error_code"] == "not_found"


def test_a_request_our_middleware_never_saw_keeps_django_structlogs_id() -> None:
    from django.test import RequestFactory

    from django_errors._logging import _bind_our_request_id

    structlog.contextvars.bind_contextvars(request_id="theirs")
    try:
        _bind_our_request_id(None, RequestFactory().get("/"))
        assert structlog.contextvars.get_contextvars()["request_id"] == "theirs"
    finally:
        structlog.contextvars.unbind_contextvars("request_id")
