"""error_core.client against hostile servers: only its typed errors, nothing left open."""

from __future__ import annotations

import email.message
import gc
import io
import tempfile
import urllib.error
import warnings
from typing import Any, Callable, Iterator

import pytest

from error_core import NotFound, RateLimited
from error_core._envelope import render
from error_core.client import ReceivedError, from_response

from .test_client import Build, http_error, http_response, httpx_response, requests_response

RID = "req_01JDXR7M3K4P5Q6R7S8T9V0WXY"
BUILDERS: dict[str, Build] = {
    "httpx": httpx_response,
    "requests": requests_response,
    "urllib-HTTPError": http_error,
    "http.client": http_response,
}


def closed(response: Any) -> None:
    if isinstance(response, urllib.error.HTTPError):
        response.close()


def _rate_limited(retry_after: str, build: Build) -> ReceivedError:
    status, headers, body, _ = render(RateLimited(retry_after=None), RID)
    try:
        response = build(status, [*headers, ("Retry-After", retry_after)], body)
    except UnicodeEncodeError:
        pytest.skip("this library cannot hold such a header value")
    try:
        return from_response(response)
    finally:
        closed(response)


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
@pytest.mark.parametrize(
    "value", ["\u00b2", "\u0663\u0660", "\uff13\uff10", "1\u00b2", "-5", "+5", "5.0", "0x1e", "1e3"]
)
def test_a_retry_after_that_is_not_ascii_digits_is_unknown(build: Build, value: str) -> None:
    error = _rate_limited(value, build)
    assert isinstance(error, RateLimited)
    assert error.retry_after is None


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
@pytest.mark.parametrize("value", ["9" * 5000, "1" * 11, "12345678901"])
def test_a_retry_after_of_more_than_ten_digits_is_unknown(build: Build, value: str) -> None:
    assert _rate_limited(value, build).retry_after is None


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
@pytest.mark.parametrize(
    ("value", "seconds"), [("30", 30), ("0", 0), ("9999999999", 9999999999), ("0" * 5000 + "7", 7)]
)
def test_a_retry_after_of_ascii_digits_is_its_seconds(
    build: Build, value: str, seconds: int
) -> None:
    assert _rate_limited(value, build).retry_after == seconds


HOSTILE_BODIES = {
    "nested-arrays": b"[" * 100_000,
    "nested-objects": b'{"a":' * 100_000,
    "nested-in-envelope": b'{"code":"not_found","message":' + b"[" * 100_000,
    "huge-integer": b'{"code":' + b"1" * 5000 + b',"message":"m"}',
    "huge-integer-message": b'{"code":"not_found","message":' + b"9" * 5000 + b"}",
    "invalid-utf8": b'{"code":"not_found","message":"\xff\xfe"}',
    "utf16-bom": "\ufeff{}".encode("utf-16"),
    "lone-surrogate": b'{"code":"not_found","message":"\\ud800","request_id":"\\udfff"}',
    "nan": b'{"code":"not_found","message":NaN}',
}


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_a_hostile_body_gives_a_typed_error(build: Build, body: bytes) -> None:
    response = build(404, [("Content-Type", "application/json")], body)
    try:
        error = from_response(response)
    finally:
        closed(response)
    assert isinstance(error, NotFound)
    assert isinstance(error, ReceivedError)
    str(error), repr(error)


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
def test_a_deeply_nested_body_is_no_envelope(build: Build) -> None:
    response = build(404, [], b"[" * 100_000)
    try:
        error = from_response(response)
    finally:
        closed(response)
    assert error.message == "HTTP 404 response without an error envelope."


@pytest.fixture
def warns_like_python_314(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Python 3.14's check, here: an HTTPError collected unclosed warns.

    3.14's ``tempfile._TemporaryFileCloser.__del__`` (which ``HTTPError``
    inherits through ``urllib.response.addbase``) warns ``ResourceWarning``
    when ``close()`` was never called. The messages are collected instead of
    raised (a warning raised in ``__del__`` is only "ignored").
    """
    closer: Any = tempfile._TemporaryFileCloser  # type: ignore[attr-defined]
    original: Callable[[Any], None] = closer.__del__
    seen: list[str] = []

    def __del__(self: Any) -> None:
        if not self.close_called:
            seen.append(f"Implicitly cleaning up {self.file!r}")
        original(self)

    monkeypatch.setattr(closer, "__del__", __del__)
    yield seen
    gc.collect()


def _urllib_error(status: int = 404) -> urllib.error.HTTPError:
    _, headers, body, _ = render(NotFound("Widget 42 does not exist."), RID)
    message = email.message.Message()
    for name, value in headers:
        message[name] = value
    return urllib.error.HTTPError(
        "http://api.test/x", status, "Not Found", message, io.BytesIO(body)
    )


def test_from_response_closes_the_urllib_error_it_read() -> None:
    exc = _urllib_error()

    error = from_response(exc)

    assert exc.fp.closed
    assert exc._closer.close_called  # type: ignore[attr-defined]  # what 3.14 checks
    # What the error carries stays readable.
    assert (error.message, error.request_id, error.status) == (
        "Widget 42 does not exist.",
        RID,
        404,
    )
    assert error.response is exc
    assert (exc.code, exc.headers["Request-Id"]) == (404, RID)


def test_an_http_error_read_by_from_response_is_not_warned_about_when_collected(
    warns_like_python_314: list[str],
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        error = from_response(_urllib_error())
        del error
        gc.collect()
    assert warns_like_python_314 == []


def test_the_readme_urllib_recipe_leaves_nothing_unclosed(
    warns_like_python_314: list[str],
) -> None:
    with pytest.raises(NotFound) as caught:
        try:
            raise _urllib_error()
        except urllib.error.HTTPError as exc:
            raise from_response(exc) from exc
    assert isinstance(caught.value.__cause__, urllib.error.HTTPError)
    del caught
    gc.collect()
    assert warns_like_python_314 == []
