"""The docs cannot drift from the tool.

Every command has help with a runnable example and a place in the README; every
command line the README shows runs, against the example worksheets, exactly as
printed. Commands added later are covered without touching this file.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from measurekit import __version__
from measurekit.cli import app

from .examples import (
    README,
    Example,
    commands,
    docstring_examples,
    readme_examples,
    readme_sh_lines,
    run,
    runnable,
    workspace,
)

COMMANDS = sorted(commands())
README_TEXT = README.read_text(encoding="utf-8")
ANSI = "\x1b["


def test_the_app_has_commands_to_check():
    assert {"validate", "table", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str):
    help_text = commands()[name].help or ""  # type: ignore[attr-defined]
    examples = [e for e in docstring_examples() if e.where == name]
    assert help_text.strip(), f"{name} has no docstring"
    assert examples, f"{name}'s docstring has no 'Example: measurekit {name} ...' line"
    assert all(e.command == name for e in examples), f"{name}'s example runs another command"
    result = CliRunner().invoke(app, [name, "--help"], terminal_width=60)
    assert result.exit_code == 0
    # Shown whole on one line, however narrow the terminal: it is there to be copied.
    for example in examples:
        assert f"Example: {example.line}\n" in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_in_the_readme(name: str):
    shown = {e.command for e in readme_examples()}
    assert name in shown, f"README.md shows no ```sh example of `measurekit {name}`"
    assert re.search(rf"^### {re.escape(name)}\b", README_TEXT, re.M), (
        f"README.md has no '### {name}' subsection under Commands"
    )


def test_readme_shows_only_commands_that_exist():
    for example in readme_examples():
        assert example.command in COMMANDS or example.command == "", example


def _check_run(example: Example, tmp_path: Path) -> None:
    cwd = workspace(tmp_path)
    before = {p: p.read_bytes() for p in (cwd / "worksheets").iterdir()}
    result = run(example.argv, cwd)
    assert result.returncode == example.expected_exit, (
        f"`{example.line}` exited {result.returncode}, expected {example.expected_exit}\n"
        f"{result.stderr}"
    )
    assert "Traceback" not in result.stderr
    # Piped output is plain text, on both streams.
    assert ANSI not in result.stdout and ANSI not in result.stderr
    outputs = [example.argv[i + 1] for i, a in enumerate(example.argv) if a in ("--output", "-o")]
    for output in outputs:
        # Data goes to the file, messages to stderr: nothing is left on stdout.
        assert (cwd / output).is_file() and result.stdout == "", example.line
    if example.command == "validate":
        assert result.stdout == "", "validate reports on stderr; stdout is for data"
    unchanged = {p for p, data in before.items() if p.read_bytes() == data}
    written = {p for p in before if p not in unchanged}
    allowed = {cwd / o for o in outputs}
    if example.command in ("record", "forecast"):  # they write the worksheet they are given
        allowed.add(cwd / example.argv[2])
    assert written <= allowed, f"`{example.line}` changed {written}"


README_RUNS = runnable(readme_examples())


@pytest.mark.parametrize("example", README_RUNS, ids=[e.where for e in README_RUNS])
def test_readme_command_runs_as_printed(example: Example, tmp_path: Path):
    _check_run(example, tmp_path)


DOC_RUNS = runnable(docstring_examples())


@pytest.mark.parametrize("example", DOC_RUNS, ids=[e.where for e in DOC_RUNS])
def test_help_example_runs_as_printed(example: Example, tmp_path: Path):
    _check_run(example, tmp_path)


def test_readme_sh_blocks_are_found():
    lines = [text for _, text in readme_sh_lines()]
    assert any("pip install" in t for t in lines) and len(README_RUNS) >= len(COMMANDS)


def test_version_goes_to_stdout(tmp_path: Path):
    result = run(["measurekit", "--version"], tmp_path)
    assert result.returncode == 0
    assert result.stdout == f"measurekit {__version__}\n" and result.stderr == ""


def test_shell_completion_is_offered_and_completes_commands(tmp_path: Path):
    script = run(["measurekit", "--show-completion", "bash"], tmp_path)
    assert script.returncode == 0 and "_MEASUREKIT_COMPLETE" in script.stdout
    completed = run(
        ["measurekit"], tmp_path, _MEASUREKIT_COMPLETE="complete_bash",
        COMP_WORDS="measurekit ta", COMP_CWORD="1",
    )
    assert completed.returncode == 0 and completed.stdout.split() == ["table"]


def test_usage_errors_are_plain_text_on_stderr(tmp_path: Path):
    result = run(["measurekit", "tabel"], tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert "No such command 'tabel'" in result.stderr and ANSI not in result.stderr


@pytest.mark.parametrize("no_color", [False, True], ids=["terminal", "NO_COLOR"])
def test_no_color_gives_plain_text_in_a_terminal(no_color: bool, tmp_path: Path):
    import os

    import pexpect

    from .examples import measurekit_script

    cwd = workspace(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    if no_color:
        env["NO_COLOR"] = "1"
    child = pexpect.spawn(
        measurekit_script(), ["table", "worksheets/youth-justice.yaml"], cwd=str(cwd), env=env,
        dimensions=(40, 120), encoding="utf-8", timeout=30,
    )
    output = child.read()
    child.close()
    assert child.exitstatus == 0
    assert (ANSI in output) is not no_color  # colour in a terminal, none with NO_COLOR


PYTHON_BLOCKS = re.findall(r"^```python\n(.*?)^```", README_TEXT, re.M | re.S)


def test_readme_python_use_runs_and_saves(tmp_path: Path):
    """The README's Python section, run as written in a copy of the repository's layout."""
    assert len(PYTHON_BLOCKS) == 1 and len(PYTHON_BLOCKS[0].strip().splitlines()) <= 6
    folder = workspace(tmp_path)
    path = folder / "worksheets" / "youth-justice.yaml"
    before = path.read_bytes()
    result = subprocess.run([sys.executable, "-c", PYTHON_BLOCKS[0]], cwd=folder,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ gaps; \w+\n", result.stdout), result.stdout
    after = run(["measurekit", "validate", str(path)], folder)
    assert after.returncode == 0, after.stderr
    assert path.read_bytes() != before
    assert (folder / "worksheets" / "youth-justice.yaml.bak").exists()
    assert "data sharing agreed" in path.read_text(encoding="utf-8")
