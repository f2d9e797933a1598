"""A worksheet left with git's conflict markers says so, not "not valid YAML" (issue 17, 15)."""

from __future__ import annotations

import pytest

from .helpers import SMALL
from .report_support import run

CONFLICT = """\
<<<<<<< HEAD
  contribution: Story times
=======
  contribution: Story times and summer reading
>>>>>>> summer
"""


def conflicted(tmp_path, times: int = 1):
    text = SMALL.replace("  contribution: Story times\n", CONFLICT)
    if times == 2:
        text = text.replace("    baseline: 43%\n", "<<<<<<< HEAD\n    baseline: 43%\n=======\n"
                            "    baseline: 45%\n>>>>>>> summer\n")
    path = tmp_path / "ws.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "table", "trend", "gaps"])
def test_conflict_markers_are_named_with_their_lines(tmp_path, command):
    path = conflicted(tmp_path)
    result = run(command, path)
    assert result.exit_code == 1, result.output
    assert "ws.yaml:11:1: unresolved merge conflict at lines 11-15 (<<<<<<< ... >>>>>>>)" in (
        result.output), result.output
    assert "delete the three marker lines" in result.output
    assert "not valid YAML" not in result.output


def test_every_conflict_is_listed(tmp_path):
    result = run("validate", conflicted(tmp_path, times=2))
    assert result.exit_code == 1
    assert "lines 11-15" in result.output and "lines 26-30" in result.output, result.output


def test_record_refuses_a_conflicted_worksheet_and_writes_nothing(tmp_path):
    path = conflicted(tmp_path)
    before = path.read_bytes()
    data = tmp_path / "round.csv"
    data.write_text("measure,date,value,note\nstory-time,2026-12-31,410,\n", encoding="utf-8")
    result = run("record", path, "--from", data)
    assert result.exit_code == 1 and "unresolved merge conflict" in result.output
    assert path.read_bytes() == before
