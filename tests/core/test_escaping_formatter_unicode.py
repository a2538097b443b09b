"""EscapingFormatter and Unicode: nothing reorders, hides or fails to encode a log line."""

from __future__ import annotations

import io
import logging
import sys
import unicodedata
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from error_core import EscapingFormatter
from error_core._log_escaping import INDENT, printable

BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
INVISIBLE = [0x200B, 0x200E, 0x200F, 0xFEFF, 0x00AD, 0x2060, 0x061C, 0xE0041, 0xE0100]


@pytest.fixture
def logger() -> Iterator[logging.Logger]:
    """A private logger with no handler of its own yet."""
    logger = logging.getLogger(f"tests.core.{uuid.uuid4().hex}")
    logger.propagate = False
    yield logger
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def _escaped(code: int) -> str:
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@pytest.mark.parametrize("code", BIDI + INVISIBLE, ids=lambda code: f"U+{code:04X}")
def test_bidi_and_invisible_characters_are_escaped_in_messages_and_tracebacks(
    logger: logging.Logger, code: int
) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(EscapingFormatter("%(message)s"))
    logger.addHandler(handler)
    hostile = f"user{chr(code)}admin"
    try:
        raise ValueError(hostile)
    except ValueError:
        logger.exception("login %s", hostile)

    text = stream.getvalue()
    assert chr(code) not in text
    escaped = "\\xad" if code == 0xAD else _escaped(code)
    assert text.startswith(f"login user{escaped}admin\n")
    assert f"{INDENT}ValueError: user{escaped}admin" in text.splitlines()


def test_every_format_character_of_this_python_is_escaped() -> None:
    # Category Cf is what can reorder or hide text; Unicode adds to it now and then.
    format_characters = [
        chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"
    ]
    assert format_characters
    missed = [f"U+{ord(c):04X}" for c in format_characters if printable(c) == c]
    assert missed == []


def test_visible_non_ascii_text_is_kept() -> None:
    text = "café 中文 Ελληνικά עברית العربية 😀 naïve \u00a0"
    assert printable(text) == text


def test_a_lone_surrogate_is_escaped_and_the_line_encodes_as_utf8() -> None:
    line = printable("bad \ud800 and \udfff")
    assert line == "bad \\ud800 and \\udfff"
    line.encode("utf-8")


def _raise_with_surrogate(logger: logging.Logger) -> None:
    try:
        raise ValueError("client said \ud800")  # json.loads('"\\ud800"') gives this
    except ValueError:
        logger.exception("failed on \udc80")


def test_a_lone_surrogate_record_is_written_to_a_strict_utf8_file(
    logger: logging.Logger, tmp_path: Path
) -> None:
    path = tmp_path / "errors.log"
    handler = logging.FileHandler(path, encoding="utf-8", errors="strict")
    handler.setFormatter(EscapingFormatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)

    _raise_with_surrogate(logger)
    handler.flush()

    lines = path.read_text(encoding="utf-8", errors="strict").splitlines()
    assert lines[0] == "ERROR failed on \\udc80"
    assert f"{INDENT}ValueError: client said \\ud800" in lines


def test_a_lone_surrogate_record_is_written_to_a_strict_stream(logger: logging.Logger) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(EscapingFormatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)

    _raise_with_surrogate(logger)
    stream.flush()

    lines = raw.getvalue().decode("utf-8").splitlines()
    assert lines[0] == "ERROR failed on \\udc80"
    assert f"{INDENT}ValueError: client said \\ud800" in lines
