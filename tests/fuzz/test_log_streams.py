"""Log records written to real strict UTF-8 streams are never lost, whatever the exception says.

The records of each request go to four handlers: ``logging.FileHandler``
(``encoding="utf-8", errors="strict"``) and a ``StreamHandler`` on a strict
``TextIOWrapper``, each with ``error_core.EscapingFormatter`` and with a plain
``logging.Formatter``. The view raises an exception whose text, type name,
notes and cause carry lone surrogates, bidi marks and controls (or an
``APIError`` with such a message). ``error_core``'s line, with the request's
id, must be in every stream; with the escaping formatter, every other record
of the request too (the framework's traceback record included).
"""

from __future__ import annotations

import io
import logging
import tempfile
from pathlib import Path
from typing import Any, Callable

from hypothesis import given, note, seed
from hypothesis import strategies as st

from error_core import APIError, EscapingFormatter, InvalidRequest
from tests.raw import RawRequest

from . import apps
from .conftest import COUNTS, EXAMPLES, SEED
from .drf import BIDI, INVISIBLE
from .harness import FUZZ, Send, captured, django_asgi_sender, django_wsgi_sender, flask_sender
from .properties import check_answer, check_logs
from .strategies import NASTY, identifiers, small_text

FORMAT = "%(levelname)s [%(request_id)s] %(name)s %(message)s"
URLCONF = "tests.fuzz.apps"
pieces = st.sampled_from([*NASTY, *BIDI, *INVISIBLE, "\udc80", "\udbff", "\x85"])
hostile = st.lists(pieces | small_text(8), min_size=1, max_size=5).map("".join)
# Long texts too, kept to a few hundred kilobytes: four handlers write each one.
texts = small_text().map(apps.Text) | st.builds(
    apps.Text, hostile | small_text(20).filter(bool), st.integers(1, 2**12)
)


def _hostile_error(
    marker: str, message: str, name: str, notes: list[str], cause: str | None
) -> BaseException:
    cls = type(name, (ValueError,), {"__module__": "hidden.module"})
    error = cls(f"{marker} {message}")
    for text_ in notes:
        error.add_note(text_)
    if cause is not None:
        error.__cause__ = RuntimeError(cause)
    return error


def _type_name(name: str) -> bool:
    """Whether ``type()`` takes ``name`` (UTF-8, no NUL)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in name


def _api_error(message: str) -> APIError:
    return InvalidRequest(message)


@st.composite
def plans(draw: Callable[..., Any]) -> apps.Plan:
    """A view that raises an exception full of text no strict stream can write raw."""
    marker = "SECRET" + draw(st.from_regex(r"[A-Z0-9]{8}", fullmatch=True))
    if draw(st.integers(0, 4)) == 0:
        return apps.Plan("none", "api_error", apps.Raise(_api_error, (draw(texts),)), marker=marker)
    name = draw(st.tuples(identifiers, hostile).map("".join).filter(_type_name))
    args = (
        marker,
        draw(texts),
        name,
        draw(st.lists(hostile, max_size=2)),
        draw(st.none() | hostile),
    )
    return apps.Plan("none", "unexpected", apps.Raise(_hostile_error, args), marker=marker)


class Streams:
    """The four strict handlers of one request, and what each wrote."""

    def __init__(self, folder: Path) -> None:
        self.handlers: list[tuple[str, logging.Handler, Callable[[], bytes]]] = []
        for kind, formatter in (
            ("escaping", EscapingFormatter(FORMAT)),
            ("plain", logging.Formatter(FORMAT)),
        ):
            path = folder / f"{kind}.log"
            file_handler = logging.FileHandler(path, mode="w", encoding="utf-8", errors="strict")
            self._add(f"file+{kind}", file_handler, formatter, path.read_bytes)
            buffer = io.BytesIO()
            wrapper = io.TextIOWrapper(buffer, encoding="utf-8", errors="strict")
            self._add(f"wrapper+{kind}", logging.StreamHandler(wrapper), formatter, buffer.getvalue)

    def _add(
        self, name: str, handler: logging.Handler, formatter: logging.Formatter, read: Any
    ) -> None:
        handler.setLevel(logging.INFO)
        handler.setFormatter(formatter)
        self.handlers.append((name, handler, read))

    def written(self) -> dict[str, str]:
        """What each handler wrote (strict UTF-8, as a reader of the file would decode it)."""
        texts = {}
        for name, handler, read in self.handlers:
            handler.flush()
            texts[name] = read().decode("utf-8")
            handler.close()
        return texts


def check_streams(written: dict[str, str], records: list[logging.LogRecord], rid: str) -> None:
    """Each record of the request is a line in the escaping streams, error_core's in all.

    error_core's line names the request's id.
    """
    mine = [r for r in records if r.levelno >= logging.INFO and r.request_id == rid]  # type: ignore[attr-defined]
    assert any(r.name == "error_core" for r in mine), "no error_core record"
    for name, output in written.items():
        lines = output.split("\n")
        # A plain Formatter writes what a framework's logger was given as it is:
        # error_core's own lines are the promise there; EscapingFormatter keeps all.
        kept = mine if "escaping" in name else [r for r in mine if r.name == "error_core"]
        for record in kept:
            prefix = f"{record.levelname} [{rid}] {record.name} "
            expected = sum(
                1 for r in mine if (r.levelname, r.name) == (record.levelname, record.name)
            )
            found = [line for line in lines if line.startswith(prefix)]
            assert len(found) == expected, f"{name}: {len(found)} of {expected} {prefix!r} lines"
            if record.name == "error_core":
                assert any(f"(request_id={rid})" in line for line in found), f"{name}: no id"


def test_log_records_survive_strict_utf8_streams() -> None:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-logs-"))
    senders: dict[str, Send] = {
        "flask": flask_sender(apps.flask_app()),
        "django-wsgi": django_wsgi_sender(URLCONF),
        "django-asgi": django_asgi_sender(URLCONF),
    }
    passed = 0

    @FUZZ
    @seed(SEED)
    @given(adapter=st.sampled_from(sorted(senders)), plan=plans())
    def run(adapter: str, plan: apps.Plan) -> None:
        nonlocal passed
        request = RawRequest("GET", b"/fuzz/logs")
        note(f"adapter={adapter!r} plan={plan!r}")
        apps.start(plan)
        streams = Streams(folder)
        with captured(*(handler for _, handler, _ in streams.handlers)) as records:
            answer = senders[adapter](request)
        written = streams.written()
        check_answer(answer, request, apps.SEEN, trust=False)
        check_logs(records, answer)
        request_id = answer.header("Request-Id")
        assert request_id is not None
        check_streams(written, records, request_id)
        passed += 1

    run()
    COUNTS["log-streams"] = passed
    assert passed >= EXAMPLES, f"only {passed} of {EXAMPLES} examples ran"
