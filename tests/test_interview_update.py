"""Updating a saved worksheet through the menu, with a scripted fake asker."""

from __future__ import annotations

from datetime import date

import pytest

from measurekit.core import store
from measurekit.core.errors import WorksheetInvalid

from .helpers import ENTER, REFLECTION, SMALL, interview, write_small


def test_update_one_target_leaves_the_rest_byte_for_byte(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    code, _ = interview(path, [
        ("partner.menu", "measures"), ("measures.list", "item:0"), ("measures.item", "edit"),
        ("measure.name", ENTER), ("measure.type", ENTER), ("measure.hypothesized", ENTER),
        ("measure.baseline", ENTER), ("measure.target", "550"), ("measure.target_date", ENTER),
        ("measure.data_source", ENTER), ("measures.list", "done"), ("partner.menu", "back"),
        ("finish", "save"),
    ], partner="library")
    assert code == 0
    changed = [(a, b) for a, b in zip(before.decode().splitlines(), path.read_text().splitlines(),
                                      strict=True) if a != b]
    assert changed == [("schema_version: 1", "schema_version: 2"),
                       ("updated: 2026-11-20", "updated: 2026-11-25"),
                       ("    target: 500", "    target: 550")]
    assert (tmp_path / "small.yaml.bak").read_bytes() == before


def test_rename_partner_updates_every_reference(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    code, asker = interview(path, [
        ("menu", "partner:0"), ("partner.menu", "rename"), ("partner.name", "City Library"),
        ("partner.new_id", ENTER), ("partner.menu", "back"), ("menu", "finish"), ("finish", "save"),
    ])
    question = next(q for q in asker.asked if q.key == "partner.new_id")
    assert "'library' to 'city-library'" in question.message
    assert "3 references" in question.message
    ws = store.load(path).worksheet
    assert ws.partners[0].id == "city-library"
    assert ws.shared_measures[0].partners == ["city-library", "schools"]
    assert ws.work_plan[0].partners == ["city-library", "schools"]
    assert ws.next_steps[1].partner == "city-library"


def test_rename_measure_updates_shared_measures(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    interview(path, [
        ("partner.menu", "measures"), ("measures.list", "item:1"), ("measures.item", "edit"),
        ("measure.name", "Children reading at grade level"), ("measure.new_id", True),
        *[(f"measure.{f}", ENTER) for f in ("type", "hypothesized", "baseline", "target",
                                            "target_date", "data_source")],
        ("measures.list", "done"), ("partner.menu", "back"), ("finish", "save"),
    ], partner="library")
    ws = store.load(path).worksheet
    assert ws.partners[0].measures[1].id == "children-reading-at-grade-level"
    assert ws.shared_measures[0].measures == ["children-reading-at-grade-level",
                                              "third-grade-reading"]


def test_remove_partner_asks_about_its_references(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    code, asker = interview(path, [
        ("partner.menu", "remove"), ("partner.remove", True), ("partner.remove_steps", "keep"),
        ("finish", "save"),
    ], partner="library")
    question = next(q for q in asker.asked if q.key == "partner.remove")
    assert "'Children reading on level'" in question.message and "1 work plan" in question.message
    ws = store.load(path).worksheet
    assert [p.id for p in ws.partners] == ["schools", "clinic"]
    assert ws.shared_measures[0].partners == ["schools"]
    assert ws.shared_measures[0].measures == ["third-grade-reading"]
    assert ws.work_plan[0].partners == ["schools"]
    assert ws.next_steps[1].partner is None and ws.next_steps[1].what == "Send the library counts"


def test_remove_partner_and_its_next_steps(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    interview(path, [("partner.menu", "remove"), ("partner.remove", True),
                     ("partner.remove_steps", "drop"), ("finish", "save")], partner="clinic")
    ws = store.load(path).worksheet
    assert [n.what for n in ws.next_steps] == ["Send the library counts"]


def test_remove_measure_is_taken_out_of_shared_measures(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    interview(path, [("partner.menu", "measures"), ("measures.list", "item:0"),
                     ("measures.item", "remove"), ("measure.remove", True),
                     ("measures.list", "done"), ("partner.menu", "back"), ("finish", "save")],
              partner="schools")
    ws = store.load(path).worksheet
    assert ws.partners[1].measures == []
    assert ws.shared_measures[0].measures == ["reading-level"]


def test_desired_partner_becomes_current(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    interview(path, [
        ("partner.menu", "status"), ("partner.confirm_measures", True),
        ("partner.walk_step", True), ("measures.list", "done"),
        ("partner.contribution", "Books at visits"), ("partner.strategy", ENTER),
        ("partner.menu", "back"), ("finish", "save"),
    ], partner="clinic")
    clinic = store.load(path).worksheet.partners[2]
    assert clinic.status == "current" and clinic.measures[0].hypothesized is False
    assert clinic.contribution == "Books at visits"
    assert clinic.why_not_engaged == "Nobody has asked them"  # kept: not asked about


def test_add_partner_from_the_menu(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    interview(path, [
        ("menu", "add-partner"), ("partner.name", "Port Halden Library"),
        ("partner.same", False), ("partner.name", "Port-Halden Library"),  # told apart
        ("partner.kind", "external"), ("partner.status", "current"),
        ("partner.why_critical", ""), ("partner.walk_step", False),
        ("menu", "finish"), ("finish", "save"),
    ])
    ws = store.load(path).worksheet
    assert ws.partners[3].id == "port-halden-library" and ws.partners[3].kind == "external"


def test_a_blank_name_backs_out_of_adding_from_the_menu(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    code, asker = interview(path, [
        ("menu", "add-partner"), ("partner.name", ""),  # Enter: no new partner after all
        ("menu", "finish"), ("finish", "save"),
    ])
    assert code == 0 and asker.refused == []
    assert path.read_bytes() == before  # nothing changed, nothing written


def test_details_and_reflection_sections(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    interview(path, [
        ("worksheet.title", "Reads by Eight, 2027"), ("worksheet.result", ENTER),
        ("indicators.add", False), ("worksheet.action_plan", "See the shared drive"),
        ("worksheet.facilitator", ""),
        ("finish", "menu"), ("menu", "reflection"),
        *[(f"reflection.{k}", ENTER) for k in REFLECTION[:-1]],
        ("reflection.results_culture", "Weekly huddles"), ("menu", "finish"), ("finish", "save"),
    ], section="details")
    ws = store.load(path).worksheet
    assert ws.title == "Reads by Eight, 2027" and ws.facilitator is None
    assert ws.action_plan == "See the shared drive"
    assert ws.reflection.results_culture == "Weekly huddles"


def test_shared_measures_section(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    interview(path, [
        ("shared.list", "add"), ("shared.name", "Books in homes"), ("shared.definition", ""),
        ("shared.partners", ["library", "clinic"]), ("shared.measures", ["clinic-visits"]),
        ("shared.baseline", "1200"), ("shared.target", "2000"), ("shared.target_date", "2027-12"),
        ("shared.list", "item:0"), ("shared.item", "remove"), ("shared.remove", True),
        ("shared.list", "done"), ("finish", "save"),
    ], section="shared-measures")
    (shared,) = store.load(path).worksheet.shared_measures
    assert (shared.id, shared.partners, shared.baseline, shared.target_date) == (
        "books-in-homes", ["library", "clinic"], 1200, date(2027, 12, 31))


def test_work_plan_mark_done_and_edit(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    interview(path, [
        ("work.list", "item:0"), ("work.item", "toggle"),
        ("work.list", "item:0"), ("work.item", "edit"), ("work.what", ENTER),
        ("work.lead", ENTER), ("work.partners", ["schools"]), ("work.start", "2027-02-01"),
        ("work.due", ENTER),  # refused: the saved due date is now before the start
        ("work.due", "2027-03-01"), ("work.list", "done"), ("finish", "save"),
    ], section="work-plan")
    (item,) = store.load(path).worksheet.work_plan
    assert item.done and item.partners == ["schools"] and item.due == date(2027, 3, 1)


def test_next_steps_mark_done_add_and_edit(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    interview(path, [
        ("next.list", "item:0"), ("next.item", "toggle"),
        ("next.list", "add"), ("next.who", "Ana"), ("next.what", "Invite the clinic"),
        ("next.with_whom", ""), ("next.by_when", "2026-12"), ("next.partner", "clinic"),
        ("next.list", "item:1"), ("next.item", "edit"), ("next.who", ENTER),
        ("next.what", ENTER), ("next.with_whom", "Sam"), ("next.by_when", ENTER),
        ("next.partner", ENTER), ("next.list", "done"), ("finish", "save"),
    ], section="next-steps")
    steps = store.load(path).worksheet.next_steps
    assert steps[0].done is True
    assert (steps[1].with_whom, steps[1].partner) == ("Sam", "library")
    assert (steps[2].partner, steps[2].step, steps[2].by_when) == ("clinic", 3, date(2026, 12, 31))


INVALID = SMALL.replace("    target_date: 2027-06-30", "    target_date: 2027-02-30").replace(
    "    type: better_off\n- id: clinic", "    type: better-off\n- id: clinic").replace(
    "  partner: library\n", "  partner: librry\n")


def test_invalid_saved_answers_are_shown_and_asked_again(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(INVALID)
    with pytest.raises(WorksheetInvalid):
        store.load(path)
    code, asker = interview(path, [
        ("measure.target_date", ENTER),  # refused again: the saved date is still not real
        ("measure.target_date", "2027-02-28"),
        ("measure.type", "better_off"),
        ("next.partner", "library"),
        ("menu", "finish"), ("finish", "save"),
    ])
    text = asker.text()
    assert "'2027-02-30' is not valid" in text and "'better-off' is not valid" in text
    assert "'librry' is not valid" in text and "did you mean 'library'" in text
    ws = store.load(path).worksheet
    assert ws.partners[0].measures[0].target_date == date(2027, 2, 28)
    assert ws.partners[1].measures[0].type == "better_off"
    assert ws.next_steps[1].partner == "library"
