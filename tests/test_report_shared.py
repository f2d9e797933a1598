"""`measurekit shared`: each shared measure with its definition, numbers, partners and feeders."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLE, STARTER
from .report_support import csv_rows, json_rows, measure, partner, run, worksheet, write_worksheet


def _worksheet(tmp_path):
    data = worksheet(
        partners=[
            partner("schools", name="Riverton Schools", measures=[measure("reading")]),
            partner("library", "external", name="Riverton Library", measures=[measure("loans")]),
        ],
        shared_measures=[
            {
                "id": "third-grade-reading",
                "name": "Third graders reading at grade level",
                "definition": "DEFINITION-MARK",
                "partners": ["schools", "library"],
                "measures": ["reading", "loans"],
                "baseline": "45%",
                "target": "70%",
                "target_date": "2028-06-30",
                "notes": "SHARED-NOTE",
            }
        ],
    )
    return write_worksheet(tmp_path, data)


def test_json_has_every_field_with_partner_and_measure_names(tmp_path):
    (row,) = json_rows(run("shared", _worksheet(tmp_path), "--format", "json"))
    assert row["id"] == "third-grade-reading" and row["definition"] == "DEFINITION-MARK"
    assert (row["baseline"], row["target"], row["target_date"]) == ("45%", "70%", "2028-06-30")
    assert row["notes"] == "SHARED-NOTE"
    assert row["partners"] == [
        {"id": "schools", "name": "Riverton Schools"},
        {"id": "library", "name": "Riverton Library"},
    ]
    assert row["measures"][1] == {"id": "loans", "name": "loans", "partner": "library"}


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
def test_every_format_shows_the_whole_shared_measure(tmp_path, fmt):
    result = run("shared", _worksheet(tmp_path), "--format", fmt, width=300)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.replace("|", " ").split())
    for text in (
        "Third graders reading",
        "DEFINITION-MARK",
        "45% -> 70% by 2028-06-30" if fmt != "csv" else "45%,70%,2028-06-30",
        "Riverton Schools",
        "Riverton Library",
        "reading (Riverton Schools)",
        "loans (Riverton Library)",
        "SHARED-NOTE",
    ):
        assert text in flat, (fmt, text)


def test_csv_cells_need_no_formula_guard(tmp_path):
    rows = csv_rows(run("shared", _worksheet(tmp_path), "--format", "csv"))
    assert rows[0][:6] == ["Shared measure id", "Shared measure", "Definition", "Baseline",
                           "Target", "Target date"]  # one value per cell, ids first
    assert not [cell for row in rows for cell in row if cell.startswith("'")]


def test_example_and_a_worksheet_without_shared_measures():
    rows = json_rows(run("shared", EXAMPLE, "--format", "json"))
    assert len(rows) == 4 and all(r["partners"] for r in rows)
    empty = run("shared", STARTER)
    assert empty.exit_code == 0 and "No measures shared across partners yet." in empty.stdout
