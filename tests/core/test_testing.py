"""error_core.testing.assert_error with requests and httpx responses, built in memory."""

from __future__ import annotations

from typing import Any, Callable, ClassVar

import pytest

from error_core import APIError, InvalidRequest, NotFound
from error_core._envelope import render
from error_core.testing import assert_error

RID = "req_01JDXR7M3K4P5Q6R7S8T9V0WXY"
NOT_FOUND = b'{"code":"not_found","message":"Widget 42 does not exist.","request_id":"%s"}' % (
    RID.encode()
)

Build = Callable[..., Any]


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


@pytest.fixture(params=[httpx_response, requests_response], ids=["httpx", "requests"])
def build(request: pytest.FixtureRequest) -> Build:
    """Build a response of one client library from status, headers and body."""
    return request.param  # type: ignore[no-any-return]


def rendered(error: APIError, build: Build) -> Any:
    return build(*render(error, RID)[:3])


def headers(request_id: str = RID, content_type: str = "application/json") -> list[tuple[str, str]]:
    return [("Content-Type", content_type), ("Request-Id", request_id)]


def test_a_matching_response_passes_and_returns_the_body(build: Build) -> None:
    response = rendered(NotFound("Widget 42 does not exist."), build)
    body = assert_error(response, "not_found", message="Widget 42 does not exist.")
    assert body == {"code": "not_found", "message": "Widget 42 does not exist.", "request_id": RID}
    assert assert_error(response, "not_found", status=404) == body


def test_the_status_defaults_to_the_codes_and_can_be_given(build: Build) -> None:
    gone = rendered(APIError(status=410), build)
    assert_error(gone, "invalid_request", status=410)
    with pytest.raises(AssertionError, match="status is 410, expected 400"):
        assert_error(gone, "invalid_request")


def test_an_error_code_member_is_accepted(build: Build) -> None:
    from error_core import ErrorCode

    assert_error(rendered(InvalidRequest(), build), ErrorCode.INVALID_REQUEST)


@pytest.mark.parametrize(
    ("status", "response_headers", "body", "expected"),
    [
        (409, headers(), NOT_FOUND, "status is 409, expected 404"),
        (404, headers(content_type="text/html"), NOT_FOUND, "Content-Type is 'text/html'"),
        (
            404,
            headers(content_type="application/json; charset=utf-8"),
            NOT_FOUND,
            "Content-Type is 'application/json; charset=utf-8', expected 'application/json'",
        ),
        (404, [("Request-Id", RID)], NOT_FOUND, "Content-Type is None"),
        (404, headers(), b"<h1>Not Found</h1>", "the body is not JSON"),
        (404, headers(), b"", "the body is not JSON"),
        (404, headers(), b'["code", "message", "request_id"]', "the body's keys are None"),
        (
            404,
            headers(),
            b'{"message":"m","code":"not_found","request_id":"%s"}' % RID.encode(),
            "the body's keys are ['message', 'code', 'request_id']",
        ),
        (
            404,
            headers(),
            b'{"code":"not_found","message":"m","request_id":"%s","x":1}' % RID.encode(),
            "expected ['code', 'message', 'request_id']",
        ),
        (
            404,
            headers(),
            b'{"code":"not_found","message":null,"request_id":"%s"}' % RID.encode(),
            "the body's values are not all strings",
        ),
        (404, headers(), NOT_FOUND.replace(b"not_found", b"conflict"), "code is 'conflict'"),
        (
            404,
            headers(request_id="req_other"),
            NOT_FOUND,
            f"Request-Id header is 'req_other', body request_id is '{RID}'",
        ),
        (404, [("Content-Type", "application/json")], NOT_FOUND, "Request-Id header is None"),
    ],
)
def test_each_mismatch_is_reported(
    build: Build,
    status: int,
    response_headers: list[tuple[str, str]],
    body: bytes,
    expected: str,
) -> None:
    response = build(status, response_headers, body)
    with pytest.raises(AssertionError) as caught:
        assert_error(response, "not_found")
    message = str(caught.value)
    assert message.startswith("Not the 'not_found' error response: ")
    assert expected in message
    assert f"Response: {status} " in message


def test_every_mismatch_is_listed_with_the_body(build: Build) -> None:
    response = build(500, headers(content_type="text/plain"), NOT_FOUND)
    with pytest.raises(AssertionError) as caught:
        assert_error(response, "conflict", message="Nope.")
    assert str(caught.value) == (
        "Not the 'conflict' error response: status is 500, expected 409; "
        "Content-Type is 'text/plain', expected 'application/json'; "
        "code is 'not_found', expected 'conflict'; "
        "message is 'Widget 42 does not exist.', expected 'Nope.'. "
        f"Response: 500 {NOT_FOUND.decode()}"
    )


def test_a_long_body_is_cut_in_the_message(build: Build) -> None:
    response = build(404, headers(), b"x" * 2000)
    with pytest.raises(AssertionError) as caught:
        assert_error(response, "not_found")
    assert str(caught.value).endswith("Response: 404 " + "x" * 500)


def test_the_message_is_only_checked_when_given(build: Build) -> None:
    response = rendered(NotFound("Widget 42 does not exist."), build)
    assert_error(response, "not_found")
    with pytest.raises(AssertionError, match=r"message is 'Widget 42 does not exist\.', expected"):
        assert_error(response, "not_found", message=NotFound.message)


def test_a_renamed_request_id_header_is_checked(build: Build) -> None:
    status, response_headers, body, _ = render(NotFound(), RID, request_id_header="X-Trace")
    response = build(status, response_headers, body)
    assert_error(response, "not_found", request_id_header="X-Trace")
    with pytest.raises(AssertionError, match="Request-Id header is None"):
        assert_error(response, "not_found")


def test_an_unknown_code_needs_a_status(build: Build) -> None:
    response = build(
        402, headers(), b'{"code":"not_registered","message":"m","request_id":"%s"}' % RID.encode()
    )
    with pytest.raises(AssertionError, match="Unknown error code 'not_registered': pass status="):
        assert_error(response, "not_registered")
    assert_error(response, "not_registered", status=402)


def test_an_unread_httpx_stream_is_read() -> None:
    httpx = pytest.importorskip("httpx")
    status, response_headers, body, _ = render(NotFound(), RID)
    response = httpx.Response(status, headers=response_headers, stream=httpx.ByteStream(body))
    assert_error(response, "not_found")


def test_a_body_that_is_not_bytes_is_read_another_way() -> None:
    class Odd:
        status_code = 404
        headers: ClassVar[dict[str, str]] = {"Content-Type": "application/json", "Request-Id": RID}
        content = "text, not bytes"

        def read(self) -> bytes:
            return NOT_FOUND

    assert_error(Odd(), "not_found")


def test_objects_that_are_not_responses_are_a_type_error() -> None:
    class NoBody:
        status_code = 404
        headers: ClassVar[dict[str, str]] = {}

    with pytest.raises(TypeError, match="Cannot read an HTTP status from object objects"):
        assert_error(object(), "not_found")
    with pytest.raises(TypeError, match="Cannot read the body of NoBody objects"):
        assert_error(NoBody(), "not_found")
