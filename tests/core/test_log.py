from __future__ import annotations

import io
import logging
import uuid
from typing import Any, Iterator

import pytest

from error_core import RequestIdFilter
from error_core import _log as core_log
from error_core._log import install_record_factory, log_error_response
from error_core._log_escaping import printable
from error_core._request_id import bind, unbind


@pytest.fixture
def bound_id() -> Iterator[str]:
    token = bind("req_bound")
    yield "req_bound"
    unbind(token)


@pytest.fixture
def stream_logger() -> Iterator[tuple[logging.Logger, logging.Handler, io.StringIO]]:
    """A private logger whose handler formats with ``%(request_id)s``."""
    logger = logging.getLogger(f"tests.core.{uuid.uuid4().hex}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(request_id)s %(message)s"))
    logger.addHandler(handler)
    yield logger, handler, stream
    logger.removeHandler(handler)


@pytest.fixture
def fresh_record_factory(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Let install_record_factory install again, and restore logging afterwards."""
    previous = logging.getLogRecordFactory()
    monkeypatch.setattr(core_log, "_installed", False)
    yield
    logging.setLogRecordFactory(previous)


@pytest.fixture
def plain_records() -> Iterator[None]:
    """Records without the factory's ``request_id``, so only the filter can add it."""
    previous = logging.getLogRecordFactory()
    logging.setLogRecordFactory(logging.LogRecord)
    yield
    logging.setLogRecordFactory(previous)


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("/a\r\nFAKE 200", "/a\\x0d\\x0aFAKE 200"),
        ("\x00\t\x1b[31m\x7f", "\\x00\\x09\\x1b[31m\\x7f"),
        ("\x85\x9b\u2028\u2029", "\\x85\\x9b\\u2028\\u2029"),
        ("/widgets/é/名前?q=1", "/widgets/é/名前?q=1"),
    ],
)
def test_printable_escapes_control_characters(raw: str, escaped: str) -> None:
    assert printable(raw) == escaped
    assert printable(raw).isprintable()


@pytest.mark.usefixtures("plain_records")
def test_filter_gives_request_id_to_every_record(
    stream_logger: tuple[logging.Logger, logging.Handler, io.StringIO],
) -> None:
    logger, handler, stream = stream_logger
    handler.addFilter(RequestIdFilter())
    logger.info("outside")
    token = bind("req_inside")
    try:
        logger.info("inside")
    finally:
        unbind(token)
    assert stream.getvalue() == "- outside\nreq_inside inside\n"


def test_filter_keeps_a_request_id_already_on_the_record(bound_id: str) -> None:
    record = logging.makeLogRecord({"msg": "hi", "request_id": "req_explicit"})
    assert RequestIdFilter().filter(record) is True
    assert vars(record)["request_id"] == "req_explicit"
    fresh = logging.makeLogRecord({"msg": "hi"})
    assert RequestIdFilter().filter(fresh) is True
    assert vars(fresh)["request_id"] == bound_id


@pytest.mark.usefixtures("fresh_record_factory")
def test_record_factory_makes_request_id_work_in_any_format(
    stream_logger: tuple[logging.Logger, logging.Handler, io.StringIO],
) -> None:
    logger, _, stream = stream_logger
    install_record_factory()
    logger.info("outside")
    token = bind("req_inside")
    try:
        logger.info("inside")
    finally:
        unbind(token)
    assert stream.getvalue() == "- outside\nreq_inside inside\n"


@pytest.mark.usefixtures("fresh_record_factory")
def test_record_factory_wraps_the_previous_one_once() -> None:
    previous = logging.getLogRecordFactory()

    def tagging_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        vars(record)["tag"] = "kept"
        return record

    logging.setLogRecordFactory(tagging_factory)
    install_record_factory()
    installed = logging.getLogRecordFactory()
    install_record_factory()
    assert logging.getLogRecordFactory() is installed
    record = installed("name", logging.INFO, __file__, 1, "msg", (), None)
    assert (vars(record)["tag"], vars(record)["request_id"]) == ("kept", "-")


@pytest.mark.parametrize(("status", "level"), [(400, "INFO"), (404, "INFO"), (499, "INFO")])
def test_client_errors_are_logged_at_info(
    status: int, level: str, caplog: pytest.LogCaptureFixture, bound_id: str
) -> None:
    caplog.set_level(logging.INFO, logger="error_core")
    log_error_response("GET", "/widgets/7", status, "not_found")
    [record] = caplog.records
    assert (record.name, record.levelname) == ("error_core", level)
    assert record.getMessage() == f"GET /widgets/7 -> {status} not_found (request_id=req_bound)"
    assert (vars(record)["status_code"], vars(record)["error_code"]) == (status, "not_found")
    assert record.exc_info is None


@pytest.mark.parametrize("status", [500, 501, 503])
def test_server_errors_are_logged_at_error(status: int, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="error_core")
    log_error_response("POST", "/charges", status, "internal")
    [record] = caplog.records
    assert (record.name, record.levelname) == ("error_core", "ERROR")
    assert record.getMessage() == f"POST /charges -> {status} internal (request_id=-)"


def test_the_traceback_goes_on_the_record(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="error_core")
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        exc_info = (type(exc), exc, exc.__traceback__)
        log_error_response("GET", "/", 500, "internal", exc_info=exc_info)
    [record] = caplog.records
    assert record.exc_info == exc_info
    assert "ZeroDivisionError: boom" in caplog.text


def test_an_explicit_request_id_wins(caplog: pytest.LogCaptureFixture, bound_id: str) -> None:
    caplog.set_level(logging.INFO, logger="error_core")
    log_error_response("GET", "/", 404, "not_found", request_id="req_response")
    assert caplog.records[0].getMessage().endswith("(request_id=req_response)")


def test_control_characters_in_method_and_path_cannot_forge_log_lines(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="error_core")
    log_error_response("GET\n", "/a\r\nINFO fake line\x1b[2J", 404, "not_found")
    message = caplog.records[0].getMessage()
    assert message == "GET\\x0a /a\\x0d\\x0aINFO fake line\\x1b[2J -> 404 not_found (request_id=-)"
    assert message.isprintable()


def test_nothing_is_logged_below_the_configured_level(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="error_core")
    log_error_response("GET", "/", 404, "not_found")
    assert caplog.records == []
    log_error_response("GET", "/", 500, "internal")
    assert [record.levelname for record in caplog.records] == ["ERROR"]


def test_control_characters_in_the_code_cannot_forge_log_lines(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="error_core")
    log_error_response("GET", "/", 404, "not_found\nINFO forged")
    message = caplog.records[0].getMessage()
    assert message == "GET / -> 404 not_found\\x0aINFO forged (request_id=-)"


@pytest.mark.usefixtures("plain_records", "fresh_record_factory")
def test_record_factory_asks_an_id_source_only_where_no_id_is_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(core_log, "_id_sources", [])
    asked: list[int] = []

    def source() -> str | None:
        asked.append(1)
        return "req_from_source"

    install_record_factory(source)
    install_record_factory(source)  # added once
    factory = logging.getLogRecordFactory()

    outside = factory("name", logging.INFO, __file__, 1, "msg", (), None)
    token = bind("req_bound")
    try:
        inside = factory("name", logging.INFO, __file__, 1, "msg", (), None)
    finally:
        unbind(token)

    assert (vars(outside)["request_id"], vars(inside)["request_id"]) == (
        "req_from_source",
        "req_bound",
    )
    assert asked == [1]
