"""`measurekit trend`: one row per measure with its curve, figures and status."""

from __future__ import annotations

from fractions import Fraction

import pytest

from measurekit.core.model import Point
from measurekit.core.vocabulary import STATUSES
from measurekit.reports.trend import figure_text, sparkline

from .report_support import csv_rows, json_rows, measure, partner, run, worksheet, write_worksheet


def points(*pairs):
    return [{"date": d, "value": v} for d, v in pairs]


@pytest.fixture
def over_time(tmp_path):
    data = worksheet(
        schema_version=2,
        partners=[
            partner("library", measures=[
                measure("visits", "how_much", baseline=320, target=500, target_date="2027-06-30",
                        history=points(("2025-12-31", 320), ("2026-09-30", 410),
                                       ("2027-03-31", 480))),
                measure("waits", "how_well", complete=False, baseline=12, target=3,
                        history=points(("2026-03-31", "12"), ("2026-09-30", "9"))),
            ]),
            partner("clinic", "external", "desired", measures=[
                measure("books", "how_much", complete=False, history=points(
                    ("2026-06-30", "about forty")))]),
        ],
        shared_measures=[{
            "id": "on-level", "name": "Reading on level", "partners": ["library"],
            "baseline": "43%", "target": "60%", "target_date": "2028-06-30",
            "history": points(("2026-06-30", "45%")), "story": "New coaches.",
        }],
    )
    return write_worksheet(tmp_path, data)


def test_json_rows_one_per_measure_with_the_rule_figures(over_time):
    rows = json_rows(run("trend", over_time, "--as-of", "2026-12-31", "--format", "json"))
    assert [(r["partner"], r["measure"], r["status"]) for r in rows] == [
        ("library", "visits", "on_track"), ("library", "waits", "better"),
        ("clinic", "books", "not_numeric"), (None, "on-level", "too_few_points"),
    ]
    assert all(r["status"] in STATUSES for r in rows)
    visits = rows[0]
    # The March 2027 point is after --as-of: it does not count.
    assert visits["latest"] == {"date": "2026-09-30", "value": 410} and visits["points"] == 2
    assert visits["first"] == {"date": "2025-12-31", "value": 320}
    assert (visits["change_since_baseline"], visits["pace"]) == (90, 410)
    assert (visits["target"], visits["target_date"], visits["direction"]) == (
        500, "2027-06-30", "up")
    assert rows[1]["direction"] == "down" and rows[1]["change_since_baseline"] == -3
    assert rows[3]["story"] == "New coaches." and rows[3]["change_since_baseline"] == 2


def test_as_of_moves_the_status(over_time):
    rows = json_rows(run("trend", over_time, "--as-of", "2027-04-01", "--format", "json"))
    assert rows[0]["status"] == "on_track" and rows[0]["latest"]["value"] == 480
    early = json_rows(run("trend", over_time, "--as-of", "2025-01-01", "--format", "json"))
    assert {r["status"] for r in early} == {"no_data"}


def test_text_table_with_sparkline_and_coloured_status(over_time):
    result = run("trend", over_time, "--as-of", "2026-12-31")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "How are we doing?" in out and "on track" in out and "(pace 410)" in out
    assert "▁█" in out and "\x1b[" not in out
    coloured = run("trend", over_time, "--as-of", "2026-12-31", color=True).stdout
    assert "\x1b[32m" in coloured and "\x1b[33m" in coloured  # green on track, yellow not numeric


def test_markdown_and_csv(over_time):
    md = run("trend", over_time, "--as-of", "2026-12-31", "--format", "markdown")
    assert md.exit_code == 0 and "| Partner | Measure | Trend |" in md.stdout
    rows = csv_rows(run("trend", over_time, "--as-of", "2026-12-31", "--format", "csv"))
    assert rows[0] == ["Partner", "Measure", "Trend", "First", "Latest", "Baseline", "Target",
                       "Status"]
    assert rows[1][:3] == ["Library", "visits", "▁█"] and rows[4][0] == "Shared"


def test_a_version_1_file_has_no_data_everywhere(tmp_path):
    path = write_worksheet(tmp_path, worksheet(partners=[partner("a", measures=[measure("m")])]))
    [row] = json_rows(run("trend", path, "--format", "json"))
    assert row["status"] == "no_data" and row["first"] is None


def test_bad_as_of_is_a_usage_error(over_time):
    result = run("trend", over_time, "--as-of", "next week")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_sparkline_scales_between_lowest_and_highest():
    def pts(*values):
        return [Point(date=f"2026-01-{i + 1:02d}", value=v) for i, v in enumerate(values)]

    assert sparkline(pts(1, 5, 9)) == "▁▅█"
    assert sparkline(pts("10%", "n/a", "30%")) == "▁·█"
    assert sparkline(pts(7, 7)) == "▄▄"
    assert sparkline(pts("n/a")) == "·" and sparkline([]) == ""
    assert len(sparkline(pts(*range(30)))) == 24


def test_figure_text():
    assert [figure_text(Fraction(x)) for x in ("410", "10/3", "5/2")] == ["410", "3.33", "2.5"]
