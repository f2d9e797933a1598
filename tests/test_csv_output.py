"""csv for spreadsheets (issue 19 item 11): one value per cell, ids in every csv, no
sparkline, and a byte-order mark on a file written with --output (not on standard output).
"""

from __future__ import annotations

import csv
import io

import pytest

from measurekit.reports.trend import BARS

from .conftest import EXAMPLE
from .report_support import run

AS_OF = ["--as-of", "2026-12-31"]
# Each command's csv and the column that holds the ids of its rows.
ID_COLUMNS = {
    "trend": ["Measure id", "Partner id"],
    "actions": ["Partner ids"],
    "shared": ["Shared measure id", "Partner ids", "Measure ids"],
    "gaps": ["Partner id", "Item"],
    "matrix": ["Partner id"],
    "table": ["Partner id"],
}


def rows_of(command: str) -> list[dict[str, str]]:
    extra = AS_OF if command in ("trend", "actions") else []
    result = run(command, EXAMPLE, "--format", "csv", *extra)
    assert result.exit_code == 0, result.output
    assert not result.output.startswith("\ufeff")  # standard output: plain UTF-8
    return list(csv.DictReader(io.StringIO(result.output)))


@pytest.mark.parametrize("command", sorted(ID_COLUMNS))
def test_every_csv_carries_ids(command):
    rows = rows_of(command)
    assert rows
    for column in ID_COLUMNS[command]:
        assert column in rows[0], list(rows[0])
        assert any(row[column] for row in rows)


def test_trend_has_a_value_and_its_date_in_separate_cells_and_no_sparkline():
    rows = rows_of("trend")
    screened = next(r for r in rows if r["Measure id"] == "probation-referrals-screened")
    assert screened["Partner id"] == "juvenile-probation"
    assert (screened["First"], screened["First date"]) == ("62%", "2025-09-30")
    assert (screened["Latest"], screened["Latest date"]) == ("82%", "2026-09-30")
    assert (screened["Target"], screened["Target date"]) == ("95%", "2027-06-30")
    assert (screened["Status"], screened["Pace"]) == ("on track", "80.88")
    shared = [r for r in rows if r["Partner"] == "Shared"]
    assert shared and all(r["Partner id"] == "" for r in shared)
    for row in rows:
        for value in row.values():
            assert "\n" not in value and not set(BARS) & set(value), row


def test_actions_has_one_value_per_cell():
    rows = rows_of("actions")
    late = next(r for r in rows if r["Status"] == "overdue")
    assert late["Days late"] == "21" and late["By when"] == "2026-12-10"
    assert late["Partner ids"] == "district-attorney"
    for row in rows:
        assert all("\n" not in value for value in row.values()), row


@pytest.mark.parametrize("command", ["trend", "table"])
def test_a_csv_file_starts_with_a_byte_order_mark(command, tmp_path):
    out = tmp_path / "out.csv"
    extra = AS_OF if command == "trend" else []
    result = run(command, EXAMPLE, "--format", "csv", "--output", out, *extra)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    with out.open(encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f))[0] in ("Measure id", "Partner id")


def test_other_formats_written_to_a_file_have_no_byte_order_mark(tmp_path):
    out = tmp_path / "out.md"
    assert run("table", EXAMPLE, "--format", "markdown", "--output", out).exit_code == 0
    assert out.read_bytes().startswith(b"# ")
