from __future__ import annotations

import json

import pytest

from error_core import (
    CODES,
    APIError,
    AuthenticationError,
    InvalidRequest,
    NotFound,
    RateLimited,
)
from error_core._envelope import Rendered, render, render_fallback

RID = "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"
INTERNAL_BODY = (
    b'{"code":"internal","message":"An unexpected error occurred on our side.",'
    b'"request_id":"req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"}'
)


class Unprintable:
    def __str__(self) -> str:
        raise RuntimeError("cannot print me")


def base_headers(request_id: str = RID, header: str = "Request-Id") -> list[tuple[str, str]]:
    return [
        ("Content-Type", "application/json"),
        ("Cache-Control", "no-store"),
        (header, request_id),
    ]


def test_render_produces_the_exact_envelope_bytes() -> None:
    status, headers, body, code = render(NotFound(), RID)
    assert (status, code) == (404, "not_found")
    assert headers == base_headers()
    assert body == (
        b'{"code":"not_found","message":"The requested resource does not exist.",'
        b'"request_id":"req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W"}'
    )


def test_rendered_is_a_named_tuple_that_says_which_code_it_sent() -> None:
    rendered = render(InvalidRequest("The `name` field is required."), RID)
    assert isinstance(rendered, Rendered)
    assert (rendered.status, rendered.headers, rendered.body, rendered.code) == tuple(rendered)
    assert rendered.code == "invalid_request"
    assert list(json.loads(rendered.body)) == ["code", "message", "request_id"]
    assert json.loads(rendered.body) == {
        "code": "invalid_request",
        "message": "The `name` field is required.",
        "request_id": RID,
    }


def test_render_keeps_the_status_of_an_unlisted_framework_status() -> None:
    status, _, body, _ = render(APIError(status=402), RID)
    assert status == 402
    assert json.loads(body)["code"] == "invalid_request"


def test_non_ascii_is_sent_as_utf8() -> None:
    message = "Le champ « nom » est requis — 名前は必須です ✓ 😀"
    _, _, body, _ = render(InvalidRequest(message), RID)
    assert message.encode("utf-8") in body
    assert b"\\u" not in body
    assert json.loads(body.decode("utf-8"))["message"] == message


def test_quotes_backslashes_and_control_characters_are_escaped() -> None:
    message = 'The "name" field can\'t contain a backslash (\\),\na newline or a\ttab\x00.'
    _, _, body, _ = render(InvalidRequest(message), RID)
    assert body == (
        b'{"code":"invalid_request","message":"The \\"name\\" field can\'t contain a '
        b'backslash (\\\\),\\na newline or a\\ttab\\u0000.","request_id":"' + RID.encode() + b'"}'
    )
    assert b"\n" not in body
    assert json.loads(body)["message"] == message


def test_a_lone_surrogate_falls_back_to_escapes() -> None:
    message = "bad \ud800 text é"
    status, _, body, _ = render(InvalidRequest(message), RID)
    assert status == 400
    body.decode("ascii")  # the whole body is ASCII, so it is valid UTF-8 too
    assert b"\\ud800" in body
    assert b"\\u00e9" in body
    assert json.loads(body)["message"] == message


def test_an_unprintable_message_gives_the_internal_envelope_with_the_same_id() -> None:
    error = InvalidRequest()
    error.message = Unprintable()  # type: ignore[assignment,misc]
    assert render(error, RID) == (500, base_headers(), INTERNAL_BODY, "internal")


def test_an_error_whose_headers_fail_gives_the_internal_envelope() -> None:
    class BrokenHeaders(NotFound):
        """A not found whose header hook raises."""

        def headers(self) -> list[tuple[str, str]]:
            raise RuntimeError("broken hook")

    assert render(BrokenHeaders(), RID) == (500, base_headers(), INTERNAL_BODY, "internal")


def test_an_error_with_a_bad_status_gives_the_internal_envelope() -> None:
    error = NotFound()
    error.status = "not a status"  # type: ignore[assignment,misc]
    assert render(error, RID, request_id_header="X-Request-Id") == (
        500,
        base_headers(header="X-Request-Id"),
        INTERNAL_BODY,
        "internal",
    )


def test_the_fallback_is_the_internal_envelope() -> None:
    assert render_fallback(RID) == (500, base_headers(), INTERNAL_BODY, "internal")
    body = render_fallback('req_"odd\\', request_id_header="Trace-Id").body
    assert json.loads(body) == {
        "code": "internal",
        "message": CODES["internal"].message,
        "request_id": 'req_"odd\\',
    }


def test_a_custom_request_id_header() -> None:
    _, headers, _, _ = render(NotFound(), RID, request_id_header="X-Correlation-Id")
    assert headers == base_headers(header="X-Correlation-Id")


def test_error_headers_follow_the_envelope_headers() -> None:
    _, headers, _, _ = render(RateLimited(retry_after=7), RID)
    assert headers == [*base_headers(), ("Retry-After", "7")]
    _, headers, _, _ = render(AuthenticationError(headers={"WWW-Authenticate": "Bearer"}), RID)
    assert headers == [*base_headers(), ("WWW-Authenticate", "Bearer")]


@pytest.mark.parametrize("header", ["Request-Id", "X-Trace"])
def test_an_error_cannot_replace_the_envelope_headers(header: str) -> None:
    error = AuthenticationError(
        headers=[
            ("content-type", "text/html"),
            ("Cache-Control", "public, max-age=600"),
            ("Content-Length", "1"),
            (header.upper(), "req_forged"),
            ("WWW-Authenticate", "Bearer"),
        ]
    )
    _, headers, _, _ = render(error, RID, request_id_header=header)
    assert headers == [*base_headers(header=header), ("WWW-Authenticate", "Bearer")]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("X-Detail", "line\nbreak"),
        ("X-Detail", "carriage\rreturn"),
        ("X-Detail", "nul\x00"),
        ("X-Detail", "caf\u00e9"),
        ("X Detail", "space in the name"),
        ("X-Detail:", "colon in the name"),
    ],
)
def test_a_header_no_server_could_send_is_dropped_and_the_error_kept(name: str, value: str) -> None:
    error = NotFound(headers=[(name, value), ("X-Kept", "fine value")])

    status, headers, body, _ = render(error, RID)

    assert status == 404
    assert headers == [*base_headers(), ("X-Kept", "fine value")]
    assert json.loads(body)["code"] == "not_found"


@pytest.mark.parametrize("code", ["x\nINFO forged", "", "not a code", "cödé"])
def test_regression_a_code_of_no_valid_format_gives_the_internal_envelope(code: str) -> None:
    # Rendered as sent before: a code changed after construction reached the client.
    error = NotFound()
    error.code = code  # type: ignore[misc]
    assert render(error, RID) == (500, base_headers(), INTERNAL_BODY, "internal")


def test_an_ad_hoc_code_is_rendered_as_the_instance_has_it() -> None:
    rendered = render(APIError("Widget 42 is locked.", code="widget_locked", status=423), RID)
    assert (rendered.status, rendered.code) == (423, "widget_locked")
    assert json.loads(rendered.body) == {
        "code": "widget_locked",
        "message": "Widget 42 is locked.",
        "request_id": RID,
    }
    assert "widget_locked" not in CODES


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE", "OPTIONS"])
def test_for_method_adds_the_content_length_of_the_body(method: str) -> None:
    rendered = render(NotFound(), RID)
    sent = rendered.for_method(method)
    assert sent == rendered._replace(
        headers=[*rendered.headers, ("Content-Length", str(len(rendered.body)))]
    )


@pytest.mark.parametrize("method", ["HEAD", "head"])
def test_for_head_the_same_status_and_headers_and_an_empty_body(method: str) -> None:
    rendered = render(RateLimited(retry_after=7), RID)
    sent = rendered.for_method(method)
    # Content-Length is the length of the body a GET would get (RFC 9110, HEAD).
    assert sent == (
        429,
        [*rendered.headers, ("Content-Length", str(len(rendered.body)))],
        b"",
        "rate_limited",
    )
    assert rendered.body  # what was rendered is unchanged


@pytest.mark.parametrize("status", [200, 302, 399, 600, True])
def test_regression_status_that_is_no_error_gives_the_internal_envelope(status: int) -> None:
    # Rendered as sent before: an error with status 200 was a "successful" envelope.
    error = NotFound()
    error.status = status  # type: ignore[misc]
    assert render(error, RID) == (500, base_headers(), INTERNAL_BODY, "internal")


@pytest.mark.parametrize("request_id", ["req_\ud800", "req_é\u2028", 'req_"\\'])
def test_regression_fallback_never_raises_whatever_the_id(request_id: str) -> None:
    # Raised UnicodeEncodeError before for an id with a lone surrogate.
    body = render_fallback(request_id).body
    body.decode("ascii")
    assert json.loads(body)["request_id"] == request_id
