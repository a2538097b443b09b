"""``python -m error_core codes``: the catalogue as text, Markdown and JSON."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from error_core import CODES, ErrorCode, register_code
from error_core._cli import as_markdown, catalogue, main
from error_core._codes import WHEN
from tests.readme import code_blocks, section

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> str:
    """The command's output in a fresh interpreter: the built-in codes only."""
    result = subprocess.run(
        [sys.executable, "-m", "error_core", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return result.stdout


def test_the_readme_table_is_the_markdown_output() -> None:
    lines = section("## Codes and statuses")
    start = lines.index("| code | status | default message | when |")
    end = lines.index("", start)
    assert "\n".join(lines[start:end]) + "\n" == run("codes", "--format", "markdown")


def test_the_text_output_lists_every_built_in_code() -> None:
    lines = run("codes").splitlines()
    assert lines[0].split() == ["code", "status", "message"]
    assert lines[4] == "not_found               404     The requested resource does not exist."
    assert [line.split()[0] for line in lines[1:]] == [code.value for code in ErrorCode]


def test_the_json_output_has_every_field() -> None:
    rows = json.loads(run("codes", "--format", "json"))
    assert [row["code"] for row in rows] == [code.value for code in ErrorCode]
    assert rows[0] == {
        "code": "invalid_request",
        "status": 400,
        "message": CODES["invalid_request"].message,
        "when": WHEN["invalid_request"],
    }


def test_every_built_in_code_has_a_when() -> None:
    assert set(WHEN) == {code.value for code in ErrorCode}


def test_application_codes_are_listed_by_status(unique_code: Callable[[], str]) -> None:
    code = register_code(unique_code(), 402, "Pay | first.").code
    rows = catalogue()
    assert [row["code"] for row in rows] == sorted(CODES, key=lambda c: (CODES[c].status, c))
    assert {
        "code": code,
        "status": 402,
        "message": "Pay | first.",
        "when": "an application code",
    } in rows
    assert f"| `{code}` | 402 | Pay \\| first. | an application code |" in as_markdown(rows)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_main_prints_the_chosen_format(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codes", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "not_found" in out
    assert out.endswith("\n")


def test_import_includes_the_codes_a_module_registers() -> None:
    out = run("codes", "--import", "tests.apps.errors", "--format", "markdown")
    assert "| `card_declined` | 402 | Your card was declined. | an application code |" in out


def test_an_unimportable_module_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["codes", "--import", "no_such_module_here"])
    assert caught.value.code == 2
    assert "cannot import no_such_module_here" in capsys.readouterr().err


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "usage: python -m error_core" in capsys.readouterr().err


def test_python_dash_m_runs_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["error_core", "codes", "--format", "json"])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("error_core", run_name="__main__")
    assert caught.value.code == 0
    assert json.loads(capsys.readouterr().out)[0]["code"] == "invalid_request"


def test_the_readme_commands_run() -> None:
    (commands,) = code_blocks("## The code catalogue", "sh")
    for line in commands.splitlines():
        args = line.split("#")[0].split()[3:]
        args = ["tests.apps.errors" if arg == "myapp.errors" else arg for arg in args]
        assert run(*args)
