"""The pre-commit hook blocks a broken worksheet, and the README's snippet uses it.

pre-commit itself is not needed: the hook is run the way pre-commit runs it, the
`entry` command with the matching staged files appended.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from .conftest import EXAMPLE, ROOT, STARTER
from .examples import README, run, workspace

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def hook() -> dict:
    [found] = [h for h in HOOKS if h["id"] == "measurekit-validate"]
    return found


def staged(paths: list[str]) -> list[str]:
    """The paths pre-commit would pass: `files` is searched (re.search), as pre-commit does."""
    pattern = re.compile(hook()["files"])
    return [p for p in paths if pattern.search(p) and re.search(r"\.ya?ml$", p)]


def test_hook_is_declared_for_pre_commit():
    h = hook()
    assert h["entry"] == "measurekit validate"
    assert h["language"] == "python"
    assert h["types"] == ["yaml"]


def test_hook_picks_worksheets_and_leaves_other_yaml_alone():
    worksheets = [
        "worksheets/youth-justice.yaml",
        "clients/alder/worksheets/2026.yml",
        "plans/reading.worksheet.yaml",
    ]
    others = [
        ".pre-commit-config.yaml",
        ".github/workflows/ci.yml",
        "docs/mkdocs.yaml",
        "worksheets.yaml",
    ]
    assert staged(worksheets + others) == worksheets


def test_hook_entry_blocks_a_broken_worksheet(tmp_path: Path):
    cwd = workspace(tmp_path)
    broken = cwd / "worksheets" / "broken.yaml"
    original = EXAMPLE.read_text(encoding="utf-8").replace("kind: internal", "kind: inside", 1)
    broken.write_text(original, encoding="utf-8")
    files = staged(["worksheets/youth-justice.yaml", "worksheets/broken.yaml"])
    result = run([*shlex.split(hook()["entry"]), *files], cwd)
    assert result.returncode == 1
    assert "worksheets/broken.yaml" in result.stderr and "kind" in result.stderr
    assert broken.read_text(encoding="utf-8") == original  # reported, never rewritten


def test_hook_entry_passes_valid_worksheets_with_gaps(tmp_path: Path):
    cwd = workspace(tmp_path)
    files = staged([f"worksheets/{EXAMPLE.name}", f"worksheets/{STARTER.name}"])
    assert len(files) == 2
    assert run([*shlex.split(hook()["entry"]), *files], cwd).returncode == 0


def test_readme_snippet_uses_this_hook():
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    configs = [yaml.safe_load(b) for b in blocks if "measurekit-validate" in b]
    assert configs, "README.md shows no .pre-commit-config.yaml snippet"
    [repo] = configs[0]["repos"]
    assert [h["id"] for h in repo["hooks"]] == [hook()["id"]]
    assert repo["rev"]
