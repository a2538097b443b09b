"""The report: timing tables, the targets marked met or missed, ids and memory.

Every ratio is taken within a round (both sides measured minutes apart at
most, under the same load) and the median of those per-round ratios is shown.
"""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import subprocess
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING, Any, Sequence

from .contenders import BASELINE, BY_KEY, FRAMEWORKS, Contender, for_framework, targets
from .request_ids import ID_BY_NAME, ID_CONTENDERS
from .scenarios import SCENARIOS

if TYPE_CHECKING:
    from .results import Config, Pair

MEMORY_LIMIT = 1_000_000  # bytes: "no growth beyond 1 MB"
ID_FLOOR_LIMIT = 2.0  # ours <= 2x os.urandom(16).hex()
ID_ULID_FACTOR = 3.0  # ours >= 3x faster than python-ulid
_PACKAGES = (
    "Flask",
    "Werkzeug",
    "APIFlask",
    "Django",
    "djangorestframework",
    "drf-standardized-errors",
    "django-ninja",
    "pydantic",
    "python-ulid",
)
_LABELS = {"flask": "Flask", "django": "Django", "ids": "request ids"}


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        )
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def describe_run(
    config: Config, argv: list[str] | None, load_before: tuple[float, ...], elapsed: float
) -> dict[str, Any]:
    """Where and how the numbers were made."""
    import sys

    import error_core

    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{_cpu_model()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "versions": {"error-core": f"{error_core.__version__} (HEAD {_commit()})"}
        | {package: _version(package) for package in _PACKAGES},
        "config": {
            "rounds": config.rounds,
            "repeat": config.repeat,
            "batch_ms": config.batch_ms,
            "warmup_ms": config.warmup_ms,
            "memory_requests": config.memory_requests,
            "clock": config.clock,
        },
        "command": "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]),
        "load": [round(x, 2) for x in (*load_before, *os.getloadavg())],
        "elapsed_s": round(elapsed, 1),
    }


@dataclass
class Spread:
    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread | None:
        if not values:
            return None
        return cls(statistics.median(values), min(values), max(values))


def _per_round(top: Sequence[float], bottoms: Sequence[Sequence[float]]) -> list[float]:
    """``top[r] / min(b[r] for b in bottoms)`` for every round all of them have."""
    rounds = min([len(top), *(len(b) for b in bottoms)])
    return [top[r] / min(b[r] for b in bottoms) for r in range(rounds)]


def _us(value: float) -> str:
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _state(pair: Pair | None) -> str:
    if pair is None:
        return "not run"
    if pair.state == "unavailable":
        return f"not available ({pair.detail})"
    if pair.state in ("invalid", "failed"):
        first = pair.detail.strip().splitlines()[-1] if pair.detail.strip() else ""
        return f"{pair.state.upper()}: {first[:160]}"
    return pair.state


@dataclass
class Verdict:
    """One target: what was compared, the ratio, the limit and the outcome."""

    what: str
    ratio: Spread | None
    limit: str
    result: str  # met, MISSED or n/a (...)


class Report:
    def __init__(self, meta: dict[str, Any], pairs: list[Pair], memory: list[dict[str, Any]]):
        self.meta = meta
        self.pairs = {(p.kind, p.contender, p.scenario): p for p in pairs}
        self.memory = memory
        self.verdicts = self._verdicts()

    def _done(self, kind: str, name: str, scenario: str) -> Pair | None:
        pair = self.pairs.get((kind, name, scenario))
        return pair if pair is not None and pair.state == "done" and pair.rounds else None

    # -- tables -----------------------------------------------------------

    def timing_rows(self, framework: str) -> list[list[str]]:
        rows = []
        for scenario in SCENARIOS:
            base = self._done(framework, BASELINE[framework], scenario.name)
            shown = [
                c
                for c in for_framework(framework)
                if (framework, c.name, scenario.name) in self.pairs
            ]
            for index, contender in enumerate(shown):
                pair = self.pairs[(framework, contender.name, scenario.name)]
                row = self._timing_row(pair, base)
                rows.append([scenario.name if index == 0 else "", contender.label, *row])
        return rows

    def _timing_row(self, pair: Pair, base: Pair | None) -> list[str]:
        spread = Spread.of(pair.rounds) if pair.state == "done" else None
        if spread is None:
            return [_state(pair), "", ""]
        ratio = Spread.of(_per_round(pair.rounds, [base.rounds])) if base else None
        return [
            _us(spread.median),
            f"{_us(spread.low)}-{_us(spread.high)}",
            f"{ratio.median:.2f}" if ratio else "—",
        ]

    def id_rows(self) -> list[list[str]]:
        floor = self._done("ids", BASELINE["ids"], "new_id")
        rows = []
        for contender in ID_CONTENDERS:
            pair = self.pairs.get(("ids", contender.name, "new_id"))
            if pair is None:
                continue
            spread = Spread.of(pair.rounds) if pair.state == "done" else None
            if spread is None:
                rows.append([contender.label, _state(pair), "", ""])
                continue
            ratio = Spread.of(_per_round(pair.rounds, [floor.rounds])) if floor else None
            rows.append(
                [
                    contender.label,
                    f"{spread.median * 1000:.0f}",
                    f"{spread.low * 1000:.0f}-{spread.high * 1000:.0f}",
                    f"{ratio.median:.2f}" if ratio else "—",
                ]
            )
        return rows

    def memory_rows(self) -> list[list[str]]:
        rows = []
        for entry in self.memory:
            contender = _memory_contender(entry)
            label = f"{_LABELS[entry['kind']]}: {contender.label}"
            if entry["state"] != "done":
                detail = entry.get("missing") or entry.get("problems") or [entry.get("error", "")]
                reason = "; ".join(detail).strip().splitlines()[-1][:160] if detail else ""
                state = "not available" if entry["state"] == "unavailable" else entry["state"]
                rows.append([label, "", "", "", "", "", "", f"{state}: {reason}"])
                continue
            growth = entry["growth"]
            if not contender.ours:
                verdict = "reference"
            else:
                verdict = "met" if growth <= MEMORY_LIMIT else "MISSED"
            rows.append(
                [
                    label,
                    f"{entry['requests']:,}",
                    f"{entry['before'] / 2**20:.1f}",
                    f"{entry['after'] / 2**20:.1f}",
                    f"{growth / 1000:+,.0f}",
                    f"{(entry['after'] - entry['middle']) / 1000:+,.0f}",
                    f"{entry['cyclic_per_request']:.0f}",
                    verdict,
                ]
            )
        return rows

    # -- targets ----------------------------------------------------------

    def _verdicts(self) -> list[Verdict]:
        verdicts = []
        for target in targets():
            if (target.framework, target.ours, target.scenario) not in self.pairs:
                continue
            ours = self.pairs[(target.framework, target.ours, target.scenario)]
            peers = [self._done(target.framework, p, target.scenario) for p in target.peers]
            labels = [BY_KEY[f"{target.framework}:{p}"].label for p in target.peers]
            what = (
                f"{_LABELS[target.framework]} {target.scenario}: "
                f"{BY_KEY[f'{target.framework}:{target.ours}'].label} / "
                + (f"min({', '.join(labels)})" if len(labels) > 1 else labels[0])
            )
            limit = f"≤ {target.limit:.2f}"
            found = [p for p in peers if p is not None]
            if ours.state == "unavailable":
                verdicts.append(Verdict(what, None, limit, f"n/a: {_state(ours)}"))
            elif ours.state != "done" or not ours.rounds:
                verdicts.append(Verdict(what, None, limit, f"MISSED: {_state(ours)}"))
            elif not found:
                verdicts.append(Verdict(what, None, limit, "n/a: no peer measured"))
            else:
                ratio = Spread.of(_per_round(ours.rounds, [p.rounds for p in found]))
                assert ratio is not None
                verdicts.append(
                    Verdict(what, ratio, limit, "met" if ratio.median <= target.limit else "MISSED")
                )
        verdicts += self._id_verdicts()
        for entry, row in zip(self.memory, self.memory_rows(), strict=True):
            if not _memory_contender(entry).ours:
                continue  # a peer's figure, for reference
            verdicts.append(
                Verdict(
                    f"memory {row[0]}: growth over {row[1] or '?'} requests",
                    None,
                    "≤ 1 MB",
                    row[-1] if row[-1] in ("met", "MISSED") else _memory_failure(row[-1]),
                )
            )
        return verdicts

    def _id_verdicts(self) -> list[Verdict]:
        ours = self._done("ids", "ours", "new_id")
        floor = self._done("ids", "urandom", "new_id")
        ulid = self._done("ids", "ulid", "new_id")
        if ("ids", "ours", "new_id") not in self.pairs:
            return []
        found = []
        what = f"request ids: ours / {ID_BY_NAME['urandom'].label}"
        if ours and floor:
            ratio = Spread.of(_per_round(ours.rounds, [floor.rounds]))
            assert ratio is not None
            result = "met" if ratio.median <= ID_FLOOR_LIMIT else "MISSED"
            found.append(Verdict(what, ratio, f"≤ {ID_FLOOR_LIMIT:.2f}", result))
        else:
            found.append(Verdict(what, None, f"≤ {ID_FLOOR_LIMIT:.2f}", "n/a: not measured"))
        what = "request ids: python-ulid / ours (times faster)"
        if ours and ulid:
            ratio = Spread.of(_per_round(ulid.rounds, [ours.rounds]))
            assert ratio is not None
            result = "met" if ratio.median >= ID_ULID_FACTOR else "MISSED"
            found.append(Verdict(what, ratio, f"≥ {ID_ULID_FACTOR:.2f}", result))
        else:
            found.append(Verdict(what, None, f"≥ {ID_ULID_FACTOR:.2f}", "n/a: not measured"))
        return found

    def missed(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.result.startswith("MISSED")]

    def target_rows(self) -> list[list[str]]:
        rows = []
        for verdict in self.verdicts:
            ratio = verdict.ratio
            shown = f"{ratio.median:.2f} ({ratio.low:.2f}-{ratio.high:.2f})" if ratio else ""
            rows.append([verdict.result, verdict.what, shown, verdict.limit])
        return rows

    # -- rendering --------------------------------------------------------

    def _sections(self) -> list[tuple[str, list[str], list[list[str]]]]:
        config = self.meta["config"]
        sections = []
        for framework in FRAMEWORKS:
            rows = self.timing_rows(framework)
            if rows:
                base = BY_KEY[f"{framework}:{BASELINE[framework]}"].label
                sections.append(
                    (
                        f"{_LABELS[framework]}: µs per request, median of {config['rounds']} "
                        f"rounds (min-max); x = median per-round ratio to {base}",
                        ["scenario", "contender", "median µs", "min-max µs", f"x {base}"],
                        rows,
                    )
                )
        rows = self.id_rows()
        if rows:
            sections.append(
                (
                    f"Request ids: ns per id, median of {config['rounds']} rounds (min-max); "
                    "x = per-round ratio to the os.urandom(16).hex() floor",
                    ["generator", "median ns", "min-max ns", "x floor"],
                    rows,
                )
            )
        rows = self.memory_rows()
        if rows:
            sections.append(
                (
                    "Memory: resident size over error requests (cycling the five error "
                    "scenarios, after warm-up, each reading after gc.collect()); growth only in "
                    "the first half is a plateau (allocator high-water), growth in the second "
                    "half too is a leak; cyclic = objects per request that only the cycle "
                    "collector frees, which a large app holds many requests' worth of at a time",
                    [
                        *("configuration", "requests", "before MiB", "after MiB"),
                        *("growth kB", "2nd half kB", "cyclic", "≤ 1 MB"),
                    ],
                    rows,
                )
            )
        met = sum(v.result == "met" for v in self.verdicts)
        sections.append(
            (
                f"Targets: {met} of {len(self.verdicts)} met (ratio: median of per-round "
                "ratios, min-max in brackets)",
                ["result", "target", "ratio", "limit"],
                self.target_rows(),
            )
        )
        return sections

    def _header(self) -> list[str]:
        meta = self.meta
        config = meta["config"]
        load = meta["load"]
        versions = ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
        return [
            f"Date: {meta['date']}; machine: {meta['machine']}; {meta['python']}",
            f"Versions: {versions}",
            f"Command: {meta['command']}",
            f"Method: each (contender, scenario) in its own process, in-process WSGI calls "
            f"with a prebuilt environ, body consumed; {config['rounds']} rounds, contender "
            f"order rotated each round; a round = best of {config['repeat']} batches of "
            f"~{config['batch_ms']:g} ms; clock: "
            + ("the worker's CPU time." if config["clock"] == "cpu" else "wall time."),
            f"Load average (1/5/15 min) before: {load[0]}/{load[1]}/{load[2]}, after: "
            f"{load[3]}/{load[4]}/{load[5]}; run took {meta['elapsed_s']} s.",
        ]

    def text(self) -> str:
        lines = ["error-core benchmark", *self._header(), ""]
        for title, headers, rows in self._sections():
            lines += [title, *_text_table(headers, rows), ""]
        return "\n".join(lines)

    def markdown(self) -> str:
        lines = [
            "<!-- Generated by `python -m benchmarks --markdown ...`; do not edit by hand. -->",
            "",
        ]
        lines += [f"- {line}" for line in self._header()]
        lines.append("")
        for title, headers, rows in self._sections():
            lines += [f"**{title}**", "", *_md_table(headers, rows), ""]
        return "\n".join(lines)


def _memory_contender(entry: dict[str, Any]) -> Contender:
    """The contender a memory check measured."""
    return BY_KEY[f"{entry['kind']}:{entry['contender']}"]


def _memory_failure(state: str) -> str:
    """A memory check that did not run is n/a; one that failed or answered wrong is missed."""
    return f"n/a: {state}" if state.startswith("not available") else f"MISSED: {state}"


def _text_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return lines


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return [line(headers), "|" + "---|" * len(headers), *(line(r) for r in rows)]
