"""The document operations: each on a Worksheet and on the interview's dicts, to the same end."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from measurekit.core import operations as ops
from measurekit.core import store
from measurekit.core.integrity import integrity_problems
from measurekit.core.model import NextStep, Point, WorkItem, Worksheet

from .conftest import EXAMPLE, SMALL
from .test_store import copy_of


@pytest.fixture
def ws() -> Worksheet:
    return store.load_worksheet(EXAMPLE)


def as_dicts(ws: Worksheet) -> dict:
    return copy.deepcopy(ws.model_dump())


def same_result(ws: Worksheet, data: dict) -> None:
    """The dicts, once validated, are the model: the operation did the same on both."""
    assert list(integrity_problems(ws)) == [] and list(integrity_problems(data)) == []
    assert Worksheet.model_validate(data) == ws


def test_rename_id_carries_every_reference(ws):
    data = as_dicts(ws)
    old = "juvenile-probation"
    pointing = len(ops.references_to(ws, old))
    assert pointing >= 3  # a shared measure, a work item, a next step
    for doc in (ws, data):
        assert ops.rename_id(doc, old, "probation") == pointing
        assert ops.references_to(doc, old) == []
    same_result(ws, data)
    assert ws.partners[0].id == "probation"
    assert "probation" in ws.shared_measures[0].partners


def test_rename_a_measure_id(ws):
    old = ws.shared_measures[0].measures[0]
    assert ops.rename_id(ws, old, "renamed-measure") == 1
    assert ws.shared_measures[0].measures[0] == "renamed-measure"
    assert ops.find(ws, "renamed-measure") is not None


@pytest.mark.parametrize("old,new,says", [
    ("nobody", "x", "no item has the id 'nobody'"),
    ("juvenile-probation", "district-attorney", "is taken already"),
    ("juvenile-probation", "Not An Id", "is not an id"),
])
def test_rename_refused(ws, old, new, says):
    before = ws.model_copy(deep=True)
    with pytest.raises(ops.Refused, match=says):
        ops.rename_id(ws, old, new)
    assert ws == before


def test_remove_partner_cascades_and_says_what_went(ws):
    data = as_dicts(ws)
    pid = "juvenile-probation"
    measures = [m.id for m in ws.partners[0].measures]
    steps = sum(1 for n in ws.next_steps if n.partner == pid)
    for doc in (ws, data):
        gone = ops.remove_partner(doc, pid, drop_next_steps=True)
        assert gone.measures == measures and len(gone.next_steps) == steps
        assert gone.shared and gone.work and gone.dropped_next_steps
        assert ops.find(doc, pid) is None and ops.references_to(doc, pid) == []
        assert all(ops.references_to(doc, m) == [] for m in measures)
    same_result(ws, data)
    assert all(n.partner != pid for n in ws.next_steps)


def test_remove_partner_keeps_its_next_steps_unlinked(ws, tmp_path):
    pid = "alder-unified-schools"
    steps = [n for n in ws.next_steps if n.partner == pid]
    gone = ops.remove_partner(ws, pid)
    assert gone.next_steps == steps and not gone.dropped_next_steps
    assert all(n.partner is None for n in steps) and all(n in ws.next_steps for n in steps)
    path = copy_of(EXAMPLE, tmp_path)
    assert store.save(ws, path).written  # valid: load, remove, save just works
    assert store.load_worksheet(path).partner(pid) is None


def test_a_shared_measure_only_the_partner_shared_goes_with_it(write):
    ws = store.load_worksheet(write(SMALL))
    ops.remove_partner(ws, "library")
    gone = ops.remove_partner(ws, "schools")
    assert [s.id for s in gone.emptied] == ["reading-level"]
    assert ws.shared_measures == [] and ws.partners == []


def test_cascade_changes_nothing(ws):
    before = ws.model_copy(deep=True)
    gone = ops.cascade(ws, "district-attorney")
    assert gone.partner is ws.partner("district-attorney") and ws == before
    with pytest.raises(ops.Refused, match="no partner has the id 'nobody'"):
        ops.cascade(ws, "nobody")


def test_remove_measure_drops_its_references(ws):
    data = as_dicts(ws)
    mid = ws.shared_measures[0].measures[0]
    for doc in (ws, data):
        named = ops.remove_measure(doc, mid)
        assert len(named) == 1 and ops.find(doc, mid) is None
    same_result(ws, data)
    with pytest.raises(ops.Refused):
        ops.remove_measure(ws, ws.shared_measures[0].id)  # a shared measure is not one


def test_add_points_added_replaced_same_and_sorted(ws):
    data = as_dicts(ws)
    mid = ws.partners[0].measures[0].id
    history = [p.date for p in ws.partners[0].measures[0].history]
    first, last = history[0], history[-1]
    there = ws.partners[0].measures[0].history[0]
    new = [(mid, Point(date=date(2031, 1, 1), value=5)),
           (mid, Point(date=date(2000, 1, 1), value="low")),
           (mid, Point(date=first, value=there.value, note=there.note)),  # the same
           (mid, Point(date=last, value=999))]
    assert ops.add_points(ws, new) == (2, 1)
    assert ops.add_points(data, [(m, p.model_dump()) for m, p in new]) == (2, 1)
    dates = [p.date for p in ws.partners[0].measures[0].history]
    assert dates == sorted(dates) and dates[0] == date(2000, 1, 1)
    same_result(ws, data)
    with pytest.raises(ops.Refused, match="no measure has the id 'nope'"):
        ops.add_points(ws, [("nope", new[0][1])])


def test_put_point_in_a_dict_without_history():
    measure: dict = {"id": "m", "name": "M", "type": "how_much"}
    assert ops.put_point(measure, {"date": "2026-01-01", "value": 1}) == "added"
    assert ops.put_point(measure, {"date": date(2026, 1, 1), "value": 1}) == "same"
    assert ops.put_point(measure, {"date": date(2026, 1, 1), "value": 2}) == "replaced"
    assert measure["history"] == [{"date": date(2026, 1, 1), "value": 2}]


def test_mark_done_records_the_day_of_a_next_step(ws):
    step = ws.next_steps[0]
    ops.mark_done(step, on=date(2026, 12, 1))
    assert step.done and step.done_on == date(2026, 12, 1)
    ops.mark_done(step, done=False)
    assert not step.done and step.done_on is None
    item = ws.work_plan[0]
    ops.mark_done(item)
    assert item.done and "done_on" not in WorkItem.model_fields
    as_dict = {"who": "A", "what": "B", "by_when": "2026-01-01"}
    ops.mark_done(as_dict, on=date(2026, 2, 2), model=NextStep)
    assert as_dict["done_on"] == date(2026, 2, 2)
    work_dict = {"what": "x"}
    ops.mark_done(work_dict, model=WorkItem)
    assert work_dict == {"what": "x", "done": True}
