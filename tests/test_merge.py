"""The three-way merge: its laws as properties (hypothesis), and the cases the interview meets."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from measurekit.core import operations as ops
from measurekit.core import store
from measurekit.core.merge import ABSENT, At, Unmergeable, merge
from measurekit.core.model import Measure, NextStep, Partner, Point, Worksheet

from .conftest import EXAMPLE

BASE = store.load_worksheet(EXAMPLE)
PARTNERS = [p.id for p in BASE.partners]
TEXT_FIELDS = ("contribution", "strategy", "why_critical", "notes")
REFLECTION = ("competition", "fragmentation", "notes")
words = st.text(alphabet="abcdefgh ", min_size=1, max_size=12).map(str.strip).filter(bool)


def edited(edits: list[tuple]) -> Worksheet:
    """A copy of BASE with the edits made through the operations, as a session would."""
    ws = BASE.model_copy(deep=True)
    for edit in edits:
        kind, *args = edit
        if kind == "text":
            pid, name, value = args
            if ws.partner(pid) is not None:
                setattr(ws.partner(pid), name, value)
        elif kind == "point":
            pid, day, value = args
            partner = ws.partner(pid)
            if partner is not None and partner.measures:
                ops.put_point(partner.measures[0], Point(date=day, value=value))
        elif kind == "measure":
            pid, name = args
            partner = ws.partner(pid)
            if partner is not None and ops.find(ws, f"{pid}-{name}") is None:
                partner.measures.append(Measure(id=f"{pid}-{name}", name=name, type="how_well"))
        elif kind == "partner":
            (name,) = args
            if ops.find(ws, f"new-{name}") is None:
                ws.partners.append(Partner(id=f"new-{name}", name=name, kind="external",
                                           status="desired"))
        elif kind == "reflection":
            name, value = args
            setattr(ws.reflection, name, value)
        elif kind == "remove" and ws.partner(args[0]) is not None:
            ops.remove_partner(ws, args[0], drop_next_steps=True)
        elif kind == "done" and args[0] < len(ws.next_steps):
            ops.mark_done(ws.next_steps[args[0]], on=date(2026, 12, 1))
        elif kind == "step":
            ws.next_steps.append(NextStep(who=args[0], what="call", by_when=date(2027, 1, 1)))
    return ws


def partner_edits(pids: list[str]) -> st.SearchStrategy[tuple]:
    pid = st.sampled_from(pids)
    return st.one_of(
        st.tuples(st.just("text"), pid, st.sampled_from(TEXT_FIELDS), words),
        st.tuples(st.just("point"), pid, st.dates(date(2020, 1, 1), date(2030, 1, 1)),
                  st.integers(0, 99)),
        st.tuples(st.just("measure"), pid, st.sampled_from(["m-a", "m-b"])),
    )


any_edit = st.one_of(
    partner_edits(PARTNERS),
    st.tuples(st.just("partner"), st.sampled_from(["x", "y", "z"])),
    st.tuples(st.just("reflection"), st.sampled_from(REFLECTION), words),
    st.tuples(st.just("remove"), st.sampled_from(PARTNERS)),
    st.tuples(st.just("done"), st.integers(0, 6)),
    st.tuples(st.just("step"), words),
)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("side", ["ours", "theirs"])
@FAST
@given(st.lists(any_edit, max_size=6))
def test_a_change_on_one_side_only_is_the_result(side, edits):
    """merge(b, x, b) = x and merge(b, b, y) = y."""
    changed = edited(edits)
    merged = merge(BASE, changed, BASE) if side == "ours" else merge(BASE, BASE, changed)
    assert merged.worksheet == changed and merged.conflicts == []


@FAST
@given(st.data())
def test_disjoint_edits_commute_and_both_are_kept(data):
    mine = data.draw(st.sets(st.sampled_from(PARTNERS), min_size=1, max_size=3))
    others = [p for p in PARTNERS if p not in mine]
    def new(names: list[str]) -> st.SearchStrategy[tuple]:  # partners added at the end
        return st.tuples(st.just("partner"), st.sampled_from(names))

    x = edited(data.draw(st.lists(partner_edits(sorted(mine)) | new(["x", "z"]),
                                  min_size=1, max_size=5)))
    y = edited(data.draw(st.lists(partner_edits(others) | new(["y", "w"]),
                                  min_size=1, max_size=5)))
    mine |= {"new-x", "new-z"}
    xy, yx = merge(BASE, x, y), merge(BASE, y, x)
    assert xy.conflicts == [] and yx.conflicts == []
    assert xy.worksheet == yx.worksheet
    for partner in xy.worksheet.partners:
        assert partner == (x if partner.id in mine else y).partner(partner.id)
    assert len(xy.worksheet.partners) == len(x.partners) + len(y.partners) - len(BASE.partners)


@FAST
@given(st.data())
def test_a_conflict_is_never_resolved_silently(data):
    """Random edits of partners' text on both sides: exactly the fields changed both ways,
    differently, are conflicts; the rest is merged; each conflict takes the side asked."""
    field_edit = st.tuples(st.just("text"), st.sampled_from(PARTNERS[:3]),
                           st.sampled_from(TEXT_FIELDS[:2]), words)
    x_edits = data.draw(st.lists(field_edit, max_size=5))
    y_edits = data.draw(st.lists(field_edit, max_size=5))
    x, y = edited(x_edits), edited(y_edits)
    both = {(pid, name) for pid in PARTNERS[:3] for name in TEXT_FIELDS[:2]
            if len({getattr(w.partner(pid), name) for w in (BASE, x, y)}) == 3}
    merged = merge(BASE, x, y)
    assert {(c.where[1].key, c.where[2]) for c in merged.conflicts} == both
    for pid, name in both:
        assert getattr(merged.worksheet.partner(pid), name) == getattr(y.partner(pid), name)
    ours = merge(BASE, x, y, take={c.where: "ours" for c in merged.conflicts}).worksheet
    for pid in PARTNERS[:3]:
        for name in TEXT_FIELDS[:2]:
            expected = x if (pid, name) in both or getattr(y.partner(pid), name) == getattr(
                BASE.partner(pid), name) else y
            assert getattr(ours.partner(pid), name) == getattr(expected.partner(pid), name)


def test_removed_on_one_side_changed_on_the_other_is_a_conflict():
    pid = PARTNERS[-1]
    ours = edited([("remove", pid)])
    theirs = edited([("text", pid, "contribution", "more than before")])
    merged = merge(BASE, ours, theirs)
    removed = [c for c in merged.conflicts if c.where == ("partners", At(pid))]
    assert removed and removed[0].ours is ABSENT
    assert merged.worksheet.partner(pid) is not None  # the file's value: kept
    assert merged.conflicts[0].path().startswith(f"partners[{pid}]")
    taken = merge(BASE, ours, theirs, take={c.where: "ours" for c in merged.conflicts})
    assert taken.worksheet.partner(pid) is None


def test_points_of_one_measure_on_different_dates_are_both_kept():
    pid = PARTNERS[0]
    ours = edited([("point", pid, date(2031, 1, 1), 1)])
    theirs = edited([("point", pid, date(2031, 2, 1), 2)])
    merged = merge(BASE, ours, theirs)
    history = merged.worksheet.partner(pid).measures[0].history
    assert merged.conflicts == [] and [p.value for p in history[-2:]] == [1, 2]
    same_day = merge(BASE, ours, edited([("point", pid, date(2031, 1, 1), 5)]))
    [conflict] = same_day.conflicts
    assert conflict.path() == f"partners[{pid}].measures[{BASE.partners[0].measures[0].id}]" \
        ".history[2031-01-01].value"


def test_a_merge_that_breaks_a_reference_is_refused():
    pid = PARTNERS[-1]
    ours = edited([("remove", pid)])
    theirs = BASE.model_copy(deep=True)
    theirs.next_steps.append(NextStep(who="Dana", what="Ask them", by_when=date(2027, 1, 1),
                                      partner=pid))
    with pytest.raises(Unmergeable, match=f"no partner has the id '{pid}'"):
        merge(BASE, ours, theirs)
