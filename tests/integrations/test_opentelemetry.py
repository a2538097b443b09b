"""The request id on OpenTelemetry spans, with the SDK's in-memory exporter and the
official Flask and Django instrumentations."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

pytest.importorskip("opentelemetry.sdk", reason="the tests read spans with the OpenTelemetry SDK")
pytest.importorskip(
    "opentelemetry.instrumentation.flask", reason="needs opentelemetry-instrumentation-flask"
)
pytest.importorskip(
    "opentelemetry.instrumentation.django", reason="needs opentelemetry-instrumentation-django"
)

from django.test import Client, override_settings
from flask import Flask
from opentelemetry import trace
from opentelemetry.instrumentation.django import DjangoInstrumentor
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from error_core import RequestIdFilter, request_id_scope
from error_core.integrations.opentelemetry import ATTRIBUTE, TraceIdFilter, request_hook
from flask_errors import Errors

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    yield exporter
    exporter.shutdown()


@pytest.fixture
def provider(exporter: InMemorySpanExporter) -> TracerProvider:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider


def _server_span(exporter: InMemorySpanExporter) -> ReadableSpan:
    spans = [s for s in exporter.get_finished_spans() if s.kind == trace.SpanKind.SERVER]
    assert len(spans) == 1, spans
    return spans[0]


def _exception_events(span: ReadableSpan) -> list[Any]:
    return [event for event in span.events if event.name == "exception"]


def _flask_app(provider: TracerProvider, *, errors_first: bool = False, **config: Any) -> Flask:
    app = Flask(__name__)
    app.config.update(config)
    if errors_first:
        Errors(app)
    FlaskInstrumentor().instrument_app(app, tracer_provider=provider, request_hook=request_hook)
    if not errors_first:
        Errors(app)

    @app.get("/ok")
    def ok() -> dict[str, str]:
        logging.getLogger("tests.otel").warning("inside the view")
        return {"ok": "yes"}

    @app.get("/boom")
    def boom() -> dict[str, str]:
        raise RuntimeError("boom")

    return app


@pytest.fixture
def log_lines(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.handler.addFilter(RequestIdFilter())
    caplog.handler.addFilter(TraceIdFilter())
    return caplog


def test_flask_server_span_carries_the_request_id(
    provider: TracerProvider, exporter: InMemorySpanExporter, log_lines: pytest.LogCaptureFixture
) -> None:
    app = _flask_app(provider)
    response = app.test_client().get("/ok")
    request_id = response.headers["Request-Id"]

    span = _server_span(exporter)
    assert span.attributes is not None
    assert span.attributes[ATTRIBUTE] == request_id
    # From the log line found by its request id to the trace, and back.
    (record,) = [r for r in log_lines.records if r.name == "tests.otel"]
    assert record.request_id == request_id  # type: ignore[attr-defined]
    assert record.trace_id == trace.format_trace_id(span.context.trace_id)  # type: ignore[attr-defined]
    assert record.span_id == trace.format_span_id(span.context.span_id)  # type: ignore[attr-defined]
    FlaskInstrumentor().uninstrument_app(app)


def test_flask_server_span_of_an_empty_error_page_has_the_envelopes_status(
    provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    # The envelope replacing the page was started after Flask had popped the
    # request: the instrumentation's start_response (Errors(app) first, so the
    # instrumentation wraps the guard) saw no request, and the span had no status.
    app = _flask_app(provider, errors_first=True)

    @app.get("/empty-503")
    def empty_503() -> tuple[str, int]:
        return "", 503

    response = app.test_client().get("/empty-503")
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/json"

    span = _server_span(exporter)
    assert span.attributes is not None
    assert (
        span.attributes.get("http.status_code", span.attributes.get("http.response.status_code"))
        == 503
    )
    assert span.status.status_code == trace.StatusCode.ERROR
    FlaskInstrumentor().uninstrument_app(app)


def test_flask_unexpected_exception_is_recorded_once(
    provider: TracerProvider, exporter: InMemorySpanExporter, caplog: pytest.LogCaptureFixture
) -> None:
    app = _flask_app(provider)
    response = app.test_client().get("/boom")
    assert response.status_code == 500

    span = _server_span(exporter)
    # Flask handled it (and logged it): its instrumentation recorded it, we did not.
    assert len(_exception_events(span)) == 1
    assert span.status.status_code == trace.StatusCode.ERROR
    assert span.attributes is not None
    assert span.attributes[ATTRIBUTE] == response.headers["Request-Id"]
    assert sum(1 for r in caplog.records if r.exc_info) == 1
    FlaskInstrumentor().uninstrument_app(app)


def test_flask_exception_error_core_handles_is_recorded_once_with_the_id(
    provider: TracerProvider, exporter: InMemorySpanExporter, caplog: pytest.LogCaptureFixture
) -> None:
    # error-core's own handler: Flask's handle_exception (and its instrumentation) never see it.
    app = _flask_app(provider, ERRORS_HANDLE_UNEXPECTED_IN_DEBUG=True)
    response = app.test_client().get("/boom")
    assert response.status_code == 500

    span = _server_span(exporter)
    (event,) = _exception_events(span)
    assert event.attributes["exception.type"] == "RuntimeError"
    assert event.attributes[ATTRIBUTE] == response.headers["Request-Id"]
    assert span.status.status_code == trace.StatusCode.ERROR
    assert sum(1 for r in caplog.records if r.exc_info) == 1
    FlaskInstrumentor().uninstrument_app(app)


@pytest.mark.parametrize("errors_first", [False, True], ids=["instrumented-first", "errors-first"])
@pytest.mark.parametrize(("path", "status"), [("/ok", 200), ("/missing", 404), ("/boom", 500)])
def test_flask_span_has_the_status_whatever_the_order(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
    errors_first: bool,
    path: str,
    status: int,
) -> None:
    # Errors(app) first used to start the server's response once Flask had
    # returned: the instrumentation no longer found the request, no status.
    app = _flask_app(provider, errors_first=errors_first)
    response = app.test_client().get(path)
    assert response.status_code == status
    span = _server_span(exporter)
    assert span.attributes is not None
    assert span.attributes["http.status_code"] == status
    assert span.attributes[ATTRIBUTE] == response.headers["Request-Id"]
    FlaskInstrumentor().uninstrument_app(app)


@pytest.fixture
def django_instrumented(provider: TracerProvider) -> Iterator[None]:
    from django.conf import settings

    with override_settings(MIDDLEWARE=list(settings.MIDDLEWARE)):
        DjangoInstrumentor().instrument(tracer_provider=provider)
        try:
            assert settings.MIDDLEWARE[0].startswith("opentelemetry.")  # outside ours
            yield
        finally:
            DjangoInstrumentor().uninstrument()


@pytest.mark.usefixtures("django_instrumented")
def test_django_server_span_carries_the_request_id_without_set_up(
    exporter: InMemorySpanExporter,
) -> None:
    response = Client().get("/t/ids")
    span = _server_span(exporter)
    assert span.attributes is not None
    assert span.attributes[ATTRIBUTE] == response.headers["Request-Id"]


@pytest.mark.usefixtures("django_instrumented")
@pytest.mark.parametrize("path", ["/t/raise/runtime", "/t/drf/raise/unexpected"])
def test_django_unexpected_exception_is_recorded_once(
    exporter: InMemorySpanExporter, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 500

    span = _server_span(exporter)
    (event,) = _exception_events(span)
    assert event.attributes["exception.type"] == "RuntimeError"
    assert event.attributes[ATTRIBUTE] == response.headers["Request-Id"]
    assert span.attributes is not None
    assert span.attributes[ATTRIBUTE] == response.headers["Request-Id"]
    assert span.status.status_code == trace.StatusCode.ERROR
    assert sum(1 for r in caplog.records if r.exc_info) == 1


def test_the_filter_writes_dashes_outside_a_span(log_lines: pytest.LogCaptureFixture) -> None:
    with log_lines.at_level(logging.INFO, "tests.otel"):
        logging.getLogger("tests.otel").info("no span")
    (record,) = log_lines.records
    assert (record.trace_id, record.span_id, record.request_id) == ("-", "-", "-")  # type: ignore[attr-defined]


def test_the_filter_keeps_ids_already_on_the_record() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    record.trace_id = "kept"
    assert TraceIdFilter().filter(record)
    assert record.trace_id == "kept"


def test_request_hook_outside_a_request_sets_nothing(
    provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    tracer = provider.get_tracer("tests")
    with tracer.start_as_current_span("job") as span:
        request_hook(span, None)
    with request_id_scope("job-7"), tracer.start_as_current_span("job") as span:
        request_hook(span, None)
    first, second = exporter.get_finished_spans()
    assert ATTRIBUTE not in (first.attributes or {})
    assert (second.attributes or {})[ATTRIBUTE] == "job-7"


def test_nothing_of_opentelemetry_is_imported_by_error_core() -> None:
    script = (
        "import sys, flask, flask_errors, error_core\n"
        "app = flask.Flask('x'); flask_errors.Errors(app)\n"
        "app.get('/boom')(lambda: 1 / 0)\n"
        "assert app.test_client().get('/boom').status_code == 500\n"
        "print(sorted(m for m in sys.modules if m.startswith(('opentelemetry', "
        "'error_core.integrations', 'celery', 'httpx', 'requests'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"
