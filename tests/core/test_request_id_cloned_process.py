"""A copy of the process made without Python's at-fork hooks never repeats its ids."""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import time

import pytest

from error_core import new_request_id

IDS = 16


def _random_parts(ids: list[str]) -> set[str]:
    return {request_id[-16:] for request_id in ids}


def _libc_fork() -> int:
    """``fork()`` called straight from libc: Python's at-fork hooks do not run.

    A VM snapshot restored twice, or an extension forking the process, copies
    it the same way. PyDLL keeps the GIL held through the call, so no other
    thread can hold it when the child starts.
    """
    libc = ctypes.PyDLL(None)
    libc.fork.restype = ctypes.c_int
    return int(libc.fork())


@pytest.mark.skipif(sys.platform != "linux", reason="libc fork() probe: Linux only")
def test_a_process_copied_without_at_fork_hooks_never_repeats_the_parents_ids() -> None:
    new_request_id()  # whatever the generator keeps ahead, the parent holds it now
    read_end, write_end = os.pipe()
    pid = _libc_fork()
    if pid == 0:  # the copy: never return into pytest
        status = 1
        try:
            os.close(read_end)
            line = " ".join(new_request_id() for _ in range(IDS))
            os.write(write_end, line.encode("ascii"))
            status = 0
        finally:
            os._exit(status)
    assert pid > 0
    os.close(write_end)
    parent_ids = [new_request_id() for _ in range(IDS)]
    try:
        deadline = time.monotonic() + 10
        chunks = []
        while time.monotonic() < deadline:
            ready, _, _ = select.select([read_end], [], [], 0.5)
            if ready:
                chunk = os.read(read_end, 4096)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_end)
        for _ in range(50):
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                break
            time.sleep(0.1)
        else:  # a copy that hangs is killed: the test fails on its missing ids
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    child_ids = b"".join(chunks).decode("ascii").split()
    assert len(child_ids) == IDS
    assert not _random_parts(child_ids) & _random_parts(parent_ids)
    assert len(_random_parts(child_ids)) == IDS
