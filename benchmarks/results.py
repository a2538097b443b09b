"""What a benchmark run is given (``Config``) and what it measures (``Pair``).

Shared by ``runner`` (which fills them) and ``report`` (which prints them).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Config:
    """How long and how often each pair is timed."""

    rounds: int = 9
    repeat: int = 3
    batch_ms: float = 30.0
    warmup_ms: float = 200.0
    memory_requests: int = 100_000
    clock: str = "cpu"


QUICK = Config(rounds=3, repeat=2, batch_ms=15.0, warmup_ms=100.0, memory_requests=20_000)


@dataclass
class Pair:
    """The result of one (contender, scenario) pair."""

    kind: str  # flask, django or ids
    contender: str
    scenario: str
    state: str = "pending"  # ready, done, unavailable, invalid, failed
    detail: str = ""
    number: int = 0  # requests (or ids) per batch
    rounds: list[float] = field(default_factory=list)  # µs per request, one per round
