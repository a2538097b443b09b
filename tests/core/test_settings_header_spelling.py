"""Reserved header names are refused however a server would spell them."""

from __future__ import annotations

import pytest

from error_core import SettingsError
from error_core._settings import RESERVED_REQUEST_HEADERS, RESERVED_RESPONSE_HEADERS, Settings

RESERVED = [
    *(("ERRORS_REQUEST_ID_HEADER", name) for name in RESERVED_RESPONSE_HEADERS),
    *(("ERRORS_INCOMING_REQUEST_ID_HEADER", name) for name in RESERVED_REQUEST_HEADERS),
]


def spellings(name: str) -> list[str]:
    """What a WSGI server reads into the same ``HTTP_*`` key as ``name``."""
    underscored = name.replace("-", "_")
    return [name, name.upper(), name.lower(), underscored, underscored.upper()]


@pytest.mark.parametrize(("setting", "reserved"), RESERVED)
def test_a_reserved_header_is_refused_with_underscores_and_in_any_case(
    setting: str, reserved: str
) -> None:
    for value in spellings(reserved):
        with pytest.raises(SettingsError) as excinfo:
            Settings.load({setting: value}.get)
        [problem] = excinfo.value.problems
        assert problem.setting == setting, value


def test_proxy_authorization_with_an_underscore_is_refused_as_incoming_id_header() -> None:
    with pytest.raises(SettingsError, match="ERRORS_INCOMING_REQUEST_ID_HEADER"):
        Settings.load({"ERRORS_INCOMING_REQUEST_ID_HEADER": "Proxy_Authorization"}.get)


@pytest.mark.parametrize("value", ["X_Request_Id", "x_correlation_id", "Request_Id"])
def test_underscores_in_other_names_are_still_allowed(value: str) -> None:
    settings = Settings.load(
        {"ERRORS_INCOMING_REQUEST_ID_HEADER": value, "ERRORS_REQUEST_ID_HEADER": value}.get
    )
    assert settings.incoming_request_id_header == value
