"""The README's and the docs' examples, so that tests run exactly what users copy."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def pages() -> list[Path]:
    """The README, then every Markdown page of the docs."""
    return [README, *sorted(DOCS.rglob("*.md"))]


def _lines_after(heading: str) -> tuple[list[str], str]:
    """The lines after ``heading`` and the heading line itself.

    The README's exact line wins; else the one docs page with a heading of that
    text at any level (a README section moved into a page keeps its name).
    """
    text = heading.lstrip("#").strip()
    found: list[tuple[list[str], int]] = []
    for page in pages():
        lines = page.read_text(encoding="utf-8").splitlines()
        if page == README and heading in lines:
            return lines[lines.index(heading) + 1 :], heading
        found += [
            (lines, i)
            for i, line in enumerate(lines)
            if line.startswith("#") and line.lstrip("#").strip() == text and page != README
        ]
    assert len(found) == 1, f"{len(found)} headings {text!r} in the README and docs/"
    lines, index = found[0]
    return lines[index + 1 :], lines[index]


def section(heading: str) -> list[str]:
    """The lines after the heading ``heading`` (``"### apispec (Flask)"``) up to the next.

    Lines starting with ``#`` inside fenced code are code, not headings.
    """
    following, _ = _lines_after(heading)
    found: list[str] = []
    fenced = False
    for line in following:
        if line.startswith("```"):
            fenced = not fenced
        elif line.startswith("#") and not fenced:
            break
        found.append(line)
    return found


def code_blocks(heading: str, language: str = "python") -> list[str]:
    """The fenced ``language`` blocks of the section under ``heading``."""
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
