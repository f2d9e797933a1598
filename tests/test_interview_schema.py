"""One schema: the interview asks what model.py defines, with the wording kept for it."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pytest

from measurekit.core import model, operations, vocabulary
from measurekit.core import schema_walk as fields
from measurekit.core.fieldtypes import IsoDate, OptText, Value
from measurekit.interview import repair, steps
from measurekit.interview import wording as w
from measurekit.interview.asker import Checkbox, Confirm, Select, Text
from measurekit.interview.flow import Flow, new_worksheet
from measurekit.reports.formats import TableFormat
from measurekit.reports.handout import REFLECTION_LABELS

from .helpers import ENTER, TODAY, FakeAsker

ASKED = [(kind, field) for kind in fields.MODELS for field in fields.asked(kind)]


@pytest.mark.parametrize(("kind", "field"), ASKED, ids=[f"{k}.{f}" for k, f in ASKED])
def test_every_field_the_interview_asks_has_wording_and_a_way_to_ask_it(kind, field):
    assert fields.wording_key(kind, field) in w.QUESTIONS
    fields.spec(kind, field)  # a TypeError names a field whose type cannot be asked


def test_no_wording_is_left_for_a_field_that_is_not_asked():
    asked = {fields.wording_key(kind, field) for kind, field in ASKED}
    assert set(w.QUESTIONS) - asked == set()
    assert set(w.FOR_DESIRED) | set(w.CHOICES) <= asked


def test_the_interview_asks_each_model_in_its_order_minus_the_fields_not_asked():
    assert fields.asked("measure") == ("name", "type", "hypothesized", "baseline", "target",
                                       "target_date", "data_source", "story", "direction",
                                       "tolerance")
    assert fields.asked("next") == ("who", "what", "with_whom", "by_when", "partner", "done")
    for kind, cls in fields.MODELS.items():
        names = list(cls.model_fields)
        assert [n for n in names if n in fields.asked(kind)] == list(fields.asked(kind))
        assert "notes" not in fields.asked(kind)


def test_every_reflection_question_has_a_label_in_the_handout():
    assert set(model.REFLECTION_FIELDS) == set(fields.asked("reflection"))
    for field in (*model.REFLECTION_FIELDS, "notes"):
        assert field in REFLECTION_LABELS


def test_each_vocabulary_has_a_label_for_every_value_and_no_other():
    assert list(vocabulary.MEASURE_TYPE_LABELS) == list(vocabulary.MEASURE_TYPES)
    assert list(vocabulary.MEASURE_TYPE_QUESTIONS) == list(vocabulary.MEASURE_TYPES)
    for key, labels in w.CHOICES.items():
        kind = next(k for k, cls in fields.MODELS.items() if key.startswith(cls.__name__ + "."))
        spec = fields.spec(kind, key.split(".")[1])
        assert list(labels) == (list(spec.choices) if spec.sort == "choice" else [False, True])


def test_the_model_types_its_fields_with_the_vocabulary():
    assert fields.spec("measure", "type").choices == vocabulary.MEASURE_TYPES
    assert fields.spec("partner", "kind").choices == vocabulary.PARTNER_KINDS
    assert fields.spec("partner", "status").choices == vocabulary.PARTNER_STATUSES


class Measure(model.Measure):
    """The model with fields added after the others, as a later format version might."""

    remark: OptText = None
    polarity: Literal["up", "down"] | None = None
    reviewed: IsoDate | None = None
    estimate: Value = None
    shared: bool = False


@pytest.fixture
def measure_with_more_fields(monkeypatch):
    monkeypatch.setitem(fields.MODELS, "measure", Measure)
    monkeypatch.setitem(fields.KINDS, Measure, "measure")
    for field in ("remark", "polarity", "reviewed", "estimate", "shared"):
        monkeypatch.setitem(w.QUESTIONS, f"Measure.{field}", f"New question: {field}?")


def _partner_flow(script):
    data = new_worksheet()
    partner = {"id": "library", "name": "Library", "kind": "internal", "status": "current",
               "measures": []}
    data["partners"].append(partner)
    asker = FakeAsker(script)
    return Flow(asker, data, TODAY), partner, asker


def test_a_field_added_to_the_model_is_asked_after_the_others(measure_with_more_fields):
    flow, partner, asker = _partner_flow([
        ("measure.name", "Children at remark time"), ("measure.type", "how_much"),
        ("measure.hypothesized", ENTER), ("measure.baseline", "320"), ("measure.target", ""),
        ("measure.target_date", ""), ("measure.data_source", "Library counts"),
        ("measure.remark", "Counts rose after the summer"), ("measure.polarity", "up"),
        ("measure.reviewed", "2026-12-15"), ("measure.estimate", "45"), ("measure.shared", True),
    ])
    steps.add_measure(flow, partner)
    assert asker.done()
    by_key = {q.key: q for q in asker.asked}
    assert by_key["measure.remark"].message == "New question: remark?"
    assert isinstance(by_key["measure.remark"], Text) and not by_key["measure.remark"].required
    assert isinstance(by_key["measure.polarity"], Select)
    assert by_key["measure.polarity"].values() == ["up", "down"]
    assert isinstance(by_key["measure.reviewed"], Text) and by_key["measure.reviewed"].hint
    assert isinstance(by_key["measure.shared"], Confirm)
    measure = partner["measures"][0]
    assert measure["data_source"] == "Library counts"
    assert measure["remark"] == "Counts rose after the summer"
    assert (measure["polarity"], measure["reviewed"], measure["estimate"]) == ("up",
                                                                              "2026-12-15", 45)
    assert measure["shared"] is True


def test_an_invalid_saved_answer_to_an_added_field_is_asked_again(measure_with_more_fields):
    loc = ("partners", 0, "measures", 1, "polarity")
    assert repair._askable(loc, "literal_error", "expected up or down") == (
        "measure", ("partners", 0, "measures", 1), "polarity", "expected up or down")
    assert repair._askable(("partners", 0, "measures", 1, "notes"), "string_type", "x") is None


def test_a_field_of_a_type_the_interview_cannot_ask_is_named(monkeypatch):
    class Measure(model.Measure):
        counts: list[int] = []

    monkeypatch.setitem(fields.MODELS, "measure", Measure)
    with pytest.raises(TypeError, match=r"Measure\.counts"):
        fields.spec("measure", "counts")


def test_how_each_field_is_asked_follows_from_its_type():
    flow, partner, _ = _partner_flow([])
    shared = {"partners": [], "measures": []}
    ws = flow.ws

    def build(kind, field, obj):
        from measurekit.interview.questions import build

        return build(kind, field, obj, ws, date(2026, 11, 25), owner=None)

    assert isinstance(build("shared", "partners", shared), Checkbox)
    assert build("shared", "partners", shared).at_least_one  # the model's min_length=1
    assert build("work", "partners", {}).at_least_one is None
    assert build("shared", "measures", shared) is None  # no partner picked: nothing to pick
    pick = build("next", "partner", {})
    assert isinstance(pick, Select) and pick.values() == ["-", "library"]
    assert build("next", "by_when", {}).required and build("next", "by_when", {}).hint
    assert build("worksheet", "title", ws).required
    assert not build("worksheet", "facilitator", ws).required
    assert build("measure", "baseline", {}).parse("38") == 38


def test_every_reference_the_model_marks_is_kept_in_step_by_the_interview():
    refs = {(r.where, r.field, r.to) for r in fields.references()}
    assert refs == {("shared_measures", "partners", "partner"),
                    ("shared_measures", "measures", "measure"),
                    ("work_plan", "partners", "partner"), ("next_steps", "partner", "partner")}
    for ref in fields.references():
        assert ref.model.__name__ in w.REFERRING
    flow, partner, _ = _partner_flow([])
    partner["measures"].append({"id": "visits", "name": "Visits", "type": "how_much"})
    flow.ws["shared_measures"].append({"id": "on-level", "name": "On level",
                                       "partners": ["library"], "measures": ["visits"]})
    flow.ws["work_plan"].append({"what": "Agree", "partners": ["library"]})
    flow.ws["next_steps"].append({"who": "Sam", "what": "Call", "partner": "library"})
    assert flow.all_ids() == {"library", "visits", "on-level"}
    assert flow.references("partner", "library") == [
        "shared measure 'On level'", "work item 'Agree'", "next step 'Call'"]
    assert operations.rename_id(flow.ws, "library", "town-library") == 3
    assert flow.ws["work_plan"][0]["partners"] == ["town-library"]
    assert flow.ws["next_steps"][0]["partner"] == "town-library"
    operations.remove_measure(flow.ws, "visits")
    assert flow.ws["shared_measures"][0]["measures"] == [] and partner["measures"] == []


@pytest.mark.parametrize(("command", "words"), [
    ("table", [f.value for f in TableFormat]), ("interview", list(vocabulary.SECTIONS))])
def test_the_help_names_every_format_and_every_section(command, words):
    from typer.testing import CliRunner

    from measurekit.cli import app

    result = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
    shown = " ".join(result.output.split())
    assert vocabulary.one_of(words) + "." in shown
