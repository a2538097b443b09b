"""Development mode: which unexpected exceptions go to the framework's debugger."""

from __future__ import annotations

import pytest

from error_core._debug_propagation import unexpected_propagates


@pytest.mark.parametrize(
    ("debug", "handle_unexpected_in_debug", "always", "propagates"),
    [
        # Production: the envelope.
        (False, False, False, False),
        (False, True, False, False),
        # Development habit (Flask PROPAGATE_EXCEPTIONS, Django DEBUG): the debugger...
        (True, False, False, True),
        # ...unless ERRORS_HANDLE_UNEXPECTED_IN_DEBUG asks for the envelope there too.
        (True, True, False, False),
        # Django's DEBUG_PROPAGATE_EXCEPTIONS lets everything through, whatever the mode.
        (False, False, True, True),
        (False, True, True, True),
        (True, True, True, True),
    ],
)
def test_an_unexpected_exception_propagates_only_in_development_or_when_forced(
    debug: bool, handle_unexpected_in_debug: bool, always: bool, propagates: bool
) -> None:
    decided = unexpected_propagates(
        debug=debug, handle_unexpected_in_debug=handle_unexpected_in_debug, always=always
    )
    assert decided is propagates


def test_always_is_off_unless_given() -> None:
    assert unexpected_propagates(debug=False, handle_unexpected_in_debug=False) is False
