"""Where a contender's time goes: ``python -m benchmarks.profiling flask ours raise_404``.

Runs the same in-process requests as the timed benchmark under cProfile (or
pyinstrument with ``--pyinstrument``) and prints the hottest functions, then
the functions of error-core's own packages with their cost per request
(cProfile's own overhead inflates every number alike: compare, don't add up).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from typing import Any

OUR_PACKAGES = ("/error_core/", "/flask_errors/", "/django_errors/")


def _our_rows(stats: pstats.Stats, requests: int) -> list[tuple[float, float, int, str]]:
    rows = []
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in raw.items():
        if any(part in filename for part in OUR_PACKAGES):
            where = filename.rsplit("/", 2)
            label = f"{where[-2]}/{where[-1]}:{line}({name})"
            rows.append((cumtime / requests * 1e6, tottime / requests * 1e6, calls, label))
    return sorted(rows, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profiling")
    parser.add_argument("kind", choices=["flask", "django"])
    parser.add_argument("contender")
    parser.add_argument("scenario")
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumtime)")
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--pyinstrument", action="store_true")
    args = parser.parse_args(argv)

    from . import apps
    from .contenders import BY_KEY
    from .scenarios import BY_NAME

    contender = BY_KEY[f"{args.kind}:{args.contender}"]
    scenario = BY_NAME[args.scenario]
    app = apps.build(contender)
    problems = apps.check(contender, scenario, [apps.call_once(app, scenario.path)])
    if problems:
        print(f"invalid answers: {problems}", file=sys.stderr)
        return 1
    call = apps.caller(app, scenario.path)
    for _ in range(2_000):
        call()

    def loop() -> None:
        for _ in range(args.requests):
            call()

    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0001)
        profiler.start()
        loop()
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return 0
    profile = cProfile.Profile()
    profile.runcall(loop)
    stats = pstats.Stats(profile)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.limit)
    stats = pstats.Stats(profile)  # strip_dirs() lost the paths; read them again
    print(f"error-core's functions, per request over {args.requests} requests:")
    print(f"{'cum µs':>8} {'own µs':>8} {'calls':>8}  function")
    for cum, own, calls, label in _our_rows(stats, args.requests)[: args.limit]:
        print(f"{cum:8.2f} {own:8.2f} {calls:8d}  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
