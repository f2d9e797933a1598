"""What the interview says while filling gaps and before saving (issue 18, items 7, 12, 15)."""

from __future__ import annotations

from typing import Any

from measurekit.core import store
from measurekit.interview.asker import Question

from .helpers import ENTER, REFLECTION, interview, write_small


def _menus(choices: dict[str, list[Any]]) -> Any:
    """A consultant who picks these menu choices in turn, and presses Enter elsewhere."""

    def answer(q: Question) -> Any:
        picks = choices.get(q.key)
        return picks.pop(0) if picks else ENTER

    return answer


def test_every_question_asked_for_a_gap_names_the_partner_and_the_measure(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    asked: list[Question] = []
    interview(path, [], partner="library", on_ask=asked.append,
              fallback=_menus({"partner.menu": ["missing", "back"], "finish": ["quit"]}))
    filling = asked[1:asked.index(next(q for q in asked[1:] if q.key == "partner.menu"))]
    measures = [q for q in filling if q.key.startswith("measure.")]
    assert measures, [q.key for q in filling]
    for q in measures:
        assert q.message.startswith("Port Halden Library · Children reading on level: "), q.message
    assert all("Port Halden Library" in q.message for q in filling)


def test_the_review_says_what_this_session_changed(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    code, asker = interview(path, [
        ("menu", "add-partner"), ("partner.name", "Bookmobile"), ("partner.kind", ENTER),
        ("partner.status", "current"), ("partner.why_critical", ""),
        ("partner.walk_step", False),
        ("menu", "reflection"), *[(f"reflection.{k}", "Data silos" if k == REFLECTION[0]
                                   else ENTER) for k in REFLECTION],
        ("menu", "finish"), ("finish", "save")])
    assert code == 0
    said = asker.text()
    assert "In this session:" in said
    assert "  Partners: added Bookmobile" in said
    assert "  Reflection: changed systems challenges" in said
    assert store.load(path).worksheet.partners[-1].name == "Bookmobile"


def test_a_review_with_nothing_changed_says_so(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    code, asker = interview(path, [("menu", "finish"), ("finish", "save")])
    assert "Nothing changed in this session." in asker.text()


def test_the_summary_table_is_shown_as_a_page(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    code, asker = interview(path, [("menu", "finish"), ("finish", "table"), ("finish", "quit")])
    assert any(kind == "page" and "Result in the center" in text for kind, text in asker.said)


def test_session_changes_name_what_was_added_changed_and_removed():
    from measurekit.core.model import Worksheet
    from measurekit.interview.review import session_changes

    from .helpers import SMALL

    before = store.parse(SMALL.encode(), "small").worksheet
    data = before.model_dump()
    library, schools, _clinic = data["partners"]
    library["contribution"] = "Story times and a reading club"
    library["measures"][1]["target"] = "60%"
    schools["measures"].append({"id": "attendance", "name": "Attendance", "type": "how_much"})
    del data["partners"][2]  # the clinic, with its next step
    data["next_steps"] = [n for n in data["next_steps"] if n["partner"] != "clinic"]
    after = Worksheet.model_validate(data)
    assert session_changes(before, after) == [
        "Partners: changed Port Halden Library (contribution); removed Harbor Clinic",
        "Measures: added Attendance (Port Halden Schools); changed Children reading on level "
        "(Port Halden Library) (target); removed Well-child visits with a book given "
        "(Harbor Clinic)",
        "Next steps: removed 'Call the clinic director'",
    ]
    assert session_changes(after, after) == []
