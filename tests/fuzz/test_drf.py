"""DRF serializers fed hostile JSON: never a 5xx, always the envelope, no client text echoed.

Flask's ``request.get_json()`` gets the same bodies (the fuzz app's view).

The message of a validation error names fields and says what is wrong; it
may quote the client only briefly: no control, bidi or invisible character,
no lone surrogate, and no run of more than :data:`MAX_ECHO` characters of any
string the client sent (keys included). Through Django WSGI and ASGI.
"""

from __future__ import annotations

import json
import re

from hypothesis import given, note, seed
from hypothesis import strategies as st

from error_core import CODES
from tests.raw import Answer, RawRequest

from . import apps, drf
from .conftest import COUNTS, EXAMPLES, SEED
from .harness import (
    FUZZ,
    Send,
    captured,
    django_asgi_sender,
    django_wsgi_sender,
    flask_sender,
)
from .properties import CONTROL, check_logs

URLCONF = "tests.fuzz.drf"
# The longest run of a client's string a message may quote.
MAX_ECHO = 64
UNSHOWABLE = re.compile(
    "[" + "".join(drf.BIDI + drf.INVISIBLE) + "\ud800-\udfff]"  # bidi, invisible, surrogates
)


def reflected(message: str, sent: str, bound: int = MAX_ECHO) -> int:
    """The length of a run of ``sent`` longer than ``bound`` found in ``message``, or 0.

    Any such run contains one of the windows of ``sent`` taken every
    ``stride`` characters; each window found is extended both ways.
    """
    stride, width = 16, bound + 1 - 15
    if len(sent) <= bound:
        return 0
    for start in range(0, len(sent) - width + 1, stride):
        window = sent[start : start + width]
        at = message.find(window)
        while at != -1:
            left = 0
            while left < min(start, at) and sent[start - left - 1] == message[at - left - 1]:
                left += 1
            right, end_s, end_m = 0, start + width, at + width
            while end_s + right < len(sent) and end_m + right < len(message):
                if sent[end_s + right] != message[end_m + right]:
                    break
                right += 1
            if left + width + right > bound:
                return left + width + right
            at = message.find(window, at + 1)
    return 0


def check_drf_answer(answer: Answer, body: bytes) -> None:
    """Never a 5xx; an error is the envelope whose message quotes no client text at length."""
    assert answer.status < 500, f"{answer.status} for a client's JSON: {answer.body[:300]!r}"
    request_id = answer.header("Request-Id")
    assert request_id is not None
    if answer.status < 400:
        assert answer.status in (200, 201), answer.status
        return
    assert answer.header("Content-Type") == "application/json"
    assert answer.header("Cache-Control") == "no-store"
    envelope = json.loads(answer.body.decode("utf-8"))  # strict UTF-8
    assert list(envelope) == ["code", "message", "request_id"], envelope
    assert envelope["code"] in CODES
    assert envelope["request_id"] == request_id
    message = envelope["message"]
    assert not CONTROL.search(message), f"control character in {message[:300]!r}"
    assert not UNSHOWABLE.search(message), f"bidi/invisible/surrogate in {message[:300]!r}"
    for sent in drf.client_strings(body):
        length = reflected(message, sent)
        assert not length, f"{length} characters of the client's input in {message[:300]!r}"


def test_drf_validation_keeps_the_contract() -> None:
    overrides = {"DATA_UPLOAD_MAX_MEMORY_SIZE": drf.BODY_LIMIT}
    senders: dict[str, Send] = {
        "django-wsgi": django_wsgi_sender(URLCONF, **overrides),
        "django-asgi": django_asgi_sender(URLCONF, **overrides),
        "flask": flask_sender(apps.flask_app(MAX_CONTENT_LENGTH=drf.BODY_LIMIT)),
    }
    passed = 0

    @FUZZ
    @seed(SEED)
    @given(
        adapter=st.sampled_from(sorted(senders)),
        body=drf.bodies(),
        content_type=st.sampled_from([b"application/json", b"application/json; charset=utf-8"]),
    )
    def run(adapter: str, body: bytes, content_type: bytes) -> None:
        nonlocal passed
        path = b"/fuzz/json" if adapter == "flask" else b"/drf/orders"
        note(f"adapter={adapter!r} body={body[:2000]!r} ({len(body)} bytes)")
        apps.start(apps.Plan(read="json"))
        request = RawRequest("POST", path, headers=[("Content-Type", content_type)], body=body)
        with captured() as records:
            answer = senders[adapter](request)
        check_drf_answer(answer, body)
        check_logs(records, answer)
        passed += 1

    run()
    COUNTS["drf"] = passed
    assert passed >= EXAMPLES, f"only {passed} of {EXAMPLES} examples ran"
