"""``python -m benchmarks``: time every (contender, scenario) pair and print the report.

Each pair runs in its own worker process (``benchmarks.worker``). The workers
of one scenario are started together; then, round after round, each is asked
for one timed run, the order of the contenders rotating every round, so that
whatever else the machine does hits all of them alike. A round's value is
the best of ``--repeat`` batches (noise only ever adds time); the report shows
the median over rounds, the min-max, and ratios taken within each round.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from . import report
from .contenders import FRAMEWORKS, MEMORY, for_framework
from .request_ids import ID_CONTENDERS
from .results import QUICK, Config, Pair
from .scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
# Python's development mode (tox's [testenv] sets it for the tests), debug
# allocators and tracing would time the interpreter's checks, not the code.
_UNWANTED_ENV = ("PYTHONDEVMODE", "PYTHONMALLOC", "PYTHONTRACEMALLOC", "PYTHONASYNCIODEBUG")


def _worker_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _UNWANTED_ENV}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


class Worker:
    """A running ``benchmarks.worker`` process and its line protocol."""

    def __init__(self, pair: Pair, config: Config) -> None:
        self.pair = pair
        self.stderr: IO[str] = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed in close()
        command = [
            *(sys.executable, "-m", "benchmarks.worker"),
            *(pair.kind, pair.contender, pair.scenario),
            *("--warmup-ms", str(config.warmup_ms), "--batch-ms", str(config.batch_ms)),
            *("--repeat", str(config.repeat), "--clock", config.clock),
        ]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            cwd=ROOT,
            env=_worker_env(),
        )

    def ask(self, command: str | None = None) -> dict[str, Any] | None:
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            if command is not None:
                self.process.stdin.write(command + "\n")
                self.process.stdin.flush()
            line = self.process.stdout.readline()
        except OSError:
            line = ""
        if not line:
            self.fail("the worker died")
            return None
        message: dict[str, Any] = json.loads(line)
        return message

    def fail(self, why: str) -> None:
        self.stderr.seek(0)
        tail = self.stderr.read()[-2000:]
        self.pair.state = "failed"
        self.pair.detail = f"{why}\n{tail}".strip()

    def close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stderr.close()


def run_group(pairs: list[Pair], config: Config) -> None:
    """Time the pairs of one scenario together, interleaved over the rounds."""
    workers = [Worker(pair, config) for pair in pairs if pair.state == "pending"]
    live = []
    for worker in workers:
        message = worker.ask()
        if message is None:
            continue
        worker.pair.state = message["state"]
        if message["state"] == "ready":
            worker.pair.number = message["number"]
            live.append(worker)
        else:
            worker.pair.detail = "; ".join(
                message.get("problems") or message.get("missing") or [message.get("error", "")]
            )
    for round_number in range(config.rounds):
        shift = round_number % len(live) if live else 0
        for worker in live[shift:] + live[:shift]:
            if worker.pair.state != "ready":
                continue
            message = worker.ask("run")
            if message is not None:
                worker.pair.rounds.append(min(message["us"]))
    for worker in live:
        if worker.pair.state == "ready":
            message = worker.ask("quit")
            if message is not None:
                problems = message.get("problems") or []
                worker.pair.state = "invalid" if problems else "done"
                worker.pair.detail = "; ".join(problems)
    for worker in workers:
        worker.close()


def run_memory(kind: str, contender: str, requests: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.memory", kind, contender]
    completed = subprocess.run(
        [*command, "--requests", str(requests)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_worker_env(),
        check=False,
    )
    lines = completed.stdout.strip().splitlines()
    if not lines:
        return {"state": "failed", "error": completed.stderr[-2000:]}
    result: dict[str, Any] = json.loads(lines[-1])
    result.update(kind=kind, contender=contender)
    return result


def _parse(argv: list[str] | None) -> tuple[argparse.Namespace, Config]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller batches")
    parser.add_argument("--rounds", type=int, help="rounds per pair (default 9, quick 3)")
    parser.add_argument("--repeat", type=int, help="batches per round, best kept (3; quick 2)")
    parser.add_argument("--batch-ms", type=float, help="target length of a batch (30; quick 15)")
    parser.add_argument("--warmup-ms", type=float, help="warm-up per worker (200; quick 100)")
    parser.add_argument(
        "--memory-requests", type=int, help="error requests of the memory check (100000)"
    )
    parser.add_argument(
        "--clock",
        choices=["cpu", "wall"],
        help="cpu: the worker's CPU time (default; robust on a shared machine); wall: elapsed",
    )
    parser.add_argument("--frameworks", default=",".join(FRAMEWORKS), help="flask,django")
    parser.add_argument("--scenarios", default=",".join(s.name for s in SCENARIOS))
    parser.add_argument("--contenders", help="only these contender names (e.g. bare,ours)")
    parser.add_argument("--no-ids", action="store_true", help="skip the request-id benchmark")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory check")
    parser.add_argument("--markdown", type=Path, help="also write the report as Markdown here")
    parser.add_argument("--json", type=Path, help="also write the raw results as JSON here")
    parser.add_argument(
        "--fail-on-missed", action="store_true", help="exit 2 when a target is missed"
    )
    args = parser.parse_args(argv)
    config = QUICK if args.quick else Config()
    for name in ("rounds", "repeat", "batch_ms", "warmup_ms", "memory_requests", "clock"):
        if getattr(args, name) is not None:
            config = Config(**{**asdict(config), name: getattr(args, name)})
    return args, config


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args, config = _parse(argv)
    started = time.monotonic()
    load_before = os.getloadavg()
    wanted = set(args.contenders.split(",")) if args.contenders else None
    scenarios = args.scenarios.split(",")
    pairs: list[Pair] = []
    for framework in args.frameworks.split(","):
        contenders = [c for c in for_framework(framework) if not wanted or c.name in wanted]
        for scenario in scenarios:
            group = []
            for contender in contenders:
                pair = Pair(framework, contender.name, scenario)
                missing = contender.missing()
                if missing:
                    pair.state, pair.detail = "unavailable", ", ".join(missing)
                group.append(pair)
            _progress(f"{framework} {scenario}: {len(group)} contenders, {config.rounds} rounds")
            run_group(group, config)
            pairs += group
    if not args.no_ids:
        group = [Pair("ids", c.name, "new_id") for c in ID_CONTENDERS]
        _progress(f"request ids: {len(group)} contenders, {config.rounds} rounds")
        run_group(group, config)
        pairs += group
    memory = []
    if not args.no_memory:
        frameworks = args.frameworks.split(",")
        for key in MEMORY:
            framework, name = key.split(":")
            if framework in frameworks and (not wanted or name in wanted):
                _progress(f"memory: {framework} {name}, {config.memory_requests} requests")
                memory.append(run_memory(framework, name, config.memory_requests))
    meta = report.describe_run(config, argv, load_before, time.monotonic() - started)
    result = report.Report(meta, pairs, memory)
    print(result.text())
    if args.markdown:
        args.markdown.write_text(result.markdown(), encoding="utf-8")
        _progress(f"wrote {args.markdown}")
    if args.json:
        raw = {"meta": meta, "pairs": [asdict(p) for p in pairs], "memory": memory}
        args.json.write_text(json.dumps(raw, indent=2), encoding="utf-8")
        _progress(f"wrote {args.json}")
    if any(p.state in ("invalid", "failed") for p in pairs) or any(
        m["state"] in ("invalid", "failed") for m in memory
    ):
        return 1
    return 2 if args.fail_on_missed and result.missed() else 0
