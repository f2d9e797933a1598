"""The handout's "How are we doing?" (a chart per measure) and "Since last time" sections."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest

from measurekit.core import store
from measurekit.core.model import Measure
from measurekit.reports.curve import curve

from .conftest import EXAMPLE, STARTER
from .report_support import measure, partner, run, worksheet, write_worksheet


def section(page: str, ident: str) -> str:
    found = re.search(rf'<section id="{ident}">.*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_every_measure_with_data_has_a_chart_its_status_and_story():
    result = run("report", EXAMPLE, "--as-of", "2026-12-31")
    assert result.exit_code == 0, result.output
    doing = section(result.stdout, "doing")
    assert "<h2>How are we doing?</h2>" in doing
    ws = store.load_worksheet(EXAMPLE)
    with_data = [m for p in ws.partners for m in p.measures if m.history]
    with_data += [s for s in ws.shared_measures if s.history]
    assert doing.count('<svg class="curve"') == len(with_data) >= 10
    assert "on track" in doing and "off track" in doing and "met · latest 385" in doing
    assert "The screening tool moved into probation intake" in doing  # a story
    assert "No data yet for:" in doing  # the desired partners' measures with targets


def test_a_worksheet_without_data_has_no_such_section():
    page = run("report", STARTER).stdout
    assert 'id="doing"' not in page and 'id="since"' not in page


def test_the_chart_draws_points_target_and_pace_line():
    m = Measure(id="m", name="M <&>", type="how_much", target=20, target_date=date(2026, 12, 31),
                history=[{"date": "2026-01-01", "value": 10}, {"date": "2026-06-30", "value": "14"},
                         {"date": "2026-09-30", "value": "n/a"}])
    svg = curve(m, date(2026, 12, 31))
    assert svg.startswith('<svg class="curve"') and svg.endswith("</svg>")
    assert svg.count("<circle") == 2  # the text value is not drawn
    assert 'class="target"' in svg and 'class="pace"' in svg
    assert "M &lt;&amp;&gt;" in svg and "<&>" not in svg
    # Before the first point there is nothing to draw.
    assert curve(m, date(2025, 12, 31)) == ""


def git(folder, *args):
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   cwd=folder, check=True, capture_output=True)


def test_report_since_a_revision_says_what_changed(tmp_path):
    data = worksheet(partners=[partner("library", measures=[measure("visits")]),
                               partner("clinic", "external", "desired")])
    path = write_worksheet(tmp_path, data, "ws.yaml")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    data["partners"][1]["status"] = "current"
    data["partners"][0]["measures"][0]["history"] = [{"date": "2026-06-30", "value": 12}]
    write_worksheet(tmp_path, data, "ws.yaml")
    result = run("report", path, "--since", "HEAD", "--as-of", "2026-12-31")
    assert result.exit_code == 0, result.output
    since = section(result.stdout, "since")
    assert "<h2>Since last time</h2>" in since and "now at the table" in since
    assert "new data" in since and "ws.yaml at HEAD" in since
    assert result.stdout.index('id="since"') < result.stdout.index('id="doing"')
    bad = run("report", path, "--since", "nope")
    assert bad.exit_code == 2 and "cannot read it at git revision 'nope'" in bad.output


def turning_worksheet(tmp_path):
    quarters = ("2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01")

    def line(*values):
        return [{"date": d, "value": v} for d, v in zip(quarters, values, strict=True)]

    data = worksheet(
        schema_version=3,
        indicators=[
            {"id": "on-grade", "name": "Children on grade level", "direction": "up",
             "history": line("40%", "41%", "43%", "46%"), "forecast": line(*["40%"] * 4),
             "story": "Summer reading reached twice as many children."},
            {"id": "teen-births", "name": "Teen births", "target": 10, "direction": "down"},
        ],
        partners=[partner("library", measures=[
            measure("visits", "how_much", baseline=100, target=120, target_date="2027-01-01",
                    history=line(100, 95, 90, 88), forecast=line(100, 95, 90, 85))])],
    )
    return write_worksheet(tmp_path, data)


@pytest.mark.parametrize("audience", ["team", "partners"])
def test_population_indicators_first_then_the_run_and_forecast_in_words(tmp_path, audience):
    path = turning_worksheet(tmp_path)
    page = run("report", path, "--as-of", "2026-12-31", "--audience", audience).stdout
    population, doing = section(page, "population"), section(page, "doing")
    assert "<h2>Is the population better off?</h2>" in population
    assert page.index('id="population"') < page.index('id="doing"')
    assert "Children on grade level" in population and "Children on grade" not in doing
    # 41, 43, 46 against a flat 40% forecast: better three periods in a row; and the
    # values rose three intervals in a row.
    assert "better for 3 periods; better than forecast for 3 periods: turning the curve" in (
        population)
    assert "No data yet for: Population indicator: Teen births." in population
    assert "Summer reading reached" in population
    # Falling (worse) for 3 periods, but above the forecast since the second quarter
    # (95 = 95 is the same; 90 = 90 the same; 88 > 85 better): one period.
    assert "worse for 3 periods; better than forecast for 1 period: turning the curve" in doing
    assert doing.count('class="forecast"') == 1 and population.count('class="forecast"') == 1


def test_the_forecast_is_a_dashed_line_and_the_target_a_solid_one():
    m = Measure(id="m", name="M", type="how_much", baseline=10, target=20,
                history=[{"date": "2026-01-01", "value": 10}, {"date": "2026-06-30", "value": 14}],
                forecast=[{"date": "2026-01-01", "value": 10}, {"date": "2027-01-01", "value": 12}])
    svg = curve(m, date(2026, 12, 31))
    forecast = re.search(r'<polyline class="forecast"[^>]*>', svg).group(0)
    target = re.search(r'<line class="target"[^>]*>', svg).group(0)
    assert "stroke-dasharray" in forecast and "stroke-dasharray" not in target
    # One forecast point: a flat line across the chart.
    flat = curve(m.model_copy(update={"forecast": m.forecast[:1]}), date(2026, 12, 31))
    ys = re.search(r'class="forecast" points="([^"]*)"', flat).group(1).split()
    assert len(ys) == 2 and ys[0].split(",")[1] == ys[1].split(",")[1]
