"""The interview and `record` turning the curve: which way is better when it cannot be read,
the forecast offered after a measure's third point, the result's indicators in a round."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from measurekit.core import store

from .helpers import ENTER, interview, write_small


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
