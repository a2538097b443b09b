"""Django's own error handlers fed hostile hosts, cookies and bodies: never a 5xx, the envelope.

The example project's middleware (Security, Common, CSRF) in front of the
fuzz view: a CSRF check that reads a hostile multipart or form body, hostile
``csrftoken`` cookies and ``X-CSRFToken``/``Origin``/``Referer`` over HTTP
and HTTPS, disallowed hosts, a ``Content-Length`` of thousands of digits,
too many fields or files. Whatever path Django takes (``handler400``,
``handler403``, the view), the client's mistake is a 4xx envelope.
"""

from __future__ import annotations

import asyncio

from hypothesis import given, note, seed
from hypothesis import strategies as st

from tests.raw import Answer, RawRequest, call_asgi, call_wsgi, environ

from . import apps, django_hostile
from .conftest import COUNTS, EXAMPLES, SEED
from .harness import FUZZ, asgi_scope, captured, django_settings
from .properties import check_answer, check_logs

URLCONF = "tests.fuzz.apps"
LIMITS = {
    "DATA_UPLOAD_MAX_NUMBER_FIELDS": django_hostile.MAX_FIELDS,
    "DATA_UPLOAD_MAX_NUMBER_FILES": django_hostile.MAX_FILES,
}


def test_django_error_handlers_answer_hostile_requests() -> None:
    from django.core.handlers.asgi import ASGIHandler
    from django.core.handlers.wsgi import WSGIHandler

    with django_settings(URLCONF, **LIMITS):
        wsgi, asgi = WSGIHandler(), ASGIHandler()
    loop = asyncio.new_event_loop()

    def send(adapter: str, request: RawRequest, secure: bool) -> Answer:
        with django_settings(URLCONF, **LIMITS):
            if adapter == "django-wsgi":
                env = environ(request)
                env["wsgi.url_scheme"] = "https" if secure else "http"
                return call_wsgi(wsgi, env)
            scope = asgi_scope(request)
            scope["scheme"] = "https" if secure else "http"
            return call_asgi(asgi, scope, request.body, loop)

    passed = 0

    @FUZZ
    @seed(SEED)
    @given(
        adapter=st.sampled_from(["django-wsgi", "django-asgi"]),
        drawn=django_hostile.requests(),
        read=st.sampled_from(["form", "files", "none"]),
    )
    def run(adapter: str, drawn: tuple[RawRequest, bool], read: str) -> None:
        nonlocal passed
        request, secure = drawn
        note(f"adapter={adapter!r} secure={secure} read={read!r} request={request!r}")
        apps.start(apps.Plan(read=read))
        with captured() as records:
            answer = send(adapter, request, secure)
        check_answer(answer, request, apps.SEEN, trust=False)
        check_logs(records, answer)
        passed += 1

    run()
    COUNTS["django-handlers"] = passed
    assert passed >= EXAMPLES, f"only {passed} of {EXAMPLES} examples ran"
