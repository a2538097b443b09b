"""The Django middleware runs in the server's mode: no sync/async adaptation for it.

Django adapts a middleware with ``sync_to_async`` (a thread hop per request)
when the middleware cannot run in the handler's mode. ``ErrorMiddleware`` is
sync- and async-capable: under ASGI Django must call its async path directly,
under WSGI its sync path, and never wrap it or the chain it starts.

These tests run in-process (no server); they sit with the end-to-end suite
because they are about the middleware under a real handler (``ASGIHandler``,
``WSGIHandler``), not Django's test client.

Note: when a view raises, Django itself runs the whole exception-middleware
stack (``process_exception_by_middleware``) through ``sync_to_async`` under
ASGI, whatever the middleware; that hop is Django's and not counted here.
"""

from __future__ import annotations

import asyncio
import inspect
import io
import json
from typing import Any, Callable, Iterator, Mapping
from wsgiref.util import setup_testing_defaults

import pytest

pytest.importorskip("django")

from asgiref.sync import AsyncToSync, SyncToAsync, iscoroutinefunction
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler

from django_errors.middleware import ErrorMiddleware

Adapted = list[tuple[str, Any]]


@pytest.fixture(autouse=True)
def example_urls(settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.apps.django_project.urls"
    settings.DEBUG = False


@pytest.fixture
def adapted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Adapted]:
    """Every callable wrapped by sync_to_async or async_to_sync while the test runs."""
    seen: Adapted = []
    for cls in (SyncToAsync, AsyncToSync):
        original = cls.__init__

        def spy(
            self: Any, func: Any, *args: Any, __original: Any = original, **kwargs: Any
        ) -> None:
            seen.append((type(self).__name__, func))
            __original(self, func, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", spy)
    yield seen


@pytest.fixture
def acalls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the requests that went through ErrorMiddleware.__acall__."""
    calls: list[str] = []
    original = ErrorMiddleware.__acall__

    async def acall(self: ErrorMiddleware, request: Any) -> Any:
        calls.append(request.path)
        return await original(self, request)

    monkeypatch.setattr(ErrorMiddleware, "__acall__", acall)
    return calls


def _ours(func: Any) -> bool:
    target = inspect.unwrap(func)
    owner = getattr(target, "__self__", target)
    return isinstance(owner, ErrorMiddleware) or getattr(target, "__module__", "").startswith(
        "django_errors"
    )


def _top_middleware(chain: Callable[..., Any]) -> Any:
    """The middleware at the top of Django's chain (under Django's exception wrapper)."""
    return inspect.unwrap(chain)


async def _asgi_get(handler: ASGIHandler, path: str) -> tuple[int, dict[str, str], bytes]:
    target, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": target,
        "raw_path": target.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    messages: list[Mapping[str, Any]] = []
    delivered = False
    never = asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await never.wait()  # no disconnect: Django cancels this wait when done
        return {"type": "http.disconnect"}

    async def send(message: Mapping[str, Any]) -> None:
        messages.append(message)

    await handler(scope, receive, send)
    start = next(m for m in messages if m["type"] == "http.response.start")
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], headers, body


def test_asgi_calls_the_async_path_with_no_adaptation(adapted: Adapted, acalls: list[str]) -> None:
    handler = ASGIHandler()
    middleware = _top_middleware(vars(handler)["_middleware_chain"])
    assert isinstance(middleware, ErrorMiddleware), "ErrorMiddleware must be first"
    assert middleware.async_mode
    assert iscoroutinefunction(middleware) and iscoroutinefunction(
        vars(handler)["_middleware_chain"]
    )
    assert iscoroutinefunction(middleware.get_response)
    assert not isinstance(middleware.get_response, SyncToAsync)

    async def requests() -> list[tuple[int, dict[str, str], bytes]]:
        return [
            await _asgi_get(handler, "/async/echo?marker=m1"),
            await _asgi_get(handler, "/async/not-found"),
            await _asgi_get(handler, "/async/echo?marker=m2&status=409"),
        ]

    (ok_status, ok_headers, ok_body), *errors = asyncio.run(requests())
    assert ok_status == 200
    echoed = json.loads(ok_body)
    assert (echoed["marker"], echoed["request_id"]) == ("m1", ok_headers["request-id"])
    for status, headers, body in errors:
        assert status in (404, 409)
        assert json.loads(body)["request_id"] == headers["request-id"]
    assert acalls == ["/async/echo", "/async/not-found", "/async/echo"]
    ours = [(kind, func) for kind, func in adapted if _ours(func)]
    assert ours == [], f"Django adapted the middleware: {ours}"


def test_asgi_success_of_an_async_view_needs_no_thread_for_the_middleware(
    adapted: Adapted,
) -> None:
    """A success from an async view: nothing of django_errors runs in a thread."""
    handler = ASGIHandler()
    del adapted[:]
    status, _, _ = asyncio.run(_asgi_get(handler, "/async/ok"))
    assert status == 200
    assert not [func for _, func in adapted if _ours(func)]


def _wsgi_get(handler: WSGIHandler, path: str) -> tuple[str, dict[str, str], bytes]:
    target, _, query = path.partition("?")
    environ: dict[str, Any] = {
        "PATH_INFO": target,
        "QUERY_STRING": query,
        "REQUEST_METHOD": "GET",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
    }
    setup_testing_defaults(environ)
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], *exc: Any) -> Any:
        started.append((status, headers))
        return lambda data: None

    response = handler(environ, start_response)
    try:
        body = b"".join(response)
    finally:
        response.close()
    status, headers = started[0]
    return status, {name.lower(): value for name, value in headers}, body


def test_wsgi_calls_the_sync_path_with_no_adaptation(adapted: Adapted) -> None:
    handler = WSGIHandler()
    middleware = _top_middleware(vars(handler)["_middleware_chain"])
    assert isinstance(middleware, ErrorMiddleware)
    assert not middleware.async_mode
    assert not iscoroutinefunction(vars(handler)["_middleware_chain"])
    assert not isinstance(middleware.get_response, AsyncToSync)
    for path, expected in (("/echo?marker=m", "200"), ("/errors/not-found", "404")):
        status, headers, body = _wsgi_get(handler, path)
        assert status.split()[0] == expected, path
        if expected == "404":
            assert json.loads(body)["request_id"] == headers["request-id"]
    assert not [func for _, func in adapted if _ours(func)]
    assert not [kind for kind, _ in adapted if kind == "AsyncToSync"], "no async hop for sync views"


class SyncOnlyErrorMiddleware(ErrorMiddleware):
    """What a sync-only middleware would be: for the control test below."""

    async_capable = False


def test_control_a_sync_only_middleware_would_be_adapted(adapted: Adapted, settings: Any) -> None:
    """The spy sees an adaptation when there is one (so the tests above can fail)."""
    settings.MIDDLEWARE = [
        f"{__name__}.SyncOnlyErrorMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    handler = ASGIHandler()
    assert not iscoroutinefunction(_top_middleware(vars(handler)["_middleware_chain"]))
    assert [kind for kind, func in adapted if _ours(func)] == ["SyncToAsync"]
