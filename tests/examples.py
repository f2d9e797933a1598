"""The command lines the documentation shows, and a way to run them without touching the repo.

Two sources, both read from the tool and its docs rather than listed here, so that a
command added later is covered without editing the tests:
- every `measurekit ...` line in the README's ```sh blocks;
- the `Example:` line that ends every command's docstring.
Each runs through the installed console script, in a temporary folder holding a copy
of worksheets/, so that `--output` files land there and never in the repository.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import typer.main

from measurekit.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# Commands that need a person at a terminal; their examples are shown, not run.
NEEDS_A_TERMINAL = {"interview"}
_EXAMPLE = re.compile(r"^\s*Example:\s*(measurekit .+?)\s*$", re.M)
_EXIT_NOTE = re.compile(r"\s+#\s*exits (\d+)\b.*$")


@dataclass(frozen=True)
class Example:
    where: str  # README line number or command name, for test ids
    line: str  # as shown, without a trailing `# exits N` note
    expected_exit: int = 0

    @property
    def argv(self) -> list[str]:
        return shlex.split(self.line)

    @property
    def command(self) -> str:
        """The subcommand name, or "" for a line such as `measurekit --version`."""
        words = [w for w in self.argv[1:] if not w.startswith("-")]
        return words[0] if words else ""


def commands() -> dict[str, object]:
    """Every subcommand of the app, as click commands, by name."""
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def readme_sh_lines() -> list[tuple[int, str]]:
    """(line number, text) of every line inside the README's ```sh blocks."""
    out, inside = [], False
    for number, text in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if text.strip().startswith("```"):
            inside = text.strip() == "```sh" if not inside else False
            continue
        if inside:
            out.append((number, text))
    return out


def readme_examples() -> list[Example]:
    examples = []
    for number, text in readme_sh_lines():
        text = text.strip().removeprefix("$ ")
        if not text.startswith("measurekit"):
            continue  # install lines, venv activation
        note = _EXIT_NOTE.search(text)
        line = _EXIT_NOTE.sub("", text)
        examples.append(Example(f"README:{number}", line, int(note.group(1)) if note else 0))
    return examples


def docstring_examples() -> list[Example]:
    examples = []
    for name, command in commands().items():
        found = _EXAMPLE.findall(command.help or "")  # type: ignore[attr-defined]
        examples += [Example(name, line) for line in found]
    return examples


# `show` serves its page until Ctrl-C: tests/test_live_browser.py runs it as a user would.
RUNS_UNTIL_STOPPED = {"show"}


def runnable(examples: list[Example]) -> list[Example]:
    return [e for e in examples if e.command not in NEEDS_A_TERMINAL | RUNS_UNTIL_STOPPED]


def measurekit_script() -> str:
    """The console script installed beside the interpreter running the tests."""
    script = Path(sys.executable).parent / "measurekit"
    found = str(script) if script.exists() else shutil.which("measurekit")
    assert found, "measurekit is not installed in this environment"
    return found


def workspace(tmp_path: Path) -> Path:
    """A folder with a copy of the example worksheets, laid out as the repository root."""
    shutil.copytree(ROOT / "worksheets", tmp_path / "worksheets")
    return tmp_path


def run(
    argv: list[str], cwd: Path, *python_flags: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run a measurekit command line (argv[0] == "measurekit") as a user would, output piped."""
    if python_flags:
        head = [sys.executable, *python_flags, "-m", "measurekit"]
    else:
        head = [measurekit_script()]
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        head + argv[1:], cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        env={**environ, **env}, timeout=60,
    )
