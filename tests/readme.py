"""The README's examples, so that tests run exactly what users copy."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def section(heading: str) -> list[str]:
    """The README's lines after the line ``heading`` (``"### apispec (Flask)"``) up to the next.

    Lines starting with ``#`` inside fenced code are code, not headings.
    """
    lines = README.read_text(encoding="utf-8").splitlines()
    assert heading in lines, f"README has no heading {heading!r}"
    found: list[str] = []
    fenced = False
    for line in lines[lines.index(heading) + 1 :]:
        if line.startswith("```"):
            fenced = not fenced
        elif line.startswith("#") and not fenced:
            break
        found.append(line)
    return found


def code_blocks(heading: str, language: str = "python") -> list[str]:
    """The fenced ``language`` blocks of the README section under ``heading``."""
    blocks: list[str] = []
    current: list[str] | None = None
    for line in section(heading):
        if current is None and line == f"```{language}":
            current = []
        elif current is not None and line == "```":
            blocks.append("\n".join(current) + "\n")
            current = None
        elif current is not None:
            current.append(line)
    return blocks
