from __future__ import annotations

import asyncio
import contextvars
import os
import re
import threading
import time

import pytest

from error_core import current_request_id, new_request_id
from error_core._request_id import bind, choose_request_id, is_valid_incoming, unbind

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REQUEST_ID = re.compile(r"req_[0-7][0-9A-HJKMNP-TV-Z]{25}")


def ulid_int(request_id: str) -> int:
    value = 0
    for char in request_id.removeprefix("req_"):
        value = value * 32 + CROCKFORD.index(char)
    return value


def test_new_request_id_is_req_and_a_crockford_ulid() -> None:
    request_id = new_request_id()
    assert REQUEST_ID.fullmatch(request_id), request_id
    assert len(request_id) == 30
    assert ulid_int(request_id) < 2**128


def test_the_ulid_time_is_now_in_milliseconds() -> None:
    before = time.time_ns() // 1_000_000
    request_id = new_request_id()
    after = time.time_ns() // 1_000_000
    assert before <= ulid_int(request_id) >> 80 <= after


def test_the_random_part_of_every_id_differs() -> None:
    ids = [new_request_id() for _ in range(5000)]
    assert len(set(ids)) == len(ids)
    assert len({ulid_int(i) & (2**80 - 1) for i in ids}) == len(ids)


def test_ids_are_unique_across_threads() -> None:
    barrier = threading.Barrier(8)
    results: list[list[str]] = []

    def make() -> None:
        barrier.wait()
        results.append([new_request_id() for _ in range(2000)])

    threads = [threading.Thread(target=make) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [request_id for batch in results for request_id in batch]
    assert len(ids) == 16000
    assert len(set(ids)) == len(ids)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is not available here")
# Python 3.12+ warns about fork in a process with threads; the children only
# draw ids and write to a pipe, then leave with os._exit.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_ids_are_unique_across_forked_children() -> None:
    children, per_child = 32, 16
    new_request_id()  # whatever the generator keeps, the parent has it when it forks
    read_end, write_end = os.pipe()
    pids = []
    for _ in range(children):
        pid = os.fork()
        if pid == 0:  # child: never return into pytest
            status = 1
            try:
                os.close(read_end)
                line = " ".join(new_request_id() for _ in range(per_child)) + "\n"
                os.write(write_end, line.encode("ascii"))
                status = 0
            finally:
                os._exit(status)
        pids.append(pid)
    os.close(write_end)
    parent_ids = [new_request_id() for _ in range(per_child)]
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read().decode("ascii")
    exit_codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
    assert exit_codes == [0] * children
    child_ids = output.split()
    assert len(child_ids) == children * per_child
    ids = child_ids + parent_ids
    assert all(REQUEST_ID.fullmatch(request_id) for request_id in ids)
    assert len(set(ids)) == len(ids)


def test_no_current_request_id_outside_a_request() -> None:
    assert current_request_id() is None


def test_bind_and_unbind() -> None:
    outer = bind("req_outer")
    try:
        assert current_request_id() == "req_outer"
        inner = bind("req_inner")
        assert current_request_id() == "req_inner"
        unbind(inner)
        assert current_request_id() == "req_outer"
    finally:
        unbind(outer)
    assert current_request_id() is None


def test_unbind_from_another_context_clears_the_id_there() -> None:
    token = bind("req_a")
    try:
        other = contextvars.copy_context()
        assert other.run(current_request_id) == "req_a"
        other.run(unbind, token)  # must not raise "created in a different Context"
        assert other.run(current_request_id) is None
        assert current_request_id() == "req_a"
    finally:
        unbind(token)
    assert current_request_id() is None


def test_concurrent_threads_see_their_own_ids() -> None:
    barrier = threading.Barrier(4)
    seen: dict[str, str | None] = {}

    def handle(request_id: str) -> None:
        token = bind(request_id)
        try:
            barrier.wait()  # every thread has bound its id before any reads
            seen[request_id] = current_request_id()
        finally:
            unbind(token)

    threads = [threading.Thread(target=handle, args=(f"req_{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {f"req_{n}": f"req_{n}" for n in range(4)}
    assert current_request_id() is None


def test_concurrent_tasks_see_their_own_ids() -> None:
    async def handle(request_id: str, both_bound: asyncio.Event, count: list[int]) -> str | None:
        token = bind(request_id)
        try:
            count.append(1)
            if len(count) == 2:
                both_bound.set()
            await both_bound.wait()
            return current_request_id()
        finally:
            unbind(token)

    async def main() -> list[str | None]:
        both_bound, count = asyncio.Event(), list[int]()
        return list(
            await asyncio.gather(
                handle("req_first", both_bound, count), handle("req_second", both_bound, count)
            )
        )

    assert asyncio.run(main()) == ["req_first", "req_second"]
    assert current_request_id() is None


@pytest.mark.parametrize(
    "value",
    [
        "a",
        "7",
        "A" * 128,
        "abc-DEF_123.4:5",
        "req_01H8Z9XJ7M3K4P5Q6R7S8T9V0W",
        "4bf92f35-77b3-4da6-a3ce-929d0e0e4736",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    ],
)
def test_valid_incoming_ids(value: str) -> None:
    assert is_valid_incoming(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "a" * 129,
        "abc\r\nX-Injected: 1",
        "abc\n",
        "abc\r",
        "abc\x00",
        "a b",
        " abc",
        "abc\t",
        "ünïcode",
        "٣٣٣",  # Arabic-Indic digits: \d would accept them
        "\uff41\uff42\uff43",  # fullwidth "abc"
        "abc,def",
        "a/b",
        "a;b",
        "a=b",
        '"abc"',
        None,
        123,
        b"abc",
        ["abc"],
    ],
)
def test_hostile_incoming_ids_are_refused(value: object) -> None:
    assert not is_valid_incoming(value)


def test_incoming_id_is_ignored_unless_trusted() -> None:
    request_id = choose_request_id("abc-123", trust_incoming=False)
    assert REQUEST_ID.fullmatch(request_id)


def test_trusted_valid_incoming_id_is_used() -> None:
    assert choose_request_id("abc-123", trust_incoming=True) == "abc-123"


@pytest.mark.parametrize("incoming", [None, "", "a" * 129, "abc\r\nX-Evil: 1", "a,b"])
def test_trusted_invalid_incoming_id_is_replaced(incoming: str | None) -> None:
    request_id = choose_request_id(incoming, trust_incoming=True)
    assert REQUEST_ID.fullmatch(request_id)


def test_the_time_digits_follow_the_clock_across_milliseconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = iter([1_700_000_000_000_000_000, 1_700_000_000_000_500_000, 1_700_000_000_001_000_000])
    monkeypatch.setattr(time, "time_ns", lambda: next(clock))

    first, same_millisecond, next_millisecond = (new_request_id() for _ in range(3))

    assert ulid_int(first) >> 80 == ulid_int(same_millisecond) >> 80 == 1_700_000_000_000
    assert ulid_int(next_millisecond) >> 80 == 1_700_000_000_001
    assert first[14:] != same_millisecond[14:]


def test_every_random_digit_is_used_evenly() -> None:
    counts = dict.fromkeys(CROCKFORD, 0)
    for _ in range(2_000):
        for digit in new_request_id()[14:]:
            counts[digit] += 1
    # 32,000 digits, 1,000 expected each: a digit the encoding cannot make stays at 0,
    # a biased one drifts far beyond these loose bounds.
    assert all(700 < count < 1_300 for count in counts.values()), counts
