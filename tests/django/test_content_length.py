"""A Content-Length no body can have is the client's mistake: 400, never a 500."""

from __future__ import annotations

import asyncio
import logging

import pytest
from django.test import AsyncClient, Client

from .utils import assert_envelope

pytestmark = pytest.mark.usefixtures("logs")

# Past Python's limit for int() of a string (4,300 digits by default).
THOUSANDS_OF_DIGITS = ["9" * 5000, "0" * 5000 + "5"]


def _no_error_logged(logs: pytest.LogCaptureFixture) -> None:
    assert [
        r
        for r in logs.records
        if r.levelno >= logging.ERROR and r.name != "django.security.DisallowedHost"
    ] == []


@pytest.mark.parametrize("content_length", THOUSANDS_OF_DIGITS)
def test_a_content_length_of_thousands_of_digits_with_a_disallowed_host_stays_400(
    client: Client, logs: pytest.LogCaptureFixture, content_length: str
) -> None:
    response = client.get("/ok", headers={"Host": "evil.example"}, CONTENT_LENGTH=content_length)

    assert_envelope(response, 400, "invalid_request")
    _no_error_logged(logs)


@pytest.mark.parametrize("content_length", THOUSANDS_OF_DIGITS)
def test_a_content_length_of_thousands_of_digits_read_by_the_view_is_400(
    client: Client, logs: pytest.LogCaptureFixture, content_length: str
) -> None:
    response = client.post(
        "/t/read-body", b"x", content_type="text/plain", CONTENT_LENGTH=content_length
    )

    assert_envelope(response, 400, "invalid_request")
    _no_error_logged(logs)


@pytest.mark.parametrize("path", ["/t/read-body", "/ok"])
def test_a_content_length_of_thousands_of_digits_under_asgi_is_400(
    logs: pytest.LogCaptureFixture, path: str
) -> None:
    client = AsyncClient(raise_request_exception=False)
    response = asyncio.run(
        client.post(
            path,
            b"x",
            content_type="text/plain",
            headers={
                "Content-Length": "9" * 5000,
                "Host": "evil.example" if path == "/ok" else "testserver",
            },
        )
    )

    assert_envelope(response, 400, "invalid_request")
    _no_error_logged(logs)


class _BrokenInput:
    """A ``wsgi.input`` whose client went away in the middle of the body."""

    def read(self, size: int = -1) -> bytes:
        raise OSError("client disconnected")

    def readline(self, size: int = -1) -> bytes:
        raise OSError("client disconnected")


@pytest.mark.parametrize("path", ["/t/read-body", "/t/drf/orders"])
def test_a_body_the_client_broke_off_is_400_not_500(
    client: Client, logs: pytest.LogCaptureFixture, path: str
) -> None:
    response = client.post(
        path, b"{}", content_type="application/json", **{"wsgi.input": _BrokenInput()}
    )

    assert_envelope(response, 400, "invalid_request")
    _no_error_logged(logs)
