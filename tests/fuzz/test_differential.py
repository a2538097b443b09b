"""The same random ``APIError`` through Flask, Django WSGI and Django ASGI: the same answer.

Same status, same headers (names compared case-insensitively, as a multiset,
``Date`` and ``Server`` left out, the id's value masked) and the same body
bytes apart from the id. Every answer is an envelope no server would
refuse or re-frame: no framing or hop-by-hop header from the application,
one ``Content-Length`` that is the body's.
"""

from __future__ import annotations

import json

from hypothesis import given, note, seed
from hypothesis import strategies as st

from tests.raw import Answer, RawRequest

from . import differential
from .conftest import COUNTS, EXAMPLES, SEED
from .harness import FUZZ, Send, django_asgi_sender, django_wsgi_sender, flask_sender

URLCONF = "tests.fuzz.differential"
# The adapters compared, without the middleware of other packages (Django's
# SecurityMiddleware adds headers Flask has no twin for).
ONLY_OURS = {"MIDDLEWARE": ["django_errors.middleware.ErrorMiddleware"]}
IGNORED = {"date", "server"}
# RFC 9110 7.6.1 connection-specific headers, and the framing a server owns.
NOT_FROM_THE_APP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-encoding",
}


def comparable(answer: Answer) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, sorted headers and body with the request id masked."""
    request_id = answer.header("Request-Id")
    assert request_id is not None, "no Request-Id"
    headers = sorted(
        (name.lower(), "<id>" if value == request_id else value)
        for name, value in answer.headers
        if name.lower() not in IGNORED
    )
    return answer.status, headers, answer.body.replace(request_id.encode(), b"<id>")


def check_envelope(answer: Answer, method: str) -> None:
    """An error envelope a server sends as it is."""
    assert answer.status >= 400, answer.status
    names = [name.lower() for name, _ in answer.headers]
    sent = NOT_FROM_THE_APP.intersection(names)
    assert not sent, f"framing or hop-by-hop headers reach the server: {sorted(sent)}"
    assert answer.header("Content-Type") == "application/json"
    assert answer.header("Cache-Control") == "no-store"
    length = answer.header("Content-Length")
    if method == "HEAD":
        assert answer.body == b""
        return
    assert length == str(len(answer.body)), (length, len(answer.body))
    envelope = json.loads(answer.body.decode("utf-8"))
    assert list(envelope) == ["code", "message", "request_id"], envelope
    assert envelope["request_id"] == answer.header("Request-Id")


def test_one_api_error_gives_one_answer_on_every_adapter() -> None:
    senders: dict[str, Send] = {
        "flask": flask_sender(differential.flask_app()),
        "django-wsgi": django_wsgi_sender(URLCONF, **ONLY_OURS),
        "django-asgi": django_asgi_sender(URLCONF, **ONLY_OURS),
    }
    passed = 0

    @FUZZ
    @seed(SEED)
    @given(error=differential.errors, method=st.sampled_from(["GET", "POST", "HEAD"]))
    def run(error: differential.Raise, method: str) -> None:
        nonlocal passed
        note(f"error={error!r} method={method!r}")
        differential.CURRENT[:] = [error]
        request = RawRequest(method, b"/diff", body=b"{}" if method == "POST" else b"")
        answers = {name: send(request) for name, send in senders.items()}
        for answer in answers.values():
            check_envelope(answer, method)
        flask = comparable(answers["flask"])
        for name in ("django-wsgi", "django-asgi"):
            other = comparable(answers[name])
            assert other[0] == flask[0], f"status: flask {flask[0]}, {name} {other[0]}"
            assert other[1] == flask[1], f"headers: flask {flask[1]}, {name} {other[1]}"
            assert other[2] == flask[2], (
                f"body: flask {flask[2][:300]!r}, {name} {other[2][:300]!r}"
            )
        passed += 1

    run()
    COUNTS["differential"] = passed
    assert passed >= EXAMPLES, f"only {passed} of {EXAMPLES} examples ran"
