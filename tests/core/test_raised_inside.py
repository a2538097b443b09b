"""Whether an exception was raised inside a given function."""

from __future__ import annotations

from error_core._raised_inside import raised_inside


def _parse() -> None:
    raise RecursionError


def _other() -> None:
    raise RecursionError


def _caught(function: object) -> RecursionError:
    try:
        function()  # type: ignore[operator]
    except RecursionError as exc:
        return exc
    raise AssertionError("not raised")  # pragma: no cover


def test_an_exception_raised_inside_the_function_is_found() -> None:
    assert raised_inside(_caught(_parse), _parse)


def test_an_exception_raised_elsewhere_is_not() -> None:
    assert not raised_inside(_caught(_other), _parse)


def test_no_function_finds_nothing() -> None:
    assert not raised_inside(_caught(_parse), None)


def test_an_exception_raised_inside_a_loaded_modules_function_is_found() -> None:
    from error_core._raised_inside import raised_inside_loaded

    assert raised_inside_loaded(_caught(_parse), __name__, "_parse")
    assert not raised_inside_loaded(_caught(_other), __name__, "_parse")


def test_a_module_not_loaded_raised_nothing() -> None:
    from error_core._raised_inside import raised_inside_loaded

    assert not raised_inside_loaded(_caught(_parse), "no_such_module_loaded", "Parser.load_json")
