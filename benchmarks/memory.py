"""Resident memory growth of one contender over many error requests.

``python -m benchmarks.memory KIND CONTENDER --requests N`` warms the app up,
then sends N requests cycling through the error scenarios and prints one JSON
line: resident size before, half-way and after (each after ``gc.collect()``),
and how many objects per request only the cycle collector frees.

Such objects (reference cycles) wait for a collection of the generation they
reached; the oldest is collected only once its pending objects exceed a
quarter of the long-lived ones, so a large app holds many requests' worth of
them at a time. The resident size then climbs to a plateau (allocator
high-water) and stays there: growth in the first half only, not a leak.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import traceback
from typing import Any, Callable


def rss() -> int:
    """This process's resident set size in bytes."""
    try:
        import psutil
    except ImportError:  # Linux without psutil
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return int(psutil.Process().memory_info().rss)


def measure(kind: str, name: str, requests: int) -> dict[str, Any]:
    from . import apps
    from .contenders import BY_KEY
    from .scenarios import BY_NAME, ERROR_SCENARIOS

    contender = BY_KEY[f"{kind}:{name}"]
    missing = contender.missing()
    if missing:
        return {"state": "unavailable", "missing": missing}
    app = apps.build(contender)
    problems = []
    for scenario_name in ERROR_SCENARIOS:
        scenario = BY_NAME[scenario_name]
        answers = [apps.call_once(app, scenario.path) for _ in range(2)]
        problems += [f"{scenario_name}: {p}" for p in apps.check(contender, scenario, answers)]
    if problems:
        return {"state": "invalid", "problems": problems}
    calls = [apps.caller(app, BY_NAME[s].path) for s in ERROR_SCENARIOS]
    count = len(calls)
    for i in range(max(5_000, requests // 10)):  # caches, interned strings, pools
        calls[i % count]()
    gc.collect()
    before = rss()
    half = requests // 2
    for i in range(half):
        calls[i % count]()
    gc.collect()
    middle = rss()
    for i in range(half, requests):
        calls[i % count]()
    gc.collect()
    after = rss()
    cyclic = cyclic_garbage(calls, 100 * count)
    return {
        "state": "done",
        "requests": requests,
        "scenarios": list(ERROR_SCENARIOS),
        "before": before,
        "middle": middle,
        "after": after,
        "growth": after - before,
        "cyclic_per_request": cyclic,
    }


def cyclic_garbage(calls: list[Callable[[], None]], requests: int) -> float:
    """Objects per request that only the cycle collector frees (reference cycles)."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)  # keep what the collector would free, to count it
    try:
        for i in range(requests):
            calls[i % len(calls)]()
        gc.collect()
        found = len(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    return found / requests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory")
    parser.add_argument("kind", choices=["flask", "django"])
    parser.add_argument("contender")
    parser.add_argument("--requests", type=int, default=100_000)
    args = parser.parse_args(argv)
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        result = measure(args.kind, args.contender, args.requests)
    except Exception:  # noqa: BLE001 - reported to the runner
        result = {"state": "failed", "error": traceback.format_exc()}
    out.write(json.dumps(result) + "\n")
    out.flush()
    return 0 if result["state"] in ("done", "unavailable") else 1


if __name__ == "__main__":
    sys.exit(main())
