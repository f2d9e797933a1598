"""Multiple-choice questions that never lose what they do not show, and are never empty."""

from __future__ import annotations

from measurekit.core import store
from measurekit.core.gaps import find_gaps
from measurekit.interview.asker import Checkbox

from .helpers import ENTER, SMALL, interview

# `on-level` also feeds on the clinic's measure, though the clinic is not among its partners
OUTSIDE = SMALL.replace("measures: [reading-level, third-grade-reading]",
                        "measures: [reading-level, clinic-visits, third-grade-reading]")


def test_enter_through_a_shared_measure_keeps_a_measure_of_another_partner(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(OUTSIDE)
    asked = []
    code, asker = interview(path, [
        ("shared.list", "item:0"), ("shared.item", "edit"),
        ("shared.name", ENTER), ("shared.definition", ENTER), ("shared.partners", ENTER),
        ("shared.measures", ENTER), ("shared.baseline", ENTER), ("shared.target", ENTER),
        ("shared.target_date", ENTER), ("shared.list", "done"), ("finish", "save"),
    ], section="shared-measures", on_ask=asked.append)
    assert code == 0
    [measures] = [q for q in asked if q.key == "shared.measures"]
    assert isinstance(measures, Checkbox)
    assert "clinic-visits" in [v for v, _ in measures.choices]  # offered, and ticked
    assert list(measures.default) == ["reading-level", "clinic-visits", "third-grade-reading"]
    saved = store.load(path).worksheet.shared_measures[0]
    assert saved.measures == ["reading-level", "clinic-visits", "third-grade-reading"]


def test_a_shared_measure_fed_by_a_partner_outside_it_is_a_gap(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(OUTSIDE)
    gaps = [g for g in find_gaps(store.load(path).worksheet)
            if g.kind == "shared_measure_outside"]
    assert [(g.item, g.section) for g in gaps] == [("on-level", "shared-measures")]
    assert "Harbor Clinic is not among the partners sharing it" in gaps[0].message
