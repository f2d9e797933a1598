"""The id rules, read from the model: refused on load, refused on save, checked on assignment."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from measurekit.core import store
from measurekit.core.errors import WorksheetInvalid
from measurekit.core.integrity import integrity_problems
from measurekit.core.model import Point
from measurekit.interview.flow import new_worksheet

from .conftest import EXAMPLE, SMALL
from .test_store import copy_of

WORK_ITEM = """\
work_plan:
  - what: Share the reading data
    partners: [schools, libary]
"""


def test_a_work_item_naming_an_unknown_partner_is_refused(write):
    with pytest.raises(WorksheetInvalid) as refused:
        store.load(write(SMALL + WORK_ITEM))
    [problem] = refused.value.problems
    assert problem.path == "work_plan[0].partners[1]"
    assert "no partner has the id 'libary' (did you mean 'library'?)" in problem.message
    assert problem.line is not None


def test_every_reference_the_model_marks_is_checked():
    """Each reference field (shared measures' partners and measures, work items' partners,
    next steps' partner) pointing nowhere is one problem at its path."""
    ws = store.load_worksheet(EXAMPLE)
    ws.shared_measures[0].partners.append("nobody")
    ws.shared_measures[0].measures.append("no-measure")
    ws.work_plan[0].partners.append("nobody")
    ws.next_steps[0].partner = "nobody"
    paths = {path for path, _ in integrity_problems(ws)}
    assert paths == {
        ("shared_measures", 0, "partners", len(ws.shared_measures[0].partners) - 1),
        ("shared_measures", 0, "measures", len(ws.shared_measures[0].measures) - 1),
        ("work_plan", 0, "partners", len(ws.work_plan[0].partners) - 1),
        ("next_steps", 0, "partner"),
    }


def test_the_same_rules_hold_for_the_interviews_dicts():
    data = new_worksheet()
    data["partners"] = [{"id": "a", "name": "A"}, {"id": "a", "name": "A again"}, {"name": "new"}]
    data["work_plan"] = [{"what": "x", "partners": ["a", "b"]}, "not yet an item"]
    found = dict(integrity_problems(data))
    assert set(found) == {("partners", 1, "id"), ("work_plan", 0, "partners", 1)}
    assert "already used by partners[0]" in found[("partners", 1, "id")]


def test_saving_after_dropping_the_first_partner_is_refused(tmp_path):
    path = copy_of(EXAMPLE, tmp_path)
    ws = store.load_worksheet(path)
    gone = ws.partners[0].id
    del ws.partners[0]
    with pytest.raises(WorksheetInvalid) as refused:
        store.save(ws, path)
    messages = [str(p) for p in refused.value.problems]
    assert messages and all(f"no partner has the id {gone!r}" in m or "no measure" in m
                            for m in messages)
    assert any(f"work_plan[0].partners[0]: no partner has the id {gone!r}" in m
               for m in messages), messages
    assert path.read_bytes() == EXAMPLE.read_bytes()  # nothing written, no .bak
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_an_invalid_assignment_is_refused_at_once(tmp_path):
    ws = store.load_worksheet(EXAMPLE)
    measure = ws.partners[0].measures[0]
    with pytest.raises(ValidationError):
        measure.target_date = "not a date"
    with pytest.raises(ValidationError):
        ws.title = ""
    measure.target_date = "2031-01-31"  # what a file could hold is taken, as a date
    assert measure.target_date.isoformat() == "2031-01-31"


def test_a_wrong_value_put_in_a_list_is_refused_on_save(tmp_path):
    path = copy_of(EXAMPLE, tmp_path)
    ws = store.load_worksheet(path)
    history = ws.partners[0].measures[0].history
    history.append("12 in March")  # a list edit, unchecked
    with pytest.raises(WorksheetInvalid) as refused:
        store.save(ws, path)
    [problem] = refused.value.problems
    assert problem.path == f"partners[0].measures[0].history[{len(history) - 1}]"
    assert problem.file == str(path)
    assert path.read_bytes() == EXAMPLE.read_bytes()
    history[-1] = Point(date="2031-03-01", value=12)
    assert store.save(ws, path).written


def test_the_cli_refuses_with_exit_1_and_writes_nothing(tmp_path, monkeypatch):
    """`record --from` through the CLI, on a worksheet that a bug made invalid on the way."""
    from typer.testing import CliRunner

    from measurekit.cli import app
    from measurekit.core import record

    path = copy_of(EXAMPLE, tmp_path)
    csv = tmp_path / "round.csv"
    measure = store.load_worksheet(path).partners[1].measures[0].id
    csv.write_text(f"measure,date,value\n{measure},2026-11-30,7\n")
    real_add = record.add

    def broken(ws, points):  # drops a partner that others still name
        del ws.partners[0]
        return real_add(ws, points)

    monkeypatch.setattr(record, "add", broken)
    result = CliRunner().invoke(app, ["record", str(path), "--from", str(csv)])
    assert result.exit_code == 1, result.output
    assert "work_plan[0].partners[0]: no partner has the id" in result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == EXAMPLE.read_bytes()
