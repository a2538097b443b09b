"""error-core's own log line survives a lone surrogate in its traceback, whatever the formatter."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterator

import pytest

from error_core._log import ExcInfo, log_error_response, log_stream_failure
from error_core._log_tracebacks import EncodableTraceback

SURROGATE = "\ud800"


def _with_note() -> BaseException:
    exc = ValueError("boom")
    exc.add_note(f"note {SURROGATE}")
    return exc


def _with_message() -> BaseException:
    return ValueError(f"boom {SURROGATE}")


def _with_type_name() -> BaseException:
    # type() refuses a lone surrogate in the name; the module part is any string.
    bad = type("Bad", (Exception,), {"__module__": f"app{SURROGATE}"})
    return bad("boom")


def _with_cause() -> BaseException:
    exc = RuntimeError("outer")
    exc.__cause__ = ValueError(f"inner {SURROGATE}")
    return exc


def _in_group() -> BaseException:
    return ExceptionGroup("several", [ValueError("plain"), ValueError(f"member {SURROGATE}")])


def _in_syntax_error_text() -> BaseException:
    return SyntaxError("bad", ("app.py", 1, 1, f"x = {SURROGATE}\n", 1, 2))


def _in_chained_cycle() -> BaseException:
    inner = ValueError(f"inner {SURROGATE}")
    outer = RuntimeError("outer")
    outer.__cause__ = outer.__context__ = inner
    return outer


def _raised(make: Callable[[], BaseException]) -> ExcInfo:
    try:
        raise make()
    except BaseException as exc:  # noqa: BLE001 - any exception the test makes
        return (type(exc), exc, exc.__traceback__)


@pytest.fixture
def strict_file(tmp_path: Path) -> Iterator[Path]:
    """A strict UTF-8 file on ``error_core``, with the plain ``logging.Formatter``."""
    path = tmp_path / "app.log"
    handler = logging.FileHandler(path, encoding="utf-8", errors="strict")
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("error_core")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield path
    logger.removeHandler(handler)
    logger.setLevel(level)
    handler.close()


@pytest.mark.parametrize(
    "make",
    [
        _with_note,
        _with_message,
        _with_type_name,
        _with_cause,
        _in_group,
        _in_syntax_error_text,
        _in_chained_cycle,
    ],
)
def test_a_lone_surrogate_in_the_traceback_keeps_the_error_response_line(
    strict_file: Path, make: Callable[[], BaseException]
) -> None:
    # The traceback could not be encoded: the handler dropped the whole record.
    log_error_response("GET", "/x", 500, "internal", exc_info=_raised(make), request_id="req_1")
    text = strict_file.read_text("utf-8")
    assert text.startswith("ERROR GET /x -> 500 internal (request_id=req_1)\n")
    assert "\\ud800" in text


def test_a_lone_surrogate_in_the_traceback_keeps_the_stream_failure_line(
    strict_file: Path,
) -> None:
    log_stream_failure("GET", "/x", "req_1", exc_info=_raised(_with_note))
    text = strict_file.read_text("utf-8")
    assert text.startswith("ERROR GET /x -> stream failed after the headers were sent")
    assert "note \\ud800" in text


class _Marking(logging.Formatter):
    def formatException(self, ei: ExcInfo) -> str:  # type: ignore[override]
        return "marked " + super().formatException(ei)  # type: ignore[arg-type]


def test_a_traceback_without_lone_surrogates_is_the_formatter_s_own(strict_file: Path) -> None:
    handler = logging.getLogger("error_core").handlers[-1]
    handler.setFormatter(_Marking("%(message)s"))
    exc_info = _raised(lambda: ValueError("boom é \u202e"))
    log_error_response("GET", "/x", 500, "internal", exc_info=exc_info)
    expected = _Marking("%(message)s").formatException(exc_info)
    assert strict_file.read_text("utf-8").endswith(expected + "\n")


def _with_notes_not_a_list() -> BaseException:
    exc = ValueError("boom")
    exc.__notes__ = 5  # type: ignore[assignment]
    return exc


class _UnprintableMessage(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no message")


@pytest.mark.parametrize(
    "exc_info",
    [
        (ValueError, None, None),
        _raised(_UnprintableMessage),
        _raised(_with_notes_not_a_list),
    ],
)
def test_an_unusual_exception_is_formatted_to_look_for_lone_surrogates(exc_info: ExcInfo) -> None:
    record = logging.LogRecord("error_core", logging.ERROR, "x.py", 1, "msg", None, exc_info)  # type: ignore[arg-type]
    assert EncodableTraceback().filter(record)
    assert record.exc_text is None  # formatted: nothing to escape


def test_a_non_string_note_is_formatted_to_look_for_lone_surrogates() -> None:
    exc = ValueError("boom")
    exc.__notes__ = [f"{SURROGATE}".encode("utf-8", "surrogatepass"), f"n {SURROGATE}"]
    exc_info = _raised(lambda: exc)
    record = logging.LogRecord("error_core", logging.ERROR, "x.py", 1, "msg", None, exc_info)
    assert EncodableTraceback().filter(record)
    assert record.exc_text is not None and "n \\ud800" in record.exc_text
