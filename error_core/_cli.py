"""``python -m error_core codes``: the code catalogue as text, Markdown or JSON."""

from __future__ import annotations

import argparse
import importlib
import json
from typing import Sequence

from . import _codes as codes

# When each built-in code is sent: documentation only, shown by --format
# markdown/json (the README's table is this command's output).
WHEN = {
    "invalid_request": (
        "a field is missing, of the wrong type or out of range; malformed body; disallowed `Host`"
    ),
    "authentication": "API key missing, invalid or revoked",
    "permission_denied": "key valid but lacks the scope; CSRF failure",
    "not_found": "resource or route does not exist",
    "method_not_allowed": "the method is not allowed (`Allow` header kept)",
    "not_acceptable": "no acceptable response format",
    "conflict": "the request collides with current state",
    "payload_too_large": "body over `MAX_CONTENT_LENGTH` / `DATA_UPLOAD_MAX_MEMORY_SIZE`",
    "unsupported_media_type": "body media type not supported",
    "rate_limited": "too many requests (`Retry-After` when known)",
    "internal": "anything unexpected; never reveals the exception",
    "unavailable": "temporarily unavailable",
}
APPLICATION_CODE = "an application code"


def catalogue() -> list[dict[str, str | int]]:
    """Every registered code as ``{code, status, message, when}``, by status then code."""
    return [
        {
            "code": entry.code,
            "status": entry.status,
            "message": entry.message,
            "when": WHEN.get(entry.code, APPLICATION_CODE),
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
