"""error_core.client: error responses from requests, httpx and urllib become typed errors."""

from __future__ import annotations

import email.message
import http.client
import io
import json
import pickle
import subprocess
import sys
import urllib.error
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterator

import pytest

from error_core import (
    CODES,
    APIError,
    AuthenticationError,
    Conflict,
    InternalError,
    InvalidRequest,
    NotFound,
    PermissionDenied,
    RateLimited,
    register_code,
)
from error_core._envelope import render
from error_core.client import ReceivedError, from_response, raise_for_error
from tests.readme import code_blocks

RID = "req_01JDXR7M3K4P5Q6R7S8T9V0WXY"
ROOT = Path(__file__).resolve().parents[2]

Build = Callable[[int, list[tuple[str, str]], bytes], Any]


def httpx_response(status: int, headers: list[tuple[str, str]], body: bytes) -> Any:
    httpx = pytest.importorskip("httpx")
    return httpx.Response(status, headers=headers, content=body)


def requests_response(status: int, headers: list[tuple[str, str]], body: bytes) -> Any:
    requests = pytest.importorskip("requests")
    response = requests.models.Response()
    response.status_code = status
    response.headers = requests.structures.CaseInsensitiveDict(headers)
    response._content = body
    return response


def http_error(status: int, headers: list[tuple[str, str]], body: bytes) -> urllib.error.HTTPError:
    message = email.message.Message()
    for name, value in headers:
        message[name] = value
    return urllib.error.HTTPError("http://api.test/x", status, "Error", message, io.BytesIO(body))


class _Socket:
    def __init__(self, data: bytes) -> None:
        self.file = io.BytesIO(data)

    def makefile(self, *args: Any, **kwargs: Any) -> io.BytesIO:
        return self.file


def http_response(status: int, headers: list[tuple[str, str]], body: bytes) -> Any:
    lines = [f"HTTP/1.1 {status} Whatever", *(f"{n}: {v}" for n, v in headers)]
    lines.append(f"Content-Length: {len(body)}")
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
    response = http.client.HTTPResponse(_Socket(raw))  # type: ignore[arg-type]
    response.begin()
    return response


@pytest.fixture(
    params=[httpx_response, requests_response, http_error, http_response],
    ids=["httpx", "requests", "urllib-HTTPError", "http.client"],
)
def build(request: pytest.FixtureRequest) -> Iterator[Build]:
    """Build a response of one client library from status, headers and body.

    Every ``HTTPError`` built is closed at the end of the test, as a caller
    closes what it opened: Python 3.14 warns for one collected unclosed.
    """
    made: list[Any] = []

    def make(status: int, headers: list[tuple[str, str]], body: bytes) -> Any:
        made.append(request.param(status, headers, body))
        return made[-1]

    yield make
    for response in made:
        if isinstance(response, urllib.error.HTTPError):
            response.close()


def received(error: APIError, build: Build, request_id: str = RID) -> ReceivedError:
    return from_response(build(*render(error, request_id)[:3]))


@pytest.mark.parametrize(
    "cls",
    [
        InvalidRequest,
        AuthenticationError,
        PermissionDenied,
        NotFound,
        Conflict,
        RateLimited,
        InternalError,
    ],
)
def test_built_in_codes_give_their_classes(build: Build, cls: type[APIError]) -> None:
    error = received(cls("Something specific."), build)
    assert isinstance(error, cls)
    assert isinstance(error, ReceivedError)
    assert type(error).__name__ == cls.__name__
    assert (error.code, error.status, error.message) == (
        cls.code,
        cls.status,
        "Something specific.",
    )
    assert error.request_id == RID
    assert str(error) == f"Something specific. (request_id={RID})"
    assert repr(error) == (
        f"{cls.__name__}(code={cls.code!r}, status={cls.status}, request_id={RID!r})"
    )


def test_the_readme_example_message(build: Build) -> None:
    error = received(NotFound("Widget 42 does not exist."), build)
    assert str(error) == f"Widget 42 does not exist. (request_id={RID})"
    with pytest.raises(NotFound, match=r"^Widget 42 does not exist\. \(request_id=req_"):
        raise error


def test_other_built_in_codes_are_api_errors_with_their_headers(build: Build) -> None:
    error = received(APIError(code="method_not_allowed", headers={"Allow": "GET, POST"}), build)
    assert type(error).__name__ == "APIError"
    assert (error.code, error.status) == ("method_not_allowed", 405)
    assert error.headers() == [("Allow", "GET, POST")]


def test_application_codes_are_api_errors_with_that_code(
    build: Build, unique_code: Callable[[], str]
) -> None:
    code = register_code(unique_code(), 402, "Your card was declined.").code
    error = received(APIError(code=code), build)
    assert (type(error).__bases__, error.code, error.status) == (
        (ReceivedError, APIError),
        code,
        402,
    )
    assert error.message == "Your card was declined."


def test_an_unregistered_code_is_kept_but_never_registered(build: Build) -> None:
    body = b'{"code":"card_expired_xyz","message":"Expired.","request_id":"%s"}' % RID.encode()
    error = from_response(build(402, [("Content-Type", "application/json")], body))
    assert (type(error).__name__, error.code, error.status) == ("APIError", "card_expired_xyz", 402)
    assert str(error) == f"Expired. (request_id={RID})"
    assert "card_expired_xyz" not in CODES


def test_the_status_is_the_responses_even_when_the_code_has_another(build: Build) -> None:
    error = received(APIError(status=410), build)
    assert isinstance(error, InvalidRequest)
    assert (error.code, error.status) == ("invalid_request", 410)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7", 7), ("0", 0), ("Wed, 21 Oct 2026 07:28:00 GMT", None), (None, None)],
)
def test_rate_limited_reads_retry_after(
    build: Build, value: str | None, expected: int | None
) -> None:
    headers = [] if value is None else [("Retry-After", value)]
    error = received(RateLimited(retry_after=None, headers=headers), build)
    assert isinstance(error, RateLimited)
    assert error.retry_after == expected
    assert error.headers() == ([] if value is None else [("Retry-After", value)])


@pytest.mark.parametrize(
    ("status", "cls"),
    [(502, InternalError), (404, NotFound), (418, InvalidRequest), (429, RateLimited)],
)
def test_a_body_that_is_not_the_envelope_gives_the_error_for_its_status(
    build: Build, status: int, cls: type[APIError]
) -> None:
    error = from_response(build(status, [("Content-Type", "text/html")], b"<h1>Bad gateway</h1>"))
    assert isinstance(error, cls)
    assert error.status == status
    assert error.message == f"HTTP {status} response without an error envelope."
    assert error.request_id is None
    assert str(error) == error.message


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"[1, 2]",
        b'"not_found"',
        b'{"code": "not found", "message": "m"}',
        b'{"code": "", "message": "m"}',
        b'{"code": "not_found", "message": 3}',
        b'{"message": "m"}',
        b"\xff\xfe",
    ],
)
def test_malformed_envelopes_fall_back(build: Build, body: bytes) -> None:
    error = from_response(build(404, [("Request-Id", "req_from_header")], body))
    assert error.message == "HTTP 404 response without an error envelope."
    assert error.request_id == "req_from_header"


def test_a_missing_body_request_id_comes_from_the_header(build: Build) -> None:
    body = json.dumps({"code": "conflict", "message": "Taken.", "extra": 1}).encode()
    headers = [("Content-Type", "application/json"), ("X-Trace", "trace-1")]
    error = from_response(build(409, headers, body), request_id_header="X-Trace")
    assert isinstance(error, Conflict)
    assert (error.message, error.request_id) == ("Taken.", "trace-1")


def test_the_response_is_kept_on_the_error(build: Build) -> None:
    response = build(*render(NotFound(), RID)[:3])
    assert from_response(response).response is response


def test_a_success_is_not_an_error(build: Build) -> None:
    with pytest.raises(ValueError, match="HTTP 200 is not an error response"):
        from_response(build(200, [], b"{}"))
    raise_for_error(build(200, [], b"{}"))
    raise_for_error(build(399, [], b""))


def test_raise_for_error_raises_the_error(build: Build) -> None:
    with pytest.raises(Conflict) as caught:
        raise_for_error(
            build(*render(Conflict("Taken."), RID, request_id_header="X-Trace")[:3]),
            request_id_header="X-Trace",
        )
    assert caught.value.request_id == RID  # type: ignore[attr-defined]


def test_an_unreadable_body_falls_back() -> None:
    class Bare:
        status_code = 503
        headers: ClassVar[dict[str, str]] = {"Retry-After": "9"}

    error = from_response(Bare())
    assert (error.code, error.status, error.headers()) == (
        "unavailable",
        503,
        [("Retry-After", "9")],
    )


@pytest.mark.parametrize("cls", [NotFound, RateLimited, APIError])
def test_received_errors_survive_pickling(build: Build, cls: type[APIError]) -> None:
    kwargs: dict[str, Any] = {"retry_after": 5} if cls is RateLimited else {}
    error = received(cls("Pickled.", **kwargs), build)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (str(copy), copy.code, copy.status, copy.headers()) == (
        str(error),
        error.code,
        error.status,
        error.headers(),
    )
    assert copy.response is None
    assert getattr(copy, "retry_after", None) == getattr(error, "retry_after", None)


def test_the_readme_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    requests = pytest.importorskip("requests")
    status, headers, body, _ = render(NotFound("Widget 42 does not exist."), RID)
    calls: list[tuple[str, Any]] = []

    def fake_get(url: str, **kwargs: Any) -> Any:
        calls.append((url, kwargs))
        return requests_response(status, headers, body)

    monkeypatch.setattr(requests, "get", fake_get)
    (example,) = code_blocks("## Calling an error-core API")
    exec(example, {})
    assert calls == [("https://api.example.com/widgets/42", {"timeout": 10})]
    assert capsys.readouterr().out == (
        f"Widget 42 does not exist. (request_id={RID})\nnot_found 404 {RID}\n"
    )


def test_the_new_core_modules_import_only_the_standard_library() -> None:
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
BLOCKED = ("flask", "werkzeug", "django", "rest_framework", "asgiref", "requests", "httpx",
           "urllib3", "apispec", "drf_spectacular", "jsonschema")
for name in BLOCKED:
    sys.modules[name] = None
import error_core._cli, error_core.client, error_core.openapi, error_core.testing
loaded = [m for m in ("http.client", "urllib.request", "urllib.error") if m in sys.modules]
print(loaded)
"""
    result = subprocess.run(
        [sys.executable, "-I", "-W", "error", "-c", script],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
