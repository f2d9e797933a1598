"""What start-up loads: only `interview` may load questionary and prompt_toolkit; help
never loads Rich's help formatting, and `measurekit --help` not even pydantic or PyYAML.

Behaviour, not timing (bench/startup.py measures the time): each command line runs
in a fresh interpreter with `-X importtime`, which lists every module it imports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .examples import Example, docstring_examples, run, runnable, workspace

PROMPT_MODULES = ("questionary", "prompt_toolkit")
# Rich's help formatting (typer.rich_utils pulls in rich.markdown and markdown-it).
HELP_MODULES = (*PROMPT_MODULES, "typer.rich_utils", "markdown_it")
# A command's own --help has Typer build its parameters, which loads pydantic; the
# top-level help and --version need neither it nor the worksheet machinery.
TOP_LEVEL_MODULES = (
    *HELP_MODULES, "pydantic", "yaml", "measurekit.core.store", "measurekit.core.model"
)


def imported(argv: list[str], cwd: Path) -> set[str]:
    result = run(argv, cwd, "-X", "importtime")
    assert result.returncode == 0, result.stderr
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert "measurekit.cli" in names  # the listing works
    return names


def _top(names: set[str]) -> set[str]:
    return names | {n.split(".")[0] for n in names}


@pytest.mark.parametrize(
    "argv", [["measurekit", "--help"], ["measurekit", "--version"]], ids=lambda a: a[1]
)
def test_top_level_help_loads_only_what_it_prints(argv: list[str], tmp_path: Path):
    names = _top(imported(argv, tmp_path))
    assert not names & set(TOP_LEVEL_MODULES)


EXAMPLES = runnable(docstring_examples())


@pytest.mark.parametrize("name", sorted({e.command for e in EXAMPLES}))
def test_command_help_loads_no_prompts_nor_rich_help(name: str, tmp_path: Path):
    names = _top(imported(["measurekit", name, "--help"], tmp_path))
    assert not names & set(HELP_MODULES)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.where for e in EXAMPLES])
def test_commands_other_than_interview_never_load_prompts(example: Example, tmp_path: Path):
    names = _top(imported(example.argv, workspace(tmp_path)))
    assert not names & set(PROMPT_MODULES)
