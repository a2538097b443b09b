from __future__ import annotations

import asyncio

import pytest

from error_core._propagation import must_propagate


class CustomBase(BaseException):
    pass


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), SystemExit(0), GeneratorExit()])
def test_interpreter_and_generator_exits_propagate(exc: BaseException) -> None:
    assert must_propagate(exc)


def test_custom_base_exception_is_answered() -> None:
    assert not must_propagate(CustomBase())


def test_cancelled_error_outside_a_loop_is_answered() -> None:
    assert not must_propagate(asyncio.CancelledError())


def test_cancelled_error_of_an_awaited_task_is_answered() -> None:
    async def view() -> bool:
        inner = asyncio.create_task(asyncio.sleep(10))
        await asyncio.sleep(0)
        inner.cancel()
        try:
            await inner
        except asyncio.CancelledError as exc:
            return must_propagate(exc)
        raise AssertionError("not cancelled")

    assert asyncio.run(view()) is False


def test_cancelled_error_of_the_request_task_propagates() -> None:
    seen: list[bool] = []

    async def request() -> None:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as exc:
            seen.append(must_propagate(exc))
            raise

    async def server() -> None:
        task = asyncio.create_task(request())
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(server())
    assert seen == [True]


def test_cancelled_error_in_a_loop_callback_outside_any_task_is_answered() -> None:
    seen: list[bool] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()
        done = loop.create_future()

        def callback() -> None:
            seen.append(must_propagate(asyncio.CancelledError()))
            done.set_result(None)

        loop.call_soon(callback)
        await done

    asyncio.run(main())
    assert seen == [False]
