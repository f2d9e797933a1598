"""The `validate` and `table` commands through Typer's CliRunner, and the installed script."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from measurekit import __version__
from measurekit.cli import app

from .conftest import EXAMPLE, MINIMAL, SMALL, STARTER

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"measurekit {__version__}"


def test_validate_valid_files_lists_gaps_as_warnings():
    result = run("validate", EXAMPLE, STARTER)
    assert result.exit_code == 0, result.output
    assert f"{STARTER}: valid, " in result.stderr
    assert "gap: " in result.stderr and "no measures shared across partners yet" in result.stderr
    assert result.stdout == ""  # messages go to stderr


def test_validate_strict_fails_on_gaps():
    result = run("validate", "--strict", STARTER)
    assert result.exit_code == 1
    assert "gaps remain" in result.stderr


def test_validate_reports_every_error_of_every_file(write, tmp_path):
    bad1 = write(
        SMALL.replace("kind: external", "kind: externel").replace("type: better_off", "type: x"),
        "a.yaml",
    )
    bad2 = write(MINIMAL + "titel: typo\n", "b.yaml")
    result = run("validate", bad1, EXAMPLE, bad2)
    assert result.exit_code == 1
    err = result.stderr
    assert f"{bad1}:19:11: partners[1].kind:" in err
    assert f"{bad1}:13:15: partners[0].measures[0].type:" in err
    assert f"{bad2}:4:1: titel: unknown key 'titel' (did you mean 'title'?)" in err
    assert f"{EXAMPLE}: valid" in err
    assert "Traceback" not in result.output


def test_validate_missing_file_is_exit_1(tmp_path):
    result = run("validate", tmp_path / "missing.yaml")
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_usage_error_is_exit_2():
    assert run("table").exit_code == 2
    assert run("table", EXAMPLE, "--format", "pdf").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_table_text_has_the_four_columns_and_every_partner():
    result = run("table", EXAMPLE)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Result in the center:" in out
    for header in ("Who can", "contribution", "Strategy", "shared"):
        assert header in out
    from measurekit.core import store

    ws = store.load_worksheet(EXAMPLE)
    flat = " ".join(out.split())
    for partner in ws.partners:
        assert partner.name.split()[0] in flat
    assert "(hypothesized)" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_table_rows_current_before_desired_in_json():
    result = run("table", EXAMPLE, "--format", "json")
    rows = json.loads(result.stdout)
    statuses = [row["status"] for row in rows]
    assert statuses == sorted(statuses)  # "current" < "desired"
    assert "current" in statuses and "desired" in statuses
    assert set(rows[0]) >= {
        "partner",
        "name",
        "kind",
        "status",
        "contribution",
        "measures",
        "strategy",
        "shared_measures",
    }
    assert set(rows[0]["measures"]) == {"how_much", "how_well", "better_off"}


def test_table_csv_parses_and_neutralises_formulas(write):
    path = write(SMALL.replace("name: Riverton Schools", 'name: =HYPERLINK("http://x")'))
    result = run("table", path, "-f", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:4] == ["Partner id", "Name", "Kind", "Status"]
    assert len(rows) == 3
    assert rows[1][1].startswith("'=HYPERLINK")


def test_table_markdown_escapes_pipes_and_newlines(write):
    path = write(SMALL.replace("name: Riverton Schools", "name: Schools | District"))
    result = run("table", path, "--format", "markdown")
    lines = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert len(lines) == 4  # header, rule and two partners, each on one line
    assert "Schools \\| District<br>(internal, current)" in result.stdout
    assert all(line.count(" | ") == 3 for line in lines if "\\|" not in line)


def test_user_text_is_not_markup_nor_control_codes(write):
    path = write(SMALL.replace("name: Riverton Schools", 'name: "[bold red]X[/] \\e[31mred"'))
    result = run("table", path)
    assert "[bold red]X[/]" in result.stdout
    assert "\x1b" not in result.stdout and "\\x1b[31mred" in result.stdout


def test_table_output_file_is_written_and_input_is_protected(tmp_path):
    out = tmp_path / "summary.md"
    result = run("table", EXAMPLE, "--format", "markdown", "--output", out)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# ")
    assert result.stdout == ""
    copy = tmp_path / "w.yaml"
    copy.write_bytes(EXAMPLE.read_bytes())
    refused = run("table", copy, "--output", copy)
    assert refused.exit_code == 2 and "worksheet being read" in refused.stderr
    assert copy.read_bytes() == EXAMPLE.read_bytes()


def test_table_on_invalid_file_writes_nothing(write, tmp_path):
    path = write("schema_version: 1\ntitle: [oops\n")
    out = tmp_path / "out.csv"
    result = run("table", path, "--format", "csv", "--output", out)
    assert result.exit_code == 1 and not out.exists()
    assert f"{path}:3:1: not valid YAML" in result.stderr


def test_table_of_a_worksheet_without_partners(write):
    result = run("table", write(MINIMAL))
    assert result.exit_code == 0 and "No partners yet" in result.stdout
    assert json.loads(run("table", write(MINIMAL), "-f", "json").stdout) == []


def _installed_script() -> Path:
    script = Path(sys.executable).parent / "measurekit"
    if not script.exists():
        pytest.skip("the measurekit script is not installed beside this interpreter")
    return script


def test_installed_entry_point_runs_in_a_subprocess(tmp_path):
    script = _installed_script()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    done = subprocess.run(
        [script, "table", EXAMPLE], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 100
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ntitle: t\nresult: r\nparners: []\n", encoding="utf-8")
    done = subprocess.run(
        [script, "validate", bad], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 1
    assert "did you mean 'partners'?" in done.stderr and "Traceback" not in done.stderr


def test_python_dash_m(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "measurekit", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.strip() == f"measurekit {__version__}"
