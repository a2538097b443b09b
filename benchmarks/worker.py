"""One timed (contender, scenario) pair in its own process, driven by the runner.

``python -m benchmarks.worker KIND CONTENDER SCENARIO`` builds the application
(or the id function), checks its answers, calibrates a batch size and then
answers the runner's commands on stdin, one JSON line each on stdout:

    (start)  -> {"state": "ready", "number": N}  or "invalid" / "unavailable" / "failed"
    run      -> {"us": [per-request µs of each batch]}
    quit     -> {"state": "done", "problems": [...]}   (the answers re-checked)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
import timeit
import traceback
from typing import Any, Callable, TextIO

UNROLL = 10  # id calls per loop iteration, so the loop itself costs next to nothing


def _emit(out: TextIO, message: dict[str, Any]) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


Batch = Callable[[int], float]  # run n iterations, return the seconds they took
Setup = tuple[Batch, Callable[[], list[str]], Any]


def _calibrate(batch: Batch, warmup_s: float, batch_s: float) -> int:
    """Warm up for ``warmup_s``; return the number of iterations that takes ``batch_s``."""
    done, elapsed, step = 0, 0.0, 1
    while elapsed < warmup_s or done < 20:
        elapsed += batch(step)
        done += step
        step = min(step * 2, 1000)
    return max(20, int(batch_s / (elapsed / done)))


# The process's CPU time by default: the requests are single-threaded CPU work,
# and on a shared machine wall time also counts what the scheduler gave others.
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def _loop(call: Callable[[], None], clock: Callable[[], float]) -> Batch:
    def batch(number: int) -> float:
        start = clock()
        for _ in range(number):
            call()
        return clock() - start

    return batch


def _wsgi(args: argparse.Namespace) -> Setup:
    from . import apps
    from .contenders import BY_KEY
    from .scenarios import BY_NAME

    contender = BY_KEY[f"{args.kind}:{args.contender}"]
    missing = contender.missing()
    if missing:
        return (
            _loop(_noop, time.perf_counter),
            lambda: [],
            {"state": "unavailable", "missing": missing},
        )
    scenario = BY_NAME[args.scenario]
    app = apps.build(contender)

    def validate() -> list[str]:
        answers = [apps.call_once(app, scenario.path) for _ in range(2)]
        return apps.check(contender, scenario, answers)

    return _loop(apps.caller(app, scenario.path), CLOCKS[args.clock]), validate, None


def _ids(args: argparse.Namespace) -> Setup:
    from . import request_ids

    contender = request_ids.ID_BY_NAME[args.contender]
    missing = [m for m in contender.requires if not _importable(m)]
    if missing:
        return (
            _loop(_noop, time.perf_counter),
            lambda: [],
            {"state": "unavailable", "missing": missing},
        )
    make = request_ids.function(args.contender)
    # timeit's own loop, UNROLL calls per iteration: the loop costs next to nothing.
    statement = ";".join(["f()"] * UNROLL)
    timer = timeit.Timer(statement, timer=CLOCKS[args.clock], globals={"f": make})
    return timer.timeit, lambda: request_ids.check(args.contender, make), None


def _importable(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


def _noop() -> None:
    pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    parser.add_argument("kind", choices=["flask", "django", "ids"])
    parser.add_argument("contender")
    parser.add_argument("scenario")
    parser.add_argument("--warmup-ms", type=float, default=200)
    parser.add_argument("--batch-ms", type=float, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu")
    args = parser.parse_args(argv)

    # The protocol owns the real stdout; anything an app prints goes to stderr.
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        batch, validate, early = (_ids if args.kind == "ids" else _wsgi)(args)
        if early is not None:
            _emit(out, early)
            return 0
        problems = validate()
        if problems:
            _emit(out, {"state": "invalid", "problems": problems})
            return 0
        scale = UNROLL if args.kind == "ids" else 1  # an ids "call" is UNROLL ids
        number = _calibrate(batch, args.warmup_ms / 1000, args.batch_ms / 1000)
    except Exception:  # noqa: BLE001 - reported to the runner, which carries on
        _emit(out, {"state": "failed", "error": traceback.format_exc()})
        return 1
    _emit(out, {"state": "ready", "number": number * scale})

    for line in sys.stdin:
        command = line.strip()
        if command == "run":
            batch(max(1, number // 5))  # warm again after idling
            gc.collect()
            times = [batch(number) / (number * scale) * 1e6 for _ in range(args.repeat)]
            _emit(out, {"us": times})
        elif command == "quit":
            _emit(out, {"state": "done", "problems": validate()})
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
