from __future__ import annotations

from typing import Callable

import pytest

from error_core import (
    CODES,
    APIError,
    AuthenticationError,
    CodeConflictError,
    Conflict,
    ErrorCode,
    InternalError,
    InvalidRequest,
    NotFound,
    PermissionDenied,
    RateLimited,
)

SUBCLASSES = [
    (InvalidRequest, "invalid_request", 400),
    (AuthenticationError, "authentication", 401),
    (PermissionDenied, "permission_denied", 403),
    (NotFound, "not_found", 404),
    (Conflict, "conflict", 409),
    (RateLimited, "rate_limited", 429),
    (InternalError, "internal", 500),
]


@pytest.mark.parametrize(("cls", "code", "status"), SUBCLASSES)
def test_each_error_class_carries_code_status_and_default_message(
    cls: type[APIError], code: str, status: int
) -> None:
    error = cls()
    assert isinstance(error, APIError)
    assert isinstance(error, Exception)
    assert (error.code, error.status) == (code, status)
    assert error.message == CODES[code].message
    assert str(error) == CODES[code].message
    assert repr(error) == f"{cls.__name__}(code={code!r}, status={status})"


@pytest.mark.parametrize(("cls", "code", "status"), SUBCLASSES)
def test_a_raised_error_shows_its_own_message(cls: type[APIError], code: str, status: int) -> None:
    with pytest.raises(cls) as excinfo:
        raise cls("The `name` field is required.")
    assert str(excinfo.value) == "The `name` field is required."
    assert excinfo.value.message == "The `name` field is required."
    assert excinfo.value.args == ("The `name` field is required.",)
    assert (excinfo.value.code, excinfo.value.status) == (code, status)


def test_the_message_of_one_error_does_not_change_the_class_default() -> None:
    NotFound("Widget 7 does not exist.")
    assert NotFound().message == CODES["not_found"].message
    assert NotFound.message == CODES["not_found"].message


def test_bare_api_error_is_internal() -> None:
    error = APIError()
    assert (error.code, error.status, error.message) == (
        "internal",
        500,
        CODES["internal"].message,
    )


def test_headers_from_a_mapping_or_pairs() -> None:
    assert NotFound(headers={"X-Hint": "try /v2"}).headers() == [("X-Hint", "try /v2")]
    pairs = [("Link", "</a>"), ("Link", "</b>")]
    assert NotFound(headers=pairs).headers() == pairs
    assert NotFound().headers() == []


def test_headers_returns_a_copy() -> None:
    error = AuthenticationError(headers={"WWW-Authenticate": "Bearer"})
    error.headers().append(("X-Leak", "1"))
    assert error.headers() == [("WWW-Authenticate", "Bearer")]


def test_defining_a_subclass_registers_its_code(unique_code: Callable[[], str]) -> None:
    name = unique_code()

    class CardDeclined(APIError):
        """The card was declined by the issuer."""

        code = name
        status = 402
        message = "Your card was declined."

    assert CODES[name].status == 402
    assert CODES[name].message == "Your card was declined."
    error = CardDeclined()
    assert (error.code, error.status, str(error)) == (name, 402, "Your card was declined.")
    assert repr(error) == f"CardDeclined(code={name!r}, status=402)"
    # Once registered, the code can be raised ad hoc with its status and message.
    ad_hoc = APIError(code=name)
    assert (ad_hoc.status, ad_hoc.message) == (402, "Your card was declined.")


def test_a_subclass_with_a_new_code_inherits_status_and_message(
    unique_code: Callable[[], str],
) -> None:
    name = unique_code()

    class WidgetMissing(NotFound):
        """No such widget."""

        code = name

    error = WidgetMissing()
    assert (error.code, error.status) == (name, 404)
    assert error.message == CODES["not_found"].message
    assert CODES[name].status == 404


def test_a_subclass_keeps_a_custom_inherited_message_for_the_same_status(
    unique_code: Callable[[], str],
) -> None:
    class Missing(NotFound):
        """A friendlier not found."""

        message = "Nothing here."

    name = unique_code()

    class WidgetMissing(Missing):
        """No such widget."""

        code = name

    assert WidgetMissing().message == "Nothing here."
    assert CODES[name].message == "Nothing here."


def test_a_subclass_at_a_new_status_gets_that_status_default_message(
    unique_code: Callable[[], str],
) -> None:
    name = unique_code()

    class PaymentRequired(APIError):
        """Payment is required."""

        code = name
        status = 402

    # Not APIError's "on our side" message: 402 is the client's problem.
    assert PaymentRequired().message == CODES["invalid_request"].message
    assert CODES[name].message == CODES["invalid_request"].message


def test_a_subclass_that_only_changes_the_message_registers_nothing() -> None:
    class NameRequired(InvalidRequest):
        """The name field is missing."""

        message = "The `name` field is required."

    error = NameRequired()
    assert (error.code, error.status, error.message) == (
        "invalid_request",
        400,
        "The `name` field is required.",
    )
    assert CODES["invalid_request"].message == "The request is invalid."


def test_a_subclass_cannot_give_a_code_a_second_status() -> None:
    with pytest.raises(CodeConflictError, match="'not_found' is already registered"):

        class Gone(NotFound):
            """Gone for good."""

            status = 410

    assert CODES["not_found"].status == 404


@pytest.mark.parametrize("status", [200, 600, "402"])
def test_a_subclass_with_an_invalid_status_is_refused(
    status: object, unique_code: Callable[[], str]
) -> None:
    name = unique_code()
    with pytest.raises(ValueError, match="status must be an int from 400 to 599"):
        type("Broken", (APIError,), {"code": name, "status": status})
    assert name not in CODES


def test_ad_hoc_code_without_message_gets_the_status_default(
    unique_code: Callable[[], str],
) -> None:
    error = APIError(code=unique_code(), status=402)
    assert error.message == CODES["invalid_request"].message
    assert APIError(code=unique_code(), status=507).message == CODES["internal"].message


def test_a_built_in_code_by_name_or_member() -> None:
    by_name = APIError(code="not_found")
    assert (by_name.code, by_name.status, by_name.message) == (
        "not_found",
        404,
        CODES["not_found"].message,
    )
    by_member = APIError("Already exists.", code=ErrorCode.CONFLICT)
    assert type(by_member.code) is str
    assert (by_member.code, by_member.status, str(by_member)) == (
        "conflict",
        409,
        "Already exists.",
    )
    assert APIError(code="not_found", status=404).status == 404


@pytest.mark.parametrize(
    ("status", "code"),
    [(402, "invalid_request"), (404, "not_found"), (503, "unavailable"), (501, "internal")],
)
def test_status_only_takes_the_code_from_the_status_table(status: int, code: str) -> None:
    error = APIError(status=status)
    assert (error.code, error.status, error.message) == (code, status, CODES[code].message)
    assert APIError("Custom.", status=status).message == "Custom."


@pytest.mark.parametrize("status", [200, 204, 302, 399, 600, True, "404"])
def test_a_non_error_status_is_refused(status: object) -> None:
    with pytest.raises(ValueError, match="APIError: status must be an int from 400 to 599"):
        APIError(status=status)  # type: ignore[arg-type]


def test_rate_limited_sends_retry_after() -> None:
    assert RateLimited().headers() == [("Retry-After", "30")]
    assert RateLimited().retry_after == 30
    error = RateLimited("Slow down.", retry_after=120)
    assert (str(error), error.retry_after) == ("Slow down.", 120)
    assert error.headers() == [("Retry-After", "120")]
    assert RateLimited(retry_after=0).headers() == [("Retry-After", "0")]


def test_rate_limited_without_a_known_wait_has_no_retry_after() -> None:
    error = RateLimited(retry_after=None)
    assert error.headers() == []
    assert error.retry_after is None


def test_rate_limited_keeps_other_headers() -> None:
    error = RateLimited(retry_after=5, headers={"X-RateLimit-Limit": "100"})
    assert error.headers() == [("X-RateLimit-Limit", "100"), ("Retry-After", "5")]


def test_rate_limited_sends_one_retry_after_when_given_as_header() -> None:
    error = RateLimited(headers={"retry-after": "60"})
    assert error.headers() == [("retry-after", "60")]
    assert error.retry_after is None


@pytest.mark.parametrize("retry_after", [-1, 1.5, True, "30", float("inf")])
def test_rate_limited_retry_after_must_be_whole_seconds(retry_after: object) -> None:
    with pytest.raises(ValueError, match="retry_after must be a whole number of seconds >= 0"):
        RateLimited(retry_after=retry_after)  # type: ignore[arg-type]
