"""An APIError's own headers reach the server alike on every adapter (the core's rules)."""

from __future__ import annotations

import pytest

pytest.importorskip("flask")
pytest.importorskip("django")


from error_core._header_rules import FRAMING_HEADERS, NOT_FOR_ERRORS

from .hostile_apps import HEADER_CASES, SENDERS, Response

ENVELOPE = ("content-type", "cache-control", "content-length")


def _answers(case: str) -> dict[str, Response]:
    return {adapter: send(f"/headers/{case}") for adapter, send in SENDERS.items()}


def _compared(case: str, response: Response) -> list[tuple[str, str]]:
    """The envelope's headers and those named in the case, as sent (names as spelled)."""
    names = {name.lower() for name, _ in HEADER_CASES[case]} | set(ENVELOPE)
    return [(name, value) for name, value in response[1] if name.lower() in names]


def _named(response: Response, name: str) -> list[str]:
    return [value for header, value in response[1] if header.lower() == name]


@pytest.mark.parametrize("case", HEADER_CASES)
def test_every_adapter_sends_an_errors_headers_alike(case: str) -> None:
    answers = _answers(case)
    first, *others = ((adapter, _compared(case, answer)) for adapter, answer in answers.items())
    for adapter, headers in others:
        assert sorted(headers) == sorted(first[1]), f"{adapter} differs from {first[0]}"
    for adapter, (status, _, body) in answers.items():
        assert status == 401, adapter
        assert body.startswith(b'{"code":"authentication"'), adapter


@pytest.mark.parametrize("case", ["framing", "framing-any-case"])
def test_framing_hop_by_hop_and_location_headers_of_an_error_never_reach_the_server(
    case: str,
) -> None:
    for adapter, response in _answers(case).items():
        sent = {name.lower() for name, _ in response[1]}
        assert not sent & (FRAMING_HEADERS | NOT_FOR_ERRORS), adapter
        assert _named(response, "content-length") == [str(len(response[2]))], adapter
    if case == "framing":
        assert all(_named(r, "x-kept") == ["yes"] for r in _answers(case).values())


def test_duplicate_header_names_are_joined_into_one_header_under_the_first_spelling() -> None:
    for adapter, response in _answers("duplicates").items():
        assert _named(response, "www-authenticate") == ['Bearer realm="api", Basic realm="api"']
        assert [(n, v) for n, v in response[1] if n.lower() == "x-a"] == [("x-a", "1, 2, 3")], (
            adapter
        )


def test_single_value_headers_given_twice_keep_the_last_value() -> None:
    for adapter, response in _answers("singletons").items():
        assert _named(response, "retry-after") == ["20"], adapter
        assert _named(response, "set-cookie") == ["b=2; Path=/"], adapter
        assert _named(response, "etag") == ['"second"'], adapter
