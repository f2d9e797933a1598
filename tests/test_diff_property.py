"""`diff` reports every change, derived from the model: each field of a worksheet in turn.

The worksheet below fills every field of every model. The property changes one field
(any field, at any depth, to any valid value of its type) and asserts that `changes`
reports it with the old and the new value; the issue's list of misses is pinned too.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from measurekit.core import schema_walk
from measurekit.core.model import Point, Worksheet
from measurekit.reports.changes import changes

from .report_support import measure, partner, worksheet

FULL = worksheet(
    schema_version=2,
    action_plan="The county plan", facilitator="Ana", updated="2026-11-30", notes="Kept",
    partners=[
        partner("library", why_critical="Books", contribution="Reading hours",
                strategy="Evening sessions", notes="Open late", measures=[measure(
                    "visits", "how_much", hypothesized=True, data_source="Gate counts",
                    story="Summer dip", direction="up", notes="Daily", baseline_date="2026-01-31",
                    story_on="2026-07-01", tolerance=5,
                    history=[{"date": "2026-03-31", "value": 320, "note": "Spring"},
                             {"date": "2026-06-30", "value": 340}],
                    forecast=[{"date": "2026-12-31", "value": 330, "note": "Flat"}])]),
        partner("clinic", "external", "desired", why_not_engaged="Busy",
                engagement_plan="Invite the director", measures=[measure("books", "how_well")]),
    ],
    shared_measures=[{"id": "on-level", "name": "Reading on level", "definition": "Grade 3",
                      "partners": ["library", "clinic"], "measures": ["visits"],
                      "baseline": 40, "target": 60, "target_date": "2028-06-30",
                      "story": "Rising", "direction": "up", "notes": "From schools",
                      "history": [{"date": "2026-06-30", "value": "41%"}]}],
    indicators=[{"id": "reading-rate", "name": "Third graders reading on level",
                 "history": [{"date": "2026-06-30", "value": "38%"}], "target": "60%",
                 "target_date": "2030-06-30", "direction": "up", "tolerance": 1,
                 "data_source": "State test", "story": "Slow", "baseline_date": "2025-06-30",
                 "forecast": [{"date": "2027-06-30", "value": "37%"}]}],
    work_plan=[{"what": "Data agreement", "lead": "Sam", "partners": ["library"],
                "start": "2026-10-01", "due": "2026-12-01", "notes": "Draft"}],
    next_steps=[{"who": "Ana", "what": "Send the counts", "with_whom": "Sam",
                 "by_when": "2026-12-01", "partner": "clinic", "step": 3, "notes": "Soon"}],
    reflection={"systems_challenges": "Data silos", "role_challenges": "Turnover",
                "conversations_needed": "Monthly", "competition": "Grants",
                "fragmentation": "Two boards", "results_culture": "Growing", "notes": "More"},
)
BASE = Worksheet.model_validate(FULL)
IDS = ["library", "clinic", "visits", "books", "on-level"]


def _paths(item: BaseModel, at: tuple = ()) -> list[tuple[tuple, type[BaseModel], str]]:
    """Every field of every item in the worksheet: (path to the item, its model, field)."""
    model, found = type(item), []
    for name in model.model_fields:
        inner = schema_walk.nested(model, name)
        if inner is None:
            found.append((at, model, name))
        elif inner[1]:
            for i, obj in enumerate(getattr(item, name)):
                found += _paths(obj, (*at, name, i))
        else:
            found += _paths(getattr(item, name), (*at, name))
    return found


# Bookkeeping measurekit keeps itself (Facts(diff=None)): never reported as a change.
PATHS = [p for p in _paths(BASE) if schema_walk.facts(p[1], p[2]).diff is not None]
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
               min_size=1, max_size=12).map(str.strip).filter(bool)


def values(model: type[BaseModel], name: str) -> st.SearchStrategy[Any]:
    """Any valid value of the field's type, as the interview would ask it."""
    if name == "id":
        return st.sampled_from(["renamed-one", "x2"])
    if schema_walk.refers_to(model, name):
        ids = st.sampled_from(IDS)
        return st.lists(ids, min_size=1, max_size=3) if "partners" in name or "measures" in name \
            else st.none() | ids
    info = model.model_fields[name]
    optional = st.none() if not info.is_required() else st.nothing()
    try:
        spec = schema_walk._spec(model, name)
    except TypeError:  # a number the interview does not ask (a tolerance)
        return optional | st.integers(0, 10**6) | st.floats(0, 10**6, allow_nan=False)
    by_sort = {
        "text": text, "date": st.dates(date(2000, 1, 1), date(2040, 12, 31)),
        "yesno": st.booleans(), "choice": st.sampled_from(spec.choices),
        "value": st.integers(-10**6, 10**6) | text,
        # Within what measurekit keeps of a number: finite, at most 15 significant digits.
        "number": st.integers(0, 10**6) | st.floats(0, 10**6).map(lambda x: round(x, 6)),
    }
    return optional | by_sort[spec.sort]


def _at(data: dict, path: tuple) -> dict:
    for part in path:
        data = data[part]
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_diff_reports_each_field_changed_with_its_old_and_new_value(data):
    path, model, name = data.draw(st.sampled_from(PATHS), label="field")
    new_value = data.draw(values(model, name), label="value")
    raw = BASE.model_dump()
    item = _at(raw, path)
    old_value = item[name]
    item[name] = new_value
    try:
        new = Worksheet.model_validate(raw)
    except ValidationError:
        assume(False)
    new_value = getattr(_item(new, path), name)  # as the model holds it
    old_item = _item(BASE, path)
    assume(new_value != old_value and _item(new, path) is not None)
    found = changes(BASE, new)
    said = schema_walk.facts(model, name)
    if said.key:  # what names an item without an id: that item is gone, another one new
        assert any(c.kind.endswith("_removed") for c in found), found
        assert any(c.kind.endswith("_added") or c.kind == "data_point" for c in found), found
    elif said.diff in ("next_step_done", "work_done") and new_value is True:
        assert [c.kind for c in found] == [said.diff], found
    elif name == "id":
        assert [(c.kind, c.old, c.new) for c in found] == [("renamed", old_value, new_value)]
    else:
        assert len(found) == 1, found
        change = found[0]
        assert (change.old, change.new) == (old_value, new_value), found
        # A corrected value is reported by its point's date, as new data is.
        point_value = model is Point and name == "value"
        assert change.field == (old_item.date.isoformat() if point_value else name), found
        if point_value:  # a forecast point is not data
            assert change.kind == ("data_point_changed" if path[-2] == "history"
                                   else "forecast_point_changed"), found


def _item(ws: BaseModel, path: tuple) -> Any:
    item: Any = ws
    for part in path:
        item = item[part] if isinstance(part, int) else getattr(item, part)
    return item


MISSED = {  # what diff missed before it was derived from the model (issue 20)
    "title": (("title",), "New title", "changed"),
    "contribution": (("partners", 0, "contribution"), "Story hours", "changed"),
    "strategy": (("partners", 0, "strategy"), "Weekend sessions", "changed"),
    "data source": (("partners", 0, "measures", 0, "data_source"), "Door sensor", "changed"),
}


@pytest.mark.parametrize("what", MISSED)
def test_fields_diff_missed(what):
    path, value, kind = MISSED[what]
    raw = copy.deepcopy(FULL)
    _at(raw, path[:-1])[path[-1]] = value
    found = changes(BASE, Worksheet.model_validate(raw))
    assert [(c.kind, c.field, c.new) for c in found] == [(kind, path[-1], value)]


def test_items_removed_and_points_changed():
    raw = copy.deepcopy(FULL)
    raw["next_steps"] = []
    raw["work_plan"] = []
    visits = raw["partners"][0]["measures"][0]
    visits["history"] = [{"date": "2026-03-31", "value": 325, "note": "Spring"}]
    found = [(c.kind, c.field, c.old, c.new) for c in changes(BASE, Worksheet.model_validate(raw))]
    assert found == [
        ("data_point_changed", "2026-03-31", 320, 325),
        ("data_point_removed", "2026-06-30", 340, None),
        ("next_step_removed", "by_when", date(2026, 12, 1), None),
        ("work_removed", None, None, None),
    ]


def test_indicators_and_forecasts_are_their_own_kinds():
    raw = copy.deepcopy(FULL)
    raw["indicators"].append({"id": "attendance", "name": "School attendance"})
    raw["partners"][0]["measures"][0]["forecast"] = [{"date": "2027-06-30", "value": 335}]
    found = [(c.kind, c.measure, c.field, c.old, c.new, c.what)
             for c in changes(BASE, Worksheet.model_validate(raw))]
    assert found == [
        ("indicator_added", "attendance", None, None, None, "Indicator: School attendance"),
        ("forecast_point_added", "visits", "2027-06-30", None, 335,
         "Library: visits on 2027-06-30"),
        ("forecast_point_removed", "visits", "2026-12-31", 330, None,
         "Library: visits on 2026-12-31"),
    ]

