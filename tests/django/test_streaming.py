"""Streamed bodies: made with the request id current, a failure logged with it."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.http import StreamingHttpResponse
from django.test import AsyncClient, Client

from error_core import current_request_id

from .utils import assert_envelope


def test_a_streamed_body_is_made_with_the_request_id(client: Client) -> None:
    response = client.get("/t/stream")

    request_id = response["Request-Id"]
    assert b"".join(response.streaming_content).decode().splitlines() == [request_id] * 3  # type: ignore[attr-defined]
    assert current_request_id() is None


def test_a_stream_that_fails_is_logged_with_the_id_and_re_raised(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="error_core")
    response = client.get("/t/stream?fail=1")
    request_id = response["Request-Id"]
    chunks = iter(response.streaming_content)  # type: ignore[attr-defined]

    assert next(chunks) == f"{request_id}\n".encode()
    with pytest.raises(RuntimeError, match="the stream broke"):
        next(chunks)

    [record] = [r for r in caplog.records if r.name == "error_core"]
    assert record.getMessage() == (
        f"GET /t/stream -> stream failed after the headers were sent (request_id={request_id})"
    )
    assert record.exc_info is not None


def test_an_async_streamed_body_is_made_with_the_request_id() -> None:
    async def fetch() -> tuple[str, list[bytes]]:
        response = await AsyncClient().get("/t/async/stream")
        assert isinstance(response, StreamingHttpResponse) and response.is_async
        return response["Request-Id"], [chunk async for chunk in response.streaming_content]  # type: ignore[union-attr]

    request_id, chunks = async_to_sync(fetch)()

    assert b"".join(chunks).decode().splitlines() == [request_id] * 3


def test_an_async_stream_that_fails_is_logged_with_the_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR, logger="error_core")

    async def fetch() -> str:
        response = await AsyncClient().get("/t/async/stream?fail=2")
        with pytest.raises(RuntimeError, match="the stream broke"):
            async for _ in response.streaming_content:  # type: ignore[attr-defined]
                pass
        return str(response["Request-Id"])

    request_id = async_to_sync(fetch)()

    [record] = [r for r in caplog.records if r.name == "error_core"]
    assert f"request_id={request_id}" in record.getMessage()


def test_a_file_response_is_left_to_the_server(client: Client) -> None:
    response = client.get("/t/file")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"contents"  # type: ignore[attr-defined]
    assert "Request-Id" in response


def test_a_stream_that_fails_before_its_first_chunk_is_the_internal_envelope(
    quiet_client: Client, caplog: pytest.LogCaptureFixture, signals: list[object]
) -> None:
    caplog.set_level(logging.INFO, logger="error_core")

    response = quiet_client.get("/t/stream?fail=0")

    envelope = assert_envelope(response, 500, "internal")
    [record] = [r for r in caplog.records if r.name == "error_core"]
    assert record.getMessage() == (
        f"GET /t/stream -> 500 internal (request_id={envelope['request_id']})"
    )
    assert record.exc_info is not None
    assert len(signals) == 1


def test_an_api_error_before_the_first_chunk_is_its_envelope(client: Client) -> None:
    response = client.get("/t/stream-api-error")

    assert_envelope(response, 409, "conflict", "Changed while streaming.")


def test_only_the_first_chunk_is_made_before_the_response_leaves(client: Client) -> None:
    from . import views

    response = client.get("/t/counted-stream")

    assert views.made == [0]
    chunks = iter(response.streaming_content)  # type: ignore[attr-defined]
    assert next(chunks) == b"chunk\n"
    assert views.made == [0]
    assert next(chunks) == b"chunk\n"
    assert views.made == [0, 1]
    assert list(chunks) == [b"chunk\n"]


def test_an_empty_stream_stays_empty(client: Client) -> None:
    response = client.get("/stream?chunks=0")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b""  # type: ignore[attr-defined]


def test_a_stream_that_fails_before_its_first_chunk_propagates_with_debug_propagate_exceptions(
    quiet_client: Client, settings: Any
) -> None:
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True

    with pytest.raises(RuntimeError, match="the stream broke"):
        quiet_client.get("/t/stream?fail=0")

    assert current_request_id() is None
