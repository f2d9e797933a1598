"""`measurekit table`: every field in csv, json and markdown --full; cells that read as typed."""

from __future__ import annotations

import re

import pytest

from measurekit.reports.formats import Column, Report, to_csv

from .conftest import EXAMPLE
from .report_support import csv_rows, json_rows, measure, partner, run, worksheet, write_worksheet

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _rich_worksheet(tmp_path, **names):
    data = worksheet(
        partners=[
            partner(
                "schools",
                name=names.get("partner", "Riverton Schools"),
                why_critical="WHY-CRIT",
                contribution="CONTRIB",
                strategy="STRAT",
                notes="PNOTE",
                measures=[
                    measure(
                        "reading",
                        name=names.get("measure", "Children reading at grade level"),
                        baseline="45%",
                        target="70%",
                        data_source="STATE-TESTS",
                        notes="MNOTE",
                    )
                ],
            ),
            partner(
                "library",
                "external",
                "desired",
                why_not_engaged="NOT-ENGAGED",
                engagement_plan="ENGAGE-PLAN",
            ),
        ],
        shared_measures=[
            {
                "id": "shared-reading",
                "name": names.get("shared", "Third graders reading"),
                "partners": ["schools", "library"],
            }
        ],
    )
    return write_worksheet(tmp_path, data)


def test_json_rows_carry_every_field_with_ids(tmp_path):
    rows = json_rows(run("table", _rich_worksheet(tmp_path), "--format", "json"))
    first, second = rows
    assert first["partner"] == "schools" and first["why_critical"] == "WHY-CRIT"
    assert first["notes"] == "PNOTE" and first["strategy"] == "STRAT"
    (reading,) = first["measures"]["better_off"]
    assert reading["id"] == "reading" and reading["data_source"] == "STATE-TESTS"
    assert reading["notes"] == "MNOTE" and reading["target_date"] == "2027-06-30"
    assert first["shared_measures"] == [{"id": "shared-reading", "name": "Third graders reading"}]
    assert second["why_not_engaged"] == "NOT-ENGAGED"
    assert second["engagement_plan"] == "ENGAGE-PLAN"


def test_csv_has_one_column_per_field_and_no_stray_apostrophe(tmp_path):
    rows = csv_rows(run("table", _rich_worksheet(tmp_path), "--format", "csv"))
    header, first, second = rows
    row = dict(zip(header, first, strict=True))
    assert row["Partner id"] == "schools" and row["Why critical"] == "WHY-CRIT"
    assert row["Notes"] == "PNOTE"
    assert row["Better off"] == (
        "Children reading at grade level [reading]: 45% -> 70% by 2027-06-30; "
        "data source: STATE-TESTS; notes: MNOTE"
    )
    assert row["Shared measures"] == "Third graders reading [shared-reading]"
    assert dict(zip(header, second, strict=True))["Engagement plan"] == "ENGAGE-PLAN"
    assert not [cell for line in rows for cell in line if cell.startswith("'")]


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
@pytest.mark.parametrize("where", ["partner", "measure", "shared"])
def test_csv_neutralises_hostile_text_in_every_cell(tmp_path, lead, where):
    hostile = f"{lead}cmd|' /C calc'!A0"
    rows = csv_rows(run("table", _rich_worksheet(tmp_path, **{where: hostile}), "-f", "csv"))
    cells = [cell for line in rows[1:] for cell in line]
    assert [c for c in cells if hostile in c] and all(
        c.startswith("'" + lead) for c in cells if hostile in c
    )
    assert not [c for c in cells if c and c[0] in "=+-@"]


@pytest.mark.parametrize("lead", ["\t", "\r"])
def test_csv_neutralises_a_cell_starting_with_tab_or_return(lead):
    # The worksheet's model strips leading blanks, so build the cells directly.
    report = Report("t", [Column("a"), Column("b")])
    report.add([f"{lead}=1+1", "plain"], {})
    body = to_csv(report).split("\r\n", 1)[1]
    # A tab is guarded; a return is a control character, shown escaped (text.safe).
    assert body.startswith(f"'{lead}=1+1,plain") or body.startswith("\\x0d=1+1,plain")


def test_markdown_keeps_arrows_and_full_has_every_field(tmp_path):
    path = _rich_worksheet(tmp_path)
    short = run("table", path, "--format", "markdown").stdout
    assert "45% -> 70% by 2027-06-30" in short and "&gt;" not in short
    assert "WHY-CRIT" not in short  # the template's four columns only
    full = run("table", path, "--format", "markdown", "--full").stdout
    for marker in ("WHY-CRIT", "PNOTE", "STATE-TESTS", "MNOTE", "NOT-ENGAGED", "ENGAGE-PLAN"):
        assert marker in full
    assert "| schools |" in full and "\\[shared-reading]" in full  # `[` escaped: no link


def test_text_stays_four_columns_and_full_lists_every_field(tmp_path):
    path = _rich_worksheet(tmp_path)
    short = run("table", path).stdout
    assert "Who can" in short and "Strategy" in short and "WHY-CRIT" not in short
    full = run("table", path, "--full").stdout
    for marker in ("WHY-CRIT", "PNOTE", "STATE-TESTS", "MNOTE", "NOT-ENGAGED", "ENGAGE-PLAN"):
        assert marker in full


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("args", [(), ("--full",)])
def test_dates_are_never_broken_across_lines_in_text(width, args):
    out = run("table", EXAMPLE, *args, width=width, color=True).stdout
    expected = len(DATE.findall(run("table", EXAMPLE, "-f", "markdown", *args).stdout))
    assert expected and len(DATE.findall(out)) == expected
