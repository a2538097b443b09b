"""``python -m error_core codes``: the code catalogue as text, Markdown or JSON."""

from __future__ import annotations

import argparse
import importlib
import json
from typing import Sequence

from . import _codes as codes

APPLICATION_CODE = "an application code"


def catalogue() -> list[dict[str, str | int]]:
    """Every registered code as ``{code, status, message, when}``, by status then code."""
    return [
        {
            "code": entry.code,
            "status": entry.status,
            "message": entry.message,
            "when": codes.WHEN.get(entry.code, APPLICATION_CODE),
        }
        for entry in sorted(codes.CODES.values(), key=lambda e: (e.status, e.code))
    ]


def as_text(rows: list[dict[str, str | int]]) -> str:
    """Aligned columns: code, status, default message."""
    table = [("code", "status", "message")]
    table += [(str(r["code"]), str(r["status"]), str(r["message"])) for r in rows]
    width = max(len(code) for code, _, _ in table)
    return "".join(f"{code:<{width}}  {status:<6}  {message}\n" for code, status, message in table)


def as_markdown(rows: list[dict[str, str | int]]) -> str:
    """A Markdown table: code, status, default message, when it is sent."""
    lines = ["| code | status | default message | when |", "| --- | --- | --- | --- |"]
    for row in rows:
        cells = [f"`{row['code']}`", str(row["status"]), str(row["message"]), str(row["when"])]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def as_json(rows: list[dict[str, str | int]]) -> str:
    """A JSON array of ``{code, status, message, when}`` objects."""
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m error_core", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    show = commands.add_parser("codes", help="print the error code catalogue")
    show.add_argument("--format", choices=sorted(FORMATS), default="text")
    show.add_argument(
        "--import",
        dest="modules",
        action="append",
        default=[],
        metavar="MODULE",
        help="import MODULE first, to include the application codes it registers",
    )
    args = parser.parse_args(argv)
    for module in args.modules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            show.error(f"cannot import {module}: {exc}")
    print(FORMATS[args.format](catalogue()), end="")
    return 0
