"""ErrorMiddleware under ASGI: async mode, async views, ids that never leak."""

from __future__ import annotations

import asyncio
import json
import logging

from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseNotFound
from django.test import AsyncClient, RequestFactory, SimpleTestCase, override_settings

from django_errors.middleware import ErrorMiddleware
from error_core import Conflict, current_request_id
from tests.apps.errors import SECRET

from . import views
from .middleware import HEADER as FAIL
from .middleware import PATH as FAILING_MIDDLEWARE
from .utils import assert_envelope, assert_request_id, signals_sent

WITH_FAILING_MIDDLEWARE = override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, FAILING_MIDDLEWARE])


class AsgiTests(SimpleTestCase):
    """Requests through Django's ASGI handler (the async test client)."""

    def setUp(self) -> None:
        self.quiet_client = AsyncClient(raise_request_exception=False)

    async def test_async_view_sees_the_id_of_the_response(self) -> None:
        response = await self.async_client.get("/t/async/ids")

        request_id = assert_request_id(response)
        assert json.loads(response.content) == {"request_id": request_id, "current": request_id}

    async def test_sync_view_under_asgi_sees_the_id_of_the_response(self) -> None:
        response = await self.async_client.get("/t/ids")

        request_id = assert_request_id(response)
        assert json.loads(response.content) == {"request_id": request_id, "current": request_id}

    async def test_no_id_after_the_request(self) -> None:
        await self.async_client.get("/t/async/ids")
        await self.async_client.get("/t/async/raise/http404")

        assert current_request_id() is None

    async def test_concurrent_requests_keep_their_own_ids(self) -> None:
        views.rendezvous.update(a=asyncio.Event(), b=asyncio.Event())
        self.addCleanup(views.rendezvous.clear)

        # Each view waits until the other has started: both are in flight at once.
        # The timeout only stops a broken build from hanging.
        first, second = await asyncio.wait_for(
            asyncio.gather(
                self.async_client.get("/t/async/meet/a/b"),
                self.async_client.get("/t/async/meet/b/a"),
            ),
            timeout=30,
        )

        ids = []
        for response in (first, second):
            request_id = assert_request_id(response)
            seen = json.loads(response.content)
            assert seen == {"before": request_id, "request_id": request_id, "current": request_id}
            ids.append(request_id)
        assert ids[0] != ids[1]

    async def test_async_view_api_error(self) -> None:
        response = await self.async_client.get("/async/not-found")

        assert_envelope(response, 404, "not_found", "Widget wid_123 does not exist.")

    async def test_async_view_django_exceptions(self) -> None:
        for name, status, code in [
            ("http404", 404, "not_found"),
            ("permission-denied", 403, "permission_denied"),
            ("bad-request", 400, "invalid_request"),
            ("suspicious", 400, "invalid_request"),
            ("too-big", 413, "payload_too_large"),
        ]:
            with self.subTest(name):
                response = await self.async_client.get(f"/t/async/raise/{name}")

                assert_envelope(response, status, code)

    async def test_async_view_api_error_keeps_its_headers(self) -> None:
        response = await self.async_client.get("/t/async/raise/rate-limited")

        assert_envelope(response, 429, "rate_limited", "Slow down.")
        assert response["Retry-After"] == "7"

    async def test_async_view_unexpected_exception(self) -> None:
        with signals_sent() as signals, self.assertLogs(level="INFO") as logs:
            response = await self.quiet_client.get("/t/async/raise/runtime")

        assert_envelope(response, 500, "internal")
        assert len(signals) == 1
        [traceback] = [r for r in logs.records if r.exc_info is not None]
        assert traceback.request_id == response["Request-Id"]  # type: ignore[attr-defined]
        assert [r for r in logs.records if r.name == "django.request"] == []
        [record] = [r for r in logs.records if r.name == "error_core"]
        assert record.levelno == logging.ERROR

    async def test_header_that_cannot_be_sent_is_dropped_not_the_error(self) -> None:
        response = await self.quiet_client.get("/t/async/raise/bad-header")

        assert_envelope(response, 409, "conflict")
        assert "X-Detail" not in response

    async def test_async_client_reraises_unexpected_exceptions(self) -> None:
        with self.assertRaisesMessage(RuntimeError, SECRET):
            await self.async_client.get("/async/unexpected")

    async def test_responses_django_renders(self) -> None:
        for method, path, headers, status, code in [
            ("get", "/no/such/route", {}, 404, "not_found"),
            ("delete", "/items", {}, 405, "method_not_allowed"),
            ("put", "/methods", {}, 405, "method_not_allowed"),
            ("get", "/ok", {"Host": "evil.example"}, 400, "invalid_request"),
        ]:
            with self.subTest(f"{method} {path}"):
                response = await getattr(self.async_client, method)(path, headers=headers)

                assert_envelope(response, status, code)

    async def test_csrf_failure(self) -> None:
        client = AsyncClient(enforce_csrf_checks=True)

        response = await client.post("/csrf", {"a": "1"})

        assert_envelope(response, 403, "permission_denied")

    async def test_head(self) -> None:
        full = await self.async_client.get("/t/async/raise/http404")

        response = await self.async_client.head("/t/async/raise/http404")

        assert response.status_code == 404
        assert response.content == b""
        assert response["Content-Length"] == str(len(full.content))

    async def test_application_error_passes_untouched(self) -> None:
        response = await self.async_client.get("/app-json-error")

        assert response.status_code == 418
        assert json.loads(response.content) == {"error": "teapot"}
        assert_request_id(response)

    @WITH_FAILING_MIDDLEWARE
    async def test_api_error_raised_by_inner_middleware(self) -> None:
        response = await self.quiet_client.get("/ok", headers={FAIL: "conflict"})

        assert_envelope(response, 409, "conflict", "Changed by another request.")

    @WITH_FAILING_MIDDLEWARE
    async def test_unexpected_exception_in_inner_middleware(self) -> None:
        with signals_sent() as signals:
            response = await self.quiet_client.get("/ok", headers={FAIL: "runtime"})

        assert_envelope(response, 500, "internal")
        assert len(signals) == 1

    @override_settings(DEBUG=True)
    async def test_debug_unexpected_exception_is_djangos_technical_500(self) -> None:
        response = await self.quiet_client.get("/t/async/raise/runtime")

        assert response.status_code == 500
        assert "RuntimeError" in response.content.decode()
        assert_request_id(response)

    @override_settings(DEBUG=True, ERRORS_HANDLE_UNEXPECTED_IN_DEBUG=True)
    async def test_debug_handle_unexpected_renders_the_envelope(self) -> None:
        with signals_sent() as signals:
            response = await self.quiet_client.get("/t/async/raise/runtime")

        assert_envelope(response, 500, "internal")
        assert len(signals) == 1

    @override_settings(ERRORS_TRUST_INCOMING_REQUEST_ID=True)
    async def test_trusted_incoming_id(self) -> None:
        response = await self.async_client.get("/t/async/ids", headers={"X-Request-Id": "abc-1"})

        assert response["Request-Id"] == "abc-1"
        assert json.loads(response.content) == {"request_id": "abc-1", "current": "abc-1"}


class AsyncModeTests(SimpleTestCase):
    """The middleware picks its mode once, from the next handler."""

    def test_sync_get_response_gives_a_sync_middleware(self) -> None:
        middleware = ErrorMiddleware(lambda request: HttpResponseNotFound())

        assert not iscoroutinefunction(middleware)

    async def test_async_get_response_gives_an_async_middleware(self) -> None:
        seen: list[str | None] = []

        async def get_response(request: HttpRequest) -> HttpResponseBase:
            seen.append(current_request_id())
            return HttpResponseNotFound("<h1>Not Found</h1>")

        middleware = ErrorMiddleware(get_response)

        assert iscoroutinefunction(middleware)
        response = await middleware(RequestFactory().get("/missing"))
        assert_envelope(response, 404, "not_found")
        assert seen == [response["Request-Id"]]
        assert current_request_id() is None

    async def test_exception_escaping_async_get_response_is_answered_and_unbinds_the_id(
        self,
    ) -> None:
        seen: list[str | None] = []

        async def get_response(request: HttpRequest) -> HttpResponseBase:
            seen.append(current_request_id())
            raise Conflict()

        middleware = ErrorMiddleware(get_response)

        response = await middleware(RequestFactory().get("/"))
        assert_envelope(response, 409, "conflict")
        assert seen == [response["Request-Id"]]
        assert current_request_id() is None
