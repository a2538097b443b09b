from __future__ import annotations

import asyncio
import logging
import threading
from typing import Iterator

import pytest

from error_core import RequestIdFilter, current_request_id, request_id_scope
from error_core._request_id import is_valid_incoming


def test_with_binds_a_fresh_id_and_unbinds_it() -> None:
    assert current_request_id() is None
    with request_id_scope() as request_id:
        assert current_request_id() == request_id
        assert request_id.startswith("req_")
    assert current_request_id() is None


def test_a_given_id_is_bound() -> None:
    with request_id_scope("nightly-2026.12.02") as request_id:
        assert request_id == current_request_id() == "nightly-2026.12.02"


@pytest.mark.parametrize("bad", ["", "a b", "x" * 129, "line\nbreak", "é"])
def test_a_given_id_breaking_the_incoming_rule_is_refused(bad: str) -> None:
    assert not is_valid_incoming(bad)
    with pytest.raises(ValueError, match="1-128 characters"):
        request_id_scope(bad)


def test_nested_scopes_restore_the_outer_id() -> None:
    with request_id_scope() as outer:
        with request_id_scope() as inner:
            assert current_request_id() == inner != outer
        assert current_request_id() == outer
    assert current_request_id() is None


def test_the_same_scope_entered_twice_restores_each_level() -> None:
    scope = request_id_scope()
    with scope as outer:
        with scope as inner:
            assert inner != outer
        assert current_request_id() == outer
    assert current_request_id() is None


def test_the_id_is_unbound_when_the_block_raises() -> None:
    with pytest.raises(KeyError), request_id_scope():
        raise KeyError("x")
    assert current_request_id() is None


def test_a_decorated_function_gets_a_fresh_id_per_call() -> None:
    @request_id_scope()
    def job() -> str | None:
        return current_request_id()

    first, second = job(), job()
    assert first is not None and second is not None and first != second
    assert current_request_id() is None
    assert job.__name__ == "job"


def test_a_decorated_function_with_a_given_id_uses_it() -> None:
    @request_id_scope("job-1")
    def job() -> str | None:
        return current_request_id()

    assert job() == "job-1"


def test_one_decorated_function_in_many_threads_keeps_each_id_apart() -> None:
    seen: list[tuple[str | None, str | None]] = []
    barrier = threading.Barrier(4)

    @request_id_scope()
    def job() -> None:
        before = current_request_id()
        barrier.wait(timeout=5)
        seen.append((before, current_request_id()))

    threads = [threading.Thread(target=job) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(seen) == 4
    assert all(before == after for before, after in seen)
    assert len({before for before, _ in seen}) == 4


def test_one_scope_object_entered_from_many_threads_restores_each() -> None:
    scope = request_id_scope()
    results: list[bool] = []
    barrier = threading.Barrier(4)

    def work() -> None:
        with scope as request_id:
            barrier.wait(timeout=5)
            inside = current_request_id() == request_id
        results.append(inside and current_request_id() is None)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert results == [True] * 4


def test_a_decorated_coroutine_binds_in_its_own_task() -> None:
    @request_id_scope()
    async def job() -> str | None:
        await asyncio.sleep(0)
        return current_request_id()

    async def main() -> list[str | None]:
        return await asyncio.gather(job(), job())

    first, second = asyncio.run(main())
    assert first is not None and second is not None and first != second
    assert current_request_id() is None


def test_async_with_binds_and_restores() -> None:
    async def main() -> tuple[str | None, str, str | None]:
        async with request_id_scope("task.7") as request_id:
            inside = current_request_id()
        return inside, request_id, current_request_id()

    assert asyncio.run(main()) == ("task.7", "task.7", None)


def test_a_generator_function_cannot_be_decorated() -> None:
    def numbers() -> Iterator[int]:
        yield 1

    with pytest.raises(TypeError, match="generator"):
        request_id_scope()(numbers)


def test_log_records_in_a_scope_carry_its_id(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("tests.scope")
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.INFO, "tests.scope"), request_id_scope("cmd-1"):
        logger.info("inside")
    logger.info("outside")
    assert [(r.getMessage(), r.request_id) for r in caplog.records] == [  # type: ignore[attr-defined]
        ("inside", "cmd-1")
    ]
