"""The interview and `record` turning the curve: which way is better when it cannot be read,
the forecast offered after a measure's third point, the result's indicators in a round and
in the interview's first section."""

from __future__ import annotations

import json
import subprocess
from datetime import date

import pytest
import yaml

from measurekit.core import store
from measurekit.core.gaps import find_gaps

from .helpers import (
    ENTER,
    MEASUREKIT,
    TODAY,
    finish,
    interview,
    needs_measurekit,
    terminal,
    write_small,
)
from .screen import Screen


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    return path


def add_measure(baseline: str, target: str, then: list) -> list:
    return [
        ("partner.menu", "measures"), ("measures.list", "add"),
        ("measure.name", "Days to a first visit"), ("measure.type", "how_well"),
        ("measure.hypothesized", ENTER), ("measure.baseline", baseline),
        ("measure.target", target), ("measure.target_date", ENTER),
        ("measure.data_source", ENTER), *then,
        ("measures.list", "done"), ("partner.menu", "back"), ("finish", "save"),
    ]


def test_the_direction_is_asked_when_a_target_has_no_baseline_to_read_it_from(small):
    # 14 days is the target, with no baseline: lower is better, and only the team knows it.
    code, asker = interview(small, add_measure(ENTER, "14", [("measure.direction", "down")]),
                            partner="library")
    assert code == 0
    days = store.load_worksheet(small).partners[0].measures[-1]
    assert days.direction == "down"
    [question] = [q for q in asker.asked if q.key == "measure.direction"]
    assert [label for _, label in question.choices] == [
        "Up: a higher value is better", "Down: a lower value is better"]


def test_the_direction_read_from_baseline_to_target_is_not_asked(small):
    code, asker = interview(small, add_measure("34", "14", []), partner="library")
    assert code == 0 and not any(q.key == "measure.direction" for q in asker.asked)
    days = store.load_worksheet(small).partners[0].measures[-1]
    assert days.direction is None  # read, not written


def with_history(path, measure_id: str, *points) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for partner in data["partners"]:
        for m in partner.get("measures", []):
            if m["id"] == measure_id:
                m["history"] = [{"date": d, "value": v} for d, v in points]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


ROUND = date(2026, 12, 31)
REST = [("record.value", ENTER), ("record.value", ENTER), ("record.value", ENTER)]


@pytest.mark.parametrize(("keep", "kept"), [(ENTER, True), (False, False)])
def test_the_third_point_brings_a_forecast_to_keep(small, keep, kept):
    with_history(small, "story-time", ("2026-06-30", 320), ("2026-09-30", 350))
    code, asker = interview(small, [
        ("record.date", ENTER), ("record.value", "390"), ("record.note", ENTER),
        ("record.forecast", keep), *REST, ("finish", "save")], record_on=ROUND)
    assert code == 0
    text = asker.text()
    assert "Forecast (a straight line through the points" in text and "●" in text
    ws = store.load_worksheet(small)
    story_time = ws.partners[0].measures[0]
    # x = 0, 92, 183 days; y = 320, 350, 390: the line to the target date, 2027-06-30.
    assert bool(story_time.forecast) == kept
    if kept:
        assert [p.date.isoformat() for p in story_time.forecast] == ["2026-06-30", "2027-06-30"]
        assert ws.schema_version == 3


def test_a_round_asks_the_indicators_first(small):
    data = yaml.safe_load(small.read_text(encoding="utf-8"))
    data["schema_version"] = 3
    data["indicators"] = [{"id": "on-grade", "name": "Third graders on grade level",
                           "direction": "up"}]
    small.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, asker = interview(small, [
        ("record.date", ENTER), ("record.value", "41%"), ("record.note", ENTER),
        ("record.value", ENTER), *REST, ("finish", "save")], record_on=ROUND)
    assert code == 0
    assert "Population indicator · Third graders on grade level" in asker.text()
    [indicator] = store.load_worksheet(small).indicators
    assert [(p.date, p.value) for p in indicator.history] == [(ROUND, "41%")]


def test_the_details_list_the_indicators_to_change_and_ask_their_tolerance_once_they_have_data(
        small):
    data = yaml.safe_load(small.read_text(encoding="utf-8"))
    data["schema_version"] = 3
    data["indicators"] = [{"id": "on-grade", "name": "Third graders on grade level",
                           "baseline": "38%", "target": "60%", "story": "Before the round",
                           "story_on": "2026-01-15",
                           "history": [{"date": "2026-06-30", "value": "41%"}]}]
    small.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    # `gaps` sends the indicator's stale story to the first section, which now reaches it.
    [stale] = [g for g in find_gaps(store.load_worksheet(small)) if g.kind == "stale_story"]
    assert stale.fix("small.yaml") == "measurekit interview small.yaml --section details"
    asked = []
    code, _ = interview(small, [
        ("worksheet.title", ENTER), ("worksheet.result", ENTER),
        ("indicators.list", "item:0"), ("indicators.item", "edit"),
        ("indicator.name", ENTER), ("indicator.baseline", ENTER), ("indicator.target", "65%"),
        ("indicator.target_date", "2028-06"), ("indicator.data_source", "State test"),
        ("indicator.story", "Summer reading helped"), ("indicator.tolerance", "1"),
        ("indicators.list", ENTER),  # Enter: done with them, on to the action plan
        ("worksheet.action_plan", ENTER), ("worksheet.facilitator", ENTER),
        ("finish", "save")], section="details", on_ask=lambda q: asked.append(q.key))
    assert code == 0
    assert "indicator.direction" not in asked  # read from 38% to 65%: up
    [indicator] = store.load_worksheet(small).indicators
    assert (indicator.target, indicator.target_date, indicator.data_source, indicator.story,
            indicator.story_on, indicator.tolerance) == (
        "65%", date(2028, 6, 30), "State test", "Summer reading helped", TODAY, 1)
    assert "stale_story" not in {g.kind for g in find_gaps(store.load_worksheet(small))}


@needs_measurekit
def test_an_indicator_typed_in_the_first_section_is_saved_and_trend_shows_its_row(tmp_path):
    child = terminal("interview", "reads.yaml", cwd=tmp_path, columns=80)
    screen = Screen(child)
    screen.choose("make a quick pass?", "\r")
    screen.ask("Title of the worksheet (required)", "Reads by Eight\r")
    screen.wait("The result in the center")
    child.send("Children read by eight\r")
    screen.ask("better off)? (y/N)", "y\r")  # right after the result, with it
    screen.wait("Name of the population indicator")
    child.send("Third graders reading on grade level\r")
    screen.ask("Baseline (where it stands now)", "41%\r")
    screen.ask("Target", "60%\r")
    screen.wait("Target date")
    child.send("2028-06\r")
    screen.ask("Data source", "State reading test\r")
    screen.ask("Add another population indicator? (y/N)", "\r")
    screen.wait("Results action plan")  # then the rest of the first section
    child.send("\rSam\r")
    screen.ask("Name a partner now? (Y/n)", "n\r")
    screen.ask("Add an item to the work plan? (Y/n)", "n\r")
    screen.ask("Add a next step? (Y/n)", "n\r")
    for question in ("systems", "roles", "conversations", "competition", "fragmentation",
                     "results culture"):
        screen.wait(question)
        child.send("\r")
    screen.wait("Population indicators: added Third graders reading on grade level")
    screen.choose("What now?", "\r")
    screen.wait("Saved")
    assert finish(child) == 0
    [indicator] = store.load_worksheet(tmp_path / "reads.yaml").indicators
    assert (indicator.id, indicator.baseline, indicator.target, indicator.target_date,
            indicator.data_source) == ("third-graders-reading-on-grade-level", "41%", "60%",
                                       date(2028, 6, 30), "State reading test")
    trend = subprocess.run([MEASUREKIT, "trend", "reads.yaml", "--format", "json"],
                           cwd=tmp_path, capture_output=True, text=True, check=True)
    [row] = [r for r in json.loads(trend.stdout) if r["measure"] == indicator.id]
    assert (row["indicator"], row["partner"], row["name"], row["target"]) == (
        True, None, "Third graders reading on grade level", "60%")
