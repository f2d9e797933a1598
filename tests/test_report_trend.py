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
    assert rows[0] == ["Measure id", "Partner id", "Partner", "Measure", "First", "First date",
                       "Latest", "Latest date", "Baseline", "Target", "Target date", "Status",
                       "Pace", "Run", "Forecast", "Against forecast"]  # one value per cell
    assert rows[1][1:4] == ["library", "Library", "visits"] and rows[4][1:3] == ["", "Shared"]


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


@pytest.fixture
def turning(tmp_path):
    """A measure falling 5 a quarter was forecast to go on falling; it slowed to 2."""
    quarters = ("2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01")
    data = worksheet(
        schema_version=3,
        indicators=[{
            "id": "on-grade", "name": "Children on grade level", "baseline": "40%",
            "target": "60%", "tolerance": 1,
            "history": points(("2025-06-30", "40%"), ("2026-06-30", "44%")),
            "forecast": [{"date": "2025-06-30", "value": "40%"},
                         {"date": "2027-06-30", "value": "40%"}],
        }, {"id": "no-data-yet", "name": "Teen births", "direction": "down"}],
        partners=[partner("library", measures=[
            measure("visits", "how_much", baseline=100, target=120, target_date="2027-01-01",
                    history=points(*zip(quarters, (100, 95, 90, 88), strict=True)),
                    forecast=points(*zip(quarters, (100, 95, 90, 85), strict=True))),
        ])],
    )
    return write_worksheet(tmp_path, data)


def test_json_rows_have_the_forecast_the_run_and_the_indicators(turning):
    rows = json_rows(run("trend", turning, "--as-of", "2026-12-31", "--format", "json"))
    assert [(r["measure"], r["partner"], r["indicator"]) for r in rows] == [
        ("on-grade", None, True), ("no-data-yet", None, True), ("visits", "library", False)]
    grade, none, visits = rows
    # 44% against a flat 40% forecast, tolerance 1: better; one interval, up by 4: better.
    assert (grade["forecast_value"], grade["against_forecast"]) == (40, "better")
    assert (grade["run"], grade["run_direction"], grade["status"]) == (1, "better", "better")
    assert (none["status"], none["run"], none["forecast_value"]) == ("no_data", None, None)
    # 88 against 85 forecast; falling three quarters in a row; off the pace line to 120.
    assert (visits["forecast_value"], visits["against_forecast"]) == (85, "better")
    assert (visits["run"], visits["run_direction"], visits["status"]) == (3, "worse", "off_track")


def test_the_text_view_shows_the_run_and_the_forecast(turning):
    out = run("trend", turning, "--as-of", "2026-12-31", width=120).stdout
    assert "↓3" in out and "better than" in out and "forecast 85" in out  # falling, above it
    assert "↑1" in out and "forecast 40" in out
    assert "Population" in out  # an indicator, in the partner column
    csv_out = csv_rows(run("trend", turning, "--as-of", "2026-12-31", "--format", "csv"))
    run_of = dict(zip(csv_out[0], csv_out[3], strict=True))  # one value per cell
    assert (run_of["Run"], run_of["Forecast"], run_of["Against forecast"]) == ("↓3", "85", "better")


def test_every_status_in_every_format(tmp_path):
    from measurekit.core.vocabulary import STATUSES

    def one():
        return points(("2026-01-01", 10))

    def two():
        return points(("2026-01-01", 10), ("2026-06-30", 12))

    cases = {
        "met": measure("a", target=12, direction="up", history=two()),
        "on_track": measure("b", target=14, target_date="2026-12-31", history=two()),
        "off_track": measure("c", target=40, target_date="2026-12-31", history=two()),
        "better": measure("d", complete=False, direction="up", history=two()),
        "worse": measure("e", complete=False, direction="down", history=two()),
        "flat": measure("f", complete=False, tolerance=2, history=two()),
        "too_few_points": measure("g", complete=False, history=one()),
        "no_direction": measure("h", complete=False, target=5, history=two()),
        "not_numeric": measure("i", complete=False, history=points(("2026-01-01", "n/a"))),
        "no_data": measure("j", complete=False),
    }
    path = write_worksheet(tmp_path, worksheet(schema_version=3, partners=[
        partner("p", measures=list(cases.values()))]))
    rows = json_rows(run("trend", path, "--as-of", "2026-12-31", "--format", "json"))
    assert [r["status"] for r in rows] == list(cases) and set(cases) == set(STATUSES)
    for fmt in ("text", "markdown", "csv"):
        result = run("trend", path, "--as-of", "2026-12-31", "--format", fmt, width=200)
        assert result.exit_code == 0
        for status in STATUSES:
            assert status.replace("_", " ") in result.stdout, (fmt, status)
