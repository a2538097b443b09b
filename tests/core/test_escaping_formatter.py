"""EscapingFormatter: no client-controlled value can start a log line of its own."""

from __future__ import annotations

import io
import logging
import logging.config
import sys
import uuid
from typing import Any, Iterator

import pytest

from error_core import EscapingFormatter
from error_core._log_escaping import INDENT
from tests.readme import code_blocks

FORGED = "INFO [req_forged] error_core GET / -> 200"


@pytest.fixture
def logged() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A private logger writing through an EscapingFormatter and a plain one."""
    logger = logging.getLogger(f"tests.core.{uuid.uuid4().hex}")
    logger.propagate = False
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(EscapingFormatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)
    yield logger, stream
    logger.removeHandler(handler)


def lines_of(stream: io.StringIO) -> list[str]:
    return stream.getvalue().splitlines()


def test_a_message_with_cr_lf_and_escapes_stays_one_line(
    logged: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = logged
    logger.error("Exception on %s [%s]", f"/a\r\n{FORGED}\x1b[2J\u2028", "GET")

    assert lines_of(stream) == [
        f"ERROR Exception on /a\\x0d\\x0a{FORGED}\\x1b[2J\\u2028 [GET]",
    ]


def test_a_traceback_keeps_its_lines_indented_and_cannot_forge_one(
    logged: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = logged
    try:
        raise ValueError(f"bad\n{FORGED}\r\x1b[31m\tend")
    except ValueError:
        logger.exception("failed")

    first, *rest = stream.getvalue().rstrip("\n").split("\n")
    assert first == "ERROR failed"
    assert rest[0] == f"{INDENT}Traceback (most recent call last):"
    assert all(line.startswith(INDENT) for line in rest)
    assert f"{INDENT}{FORGED}\\x0d\\x1b[31m\tend" in rest  # tabs kept, CR and ESC escaped
    assert "\r" not in stream.getvalue()


def test_stack_info_is_indented(logged: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = logged
    logger.warning("here", stack_info=True)

    first, *rest = stream.getvalue().rstrip("\n").split("\n")
    assert first == "WARNING here"
    assert rest and all(line.startswith(INDENT) for line in rest)


def test_a_cached_traceback_text_is_indented_and_never_shared() -> None:
    plain, escaping = logging.Formatter("%(message)s"), EscapingFormatter("%(message)s")
    try:
        raise ValueError("bad\nline")
    except ValueError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "m", None, sys.exc_info())

    assert escaping.format(record).split("\n")[-1] == f"{INDENT}line"
    assert record.exc_text is None  # other handlers' formatters get the plain traceback
    plain_text = plain.format(record)
    assert plain_text.endswith("\nline")
    record.exc_info = None  # a record that only carries the text (from another process)
    assert escaping.format(record).split("\n")[-1] == f"{INDENT}line"


def test_asctime_and_other_fields_still_work() -> None:
    formatter = EscapingFormatter("%(asctime)s|%(name)s|%(message)s", datefmt="%Y")
    record = logging.LogRecord("app", logging.INFO, __file__, 1, "a\nb", None, None)

    year, name, message = formatter.format(record).split("|")
    assert (len(year), name, message) == (4, "app", "a\\x0ab")
    assert record.getMessage() == "a\nb"  # the record itself is unchanged


def test_the_readme_logging_config_escapes() -> None:
    namespace: dict[str, Any] = {}
    exec(code_blocks("## Logging")[0], namespace)  # the README's LOGGING dict
    config = namespace["LOGGING"]
    # What dictConfig does with it, without replacing the test run's logging.
    configurator = logging.config.DictConfigurator(config)
    formatter = configurator.configure_formatter(dict(config["formatters"]["plain"]))
    record = logging.LogRecord("app", logging.INFO, __file__, 1, "GET /a\nforged", None, None)
    record.request_id = "-"

    assert isinstance(formatter, EscapingFormatter)
    assert formatter.format(record) == "INFO [-] app GET /a\\x0aforged"
    assert config["handlers"]["console"]["formatter"] == "plain"
