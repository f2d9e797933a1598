"""The handout's "How are we doing?" (a chart per measure) and "Since last time" sections."""

from __future__ import annotations

import html
import re
import subprocess
from datetime import date

import pytest

from measurekit.core import store
from measurekit.core.model import Measure
from measurekit.reports import doing
from measurekit.reports.curve import curve

from .conftest import EXAMPLE, STARTER
from .report_support import measure, partner, run, worksheet, write_worksheet


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


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
    assert "on track: 82% on 2026-09-30, 80.9% needed by then" in strip_tags(doing)
    assert "off track" in doing and "met: 385 on 2026-09-30, target 380" in strip_tags(doing)
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


# Issue 19 item 8: the curves read as a person would write them.
def per_cent(target="60%", history=("38%", "41%", "43%"), **fields):
    days = ["2026-03-31", "2026-06-30", "2026-09-30"][: len(history)]
    return Measure(id="m", name="M", type="how_well", baseline="38%", target=target,
                   target_date=date(2027, 12, 31),
                   history=[{"date": d, "value": v} for d, v in zip(days, history, strict=True)],
                   **fields)


def texts(svg: str, cls: str) -> list[str]:
    return re.findall(rf'<text class="{cls}"[^>]*>([^<]*)</text>', svg)


def test_the_y_axis_reads_in_the_unit_with_a_middle_gridline():
    svg = curve(per_cent(), date(2026, 12, 31))
    ticks = texts(svg, "tick")
    assert len(ticks) == 3 and all(t.endswith("%") for t in ticks), ticks
    top, middle, bottom = (float(t.rstrip("%")) for t in ticks)
    assert top - middle == middle - bottom > 0 and bottom <= 38 and top >= 60
    grid = re.search(r'<line class="grid" [^>]*y1="([\d.]+)"[^>]*y2="([\d.]+)"', svg)
    assert grid and grid.group(1) == grid.group(2)  # level, halfway up the axis
    plain = curve(per_cent(target=60, history=(38, 41, 43)).model_copy(
        update={"baseline": 38}), date(2026, 12, 31))
    assert not any(t.endswith("%") for t in texts(plain, "tick"))


def test_the_target_line_carries_the_exact_target():
    # The old chart labelled its top with the highest value drawn: 61 for a target of 60.
    m = per_cent(forecast=[{"date": "2026-03-31", "value": "38%"},
                           {"date": "2027-12-31", "value": "61%"}])
    svg = curve(m, date(2026, 12, 31))
    assert texts(svg, "target-label") == ["target 60%"]
    assert "61" not in " ".join(texts(svg, "tick") + texts(svg, "target-label"))
    odd = curve(per_cent(target="60.25%"), date(2026, 12, 31))
    assert texts(odd, "target-label") == ["target 60.25%"]


def test_numbers_have_thousands_separators_and_the_latest_point_its_value():
    m = Measure(id="m", name="M", type="how_much", baseline=12500, target=15000,
                target_date=date(2027, 12, 31),
                history=[{"date": "2026-03-31", "value": 12500},
                         {"date": "2026-09-30", "value": "13,250.5"}])
    svg = curve(m, date(2026, 12, 31))
    assert texts(svg, "latest") == ["13,250.5"]
    assert texts(svg, "target-label") == ["target 15,000"]
    assert all("," in t for t in texts(svg, "tick")), texts(svg, "tick")
    card = doing.how_are_we_doing(worksheet_of(m), date(2026, 9, 30))
    assert "on track: 13,250.5 now, 13,214.84 needed by today" in strip_tags(card)


def test_a_one_point_chart_shows_its_date_once():
    m = Measure(id="m", name="M", type="how_much",
                history=[{"date": "2026-09-30", "value": 40}])
    svg = curve(m, date(2026, 12, 31))
    assert texts(svg, "date") == ["2026-09-30"] and svg.count("2026-09-30") == 2  # + tooltip
    x = float(re.search(r'<circle cx="([\d.]+)"', svg).group(1))
    assert 0.4 < x / 300 < 0.7  # in the middle, not at an edge
    card = strip_tags(doing.how_are_we_doing(worksheet_of(m), date(2026, 12, 31)))
    assert "one point so far: 40 on 2026-09-30" in card


def test_a_card_whose_values_are_not_numbers_says_so():
    m = Measure(id="m", name="M", type="how_well", target="most",
                history=[{"date": "2026-09-30", "value": "most"}])
    card = doing.how_are_we_doing(worksheet_of(m), date(2026, 12, 31))
    assert "<svg" not in card
    assert "No chart: the values are not numbers." in card
    assert 'values are not numbers: the latest is &quot;most&quot;' in card


def test_the_status_line_is_plain_words_with_units():
    m = per_cent(target="95%", history=("62%", "82%"))
    m = m.model_copy(update={"baseline": "62%", "target_date": date(2027, 6, 30)})
    # 62% on 2026-03-31 to 95% on 2027-06-30: on 2026-06-30 the pace is 62 + 33 * 91/456.
    card = strip_tags(doing.how_are_we_doing(worksheet_of(m), date(2026, 6, 30)))
    assert "on track: 82% now, 68.6% needed by today" in card
    assert "pace 68" not in card and "target 95% by 2027-06-30" in card
    later = strip_tags(doing.how_are_we_doing(worksheet_of(m), date(2026, 12, 31)))
    assert "on track: 82% on 2026-06-30, 68.6% needed by then" in later


def test_dates_in_a_card_never_break_at_a_hyphen():
    card = doing.how_are_we_doing(worksheet_of(per_cent()), date(2026, 12, 31))
    outside = re.sub(r'<span class="nowrap">\d{4}-\d\d-\d\d</span>|<svg.*?</svg>', "", card)
    assert re.findall(r"\d{4}-\d\d-\d\d", outside) == []


def worksheet_of(m: Measure):
    from measurekit.core.model import Worksheet

    return Worksheet.model_validate(worksheet(partners=[partner("p", measures=[m.model_dump(
        mode="json", exclude_none=True)])]))


@pytest.mark.parametrize("audience", ["team", "partners"])
def test_a_current_partners_page_carries_its_own_curves(audience):
    """Issue 19 item 9: its measures' cards and those of the shared measures it is in."""
    ws = store.load_worksheet(EXAMPLE)
    probation = ws.partner("juvenile-probation")
    result = run("report", EXAMPLE, "--as-of", "2026-12-31", "--partner", "juvenile-probation",
                 "--audience", audience)
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert '<h3 class="doing">How are we doing?</h3>' in page
    names = re.findall(
        r'<div class="curve-card[^"]*"[^>]*><p class="whose">[^<]*</p><h3>([^<]*)</h3>', page)
    own = [m.name for m in probation.measures if m.history]
    shared = [s.name for s in ws.shared_measures if probation.id in s.partners and s.history]
    assert names == [html.escape(n) for n in own + shared] and len(own) >= 3 and shared
    assert page.count('<svg class="curve"') == len(names)
    # Another partner's measures stay on its own page.
    others = [m.name for p in ws.partners if p.id != probation.id for m in p.measures]
    assert not any(html.escape(n) in names for n in others)
