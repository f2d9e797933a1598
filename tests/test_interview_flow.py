"""The interview's flow, driven by a scripted fake asker: new worksheets, drafts, files."""

from __future__ import annotations

from datetime import date

import pytest

from measurekit.core import store
from measurekit.core.errors import SavedBeside, UsageProblem, WorksheetInvalid
from measurekit.core.streams import Environment
from measurekit.interview import run
from measurekit.interview.draft import Draft, path_for

from .helpers import (
    ENTER,
    REFLECTION,
    SMALL,
    TODAY,
    FakeAsker,
    interview,
    keys_and_values,
    write_small,
)

NEW_START = [
    ("worksheet.title", ""),  # refused: a title is required
    ("worksheet.title", "Reads by Eight"),
    ("worksheet.result", "Children read on grade level by age eight"),
    # The result's population indicators, right after the result (issue 20).
    ("indicators.add", True), ("indicator.name", "Third graders reading on grade level"),
    ("indicator.baseline", "41%"), ("indicator.target", "60%"),
    ("indicator.target_date", "2028-06"), ("indicator.data_source", "State reading test"),
    ("indicators.more", True), ("indicator.name", "Kindergarten readiness"),
    ("indicator.baseline", "ready"), ("indicator.target", "70"), ("indicator.target_date", ""),
    ("indicator.data_source", ""),
    ("indicator.direction", "up"),  # no numeric baseline to read it from: asked
    ("indicators.more", False),
    ("worksheet.action_plan", "https://example.org/plan"),
    ("worksheet.facilitator", "Sam"),
    ("partners.add", True),
    ("partner.name", "Port Library"), ("partner.kind", "internal"),
    ("partner.status", "current"), ("partner.why_critical", "Open on weekends"),
    ("partners.more", True),
    ("partner.name", "Harbor Clinic"), ("partner.kind", "external"),
    ("partner.status", "desired"), ("partner.why_critical", "Sees every young child"),
    ("partner.why_not_engaged", "Nobody asked them"),
]
NEW_REST = [
    ("partners.more", False),
    ("measures.add", True),
    ("measure.name", "Children at story time"), ("measure.type", "how_much"),
    ("measure.hypothesized", ENTER), ("measure.baseline", "320"), ("measure.target", "45%"),
    ("measure.target_date", "2027-02-30"),  # refused: not a real date
    ("measure.target_date", "2027-06"), ("measure.data_source", ""),
    ("measures.more", False),
    ("partner.contribution", "Story times"), ("partner.strategy", "Books at home"),
    ("shared.add", True), ("shared.name", "Children reading on level"),
    ("shared.definition", ""), ("shared.partners", []),  # refused: at least one partner
    ("shared.partners", ["port-library", "harbor-clinic"]),
    ("shared.measures", ["children-at-story-time"]),
    ("shared.baseline", ""), ("shared.target", "60%"), ("shared.target_date", "2028-06-30"),
    ("shared.direction", "up"),  # no baseline to read it from: asked (issue 17, item 14)
    ("shared.more", False),
    ("work.add", True), ("work.what", "Data agreement"), ("work.lead", "Sam"),
    ("work.partners", ["port-library"]), ("work.start", "2027-02-01"),
    ("work.due", "2027-01-01"),  # refused: before the start
    ("work.due", "+3m"), ("work.more", False),
    ("next.add", True), ("next.who", "Sam"), ("next.what", "Call the library"),
    ("next.with_whom", "Ana"), ("next.by_when", "+2w"), ("next.partner", "port-library"),
    ("next.more", False),
    ("measures.add", True), ("measure.name", "Well-child visits"), ("measure.type", "how_much"),
    ("measure.hypothesized", ENTER), ("measure.baseline", ""), ("measure.target", ""),
    ("measure.target_date", ""), ("measure.data_source", ""), ("measures.more", False),
    ("partner.contribution", "Books at visits"), ("partner.strategy", ""),
    ("partner.engagement_plan", "Meet the director"),
    ("next.add", True), ("next.who", "Sam"), ("next.what", "Email the director"),
    ("next.with_whom", ""), ("next.by_when", "today"), ("next.more", False),
    *[(f"reflection.{k}", f"answer {i}") for i, k in enumerate(REFLECTION)],
    ("finish", "save"),
]


def test_new_worksheet_from_start_to_end(tmp_path):
    path = tmp_path / "reads.yaml"
    code, asker = interview(path, NEW_START + NEW_REST)
    assert code == 0
    assert [r for r, _ in asker.refused] == ["", "2027-02-30", "[]", "2027-01-01"]
    assert "not a real date" in asker.refused[1][1]
    ws = store.load(path).worksheet
    assert (ws.title, ws.action_plan, ws.facilitator) == (
        "Reads by Eight", "https://example.org/plan", "Sam")
    grade, ready = ws.indicators
    assert (grade.id, grade.baseline, grade.target, grade.target_date, grade.data_source,
            grade.direction) == ("third-graders-reading-on-grade-level", "41%", "60%",
                                 date(2028, 6, 30), "State reading test", None)
    assert (ready.id, ready.baseline, ready.target, ready.direction) == (
        "kindergarten-readiness", "ready", 70, "up")
    assert ws.schema_version == 3  # indicators are format version 3
    library, clinic = ws.partners
    assert (library.id, library.status, clinic.id, clinic.status) == (
        "port-library", "current", "harbor-clinic", "desired")
    m = library.measures[0]
    assert (m.id, m.baseline, m.target, m.target_date, m.hypothesized) == (
        "children-at-story-time", 320, "45%", date(2027, 6, 30), False)
    assert clinic.measures[0].hypothesized is True  # proposed for a desired partner
    assert clinic.why_not_engaged == "Nobody asked them"
    assert ws.shared_measures[0].partners == ["port-library", "harbor-clinic"]
    assert ws.shared_measures[0].measures == ["children-at-story-time"]
    assert ws.shared_measures[0].direction == "up"
    assert ws.work_plan[0].due == date(2027, 2, 25)
    assert [(n.partner, n.step, n.by_when) for n in ws.next_steps] == [
        ("port-library", 2, date(2026, 12, 9)), ("harbor-clinic", 3, TODAY)]
    assert ws.reflection.results_culture == "answer 5"
    assert ws.updated == TODAY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reads.yaml"]  # draft gone, no .bak
    assert "2 population indicators, 2 partners (1 current, 1 desired)" in asker.text()
    assert "Step 2 of 4 · Current partners · 1 of 1: Port Library" in asker.text()
    assert "Step 3 of 4 · Desired partners · 1 of 1: Harbor Clinic" in asker.text()


def test_interrupt_keeps_every_answer_and_resume_continues(tmp_path):
    path = tmp_path / "reads.yaml"
    with pytest.raises(KeyboardInterrupt):
        interview(path, NEW_START, interrupt=True)
    assert not path.exists()
    draft = Draft.load(path_for(path))
    assert draft.snapshot["partners"][1]["why_not_engaged"] == "Nobody asked them"
    assert draft.where == "Step 1 of 4 · Critical partners"
    code, asker = interview(path, [("draft", "resume")] + NEW_REST)
    assert code == 0
    assert "Resumed: 30 earlier answers restored." in asker.text()
    # the step being answered is shown again, with the answers already given in it
    assert "? Partner's name Harbor Clinic" in asker.text()
    ws = store.load(path).worksheet
    assert ws.title == "Reads by Eight" and len(ws.partners) == 2
    assert ws.partners[1].why_not_engaged == "Nobody asked them"
    assert not path_for(path).exists()


def test_discarding_a_draft_starts_again(tmp_path):
    path = tmp_path / "reads.yaml"
    with pytest.raises(KeyboardInterrupt):
        interview(path, NEW_START[:3], interrupt=True)
    assert path_for(path).exists()
    with pytest.raises(KeyboardInterrupt):
        interview(path, [("draft", "discard"), ("draft.discard", True),
                         ("worksheet.title", "Another")], interrupt=True)
    assert keys_and_values(Draft.load(path_for(path))) == [
        ("interview.pass", "full"), ("worksheet.title", "Another")]


def test_quit_without_saving_keeps_the_draft(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    code, asker = interview(path, [("menu", "reflection")]
                            + [(f"reflection.{k}", "x") for k in REFLECTION]
                            + [("menu", "finish"), ("finish", "quit")])
    assert code == 0 and path.read_bytes() == before
    assert "Not saved" in asker.text()
    code, asker = interview(path, [("draft", "resume"), ("finish", "save")])
    assert store.load(path).worksheet.reflection.competition == "x"


def test_enter_everywhere_changes_nothing(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    code, asker = interview(path, [("menu", "walk")],
                            fallback=lambda q: "save" if q.key == "finish" else ENTER)
    assert code == 0 and path.read_bytes() == before
    assert "Nothing changed" in asker.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.yaml"]
    keys = [q.key for q in asker.asked]
    assert "measure.target" not in keys  # lists that have items open as a menu, "done" first
    assert keys.count("partner.contribution") == 3 and "reflection.results_culture" in keys


def test_file_with_unknown_key_is_refused_as_by_validate(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL.replace("facilitator:", "facilitatr:"))
    with pytest.raises(WorksheetInvalid, match="did you mean 'facilitator'"):
        interview(path, [])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.yaml"]


def edited_elsewhere(path, when):
    """An on_ask hook: another terminal edits the file as the question `when` comes up."""

    def edit(q):
        if q.key == when:
            path.write_text(path.read_text().replace("Sam Whitfield", "Sam W."))

    return edit


def test_file_changed_on_disk_is_merged_with_the_answers(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    code, asker = interview(path, [("menu", "reflection"),
                                   *[(f"reflection.{k}", "x") for k in REFLECTION],
                                   ("menu", "finish"), ("finish", "save")],
                            on_ask=edited_elsewhere(path, "menu"))
    assert code == 0
    assert "changed on disk" in asker.text() and "Merged with the changes" in asker.text()
    saved = store.load(path).worksheet
    assert saved.facilitator == "Sam W." and saved.reflection.competition == "x"
    assert not list(tmp_path.glob("*.interview*.yaml")) and not path_for(path).exists()


def details(facilitator: str) -> list[tuple[str, object]]:
    return [("worksheet.title", ENTER), ("worksheet.result", ENTER), ("indicators.add", False),
            ("worksheet.action_plan", ENTER), ("worksheet.facilitator", facilitator),
            ("finish", "save")]


@pytest.mark.parametrize(("choice", "kept"), [("theirs", "Sam W."), ("ours", "Dana")])
def test_the_same_field_changed_both_ways_takes_the_side_chosen(tmp_path, choice, kept):
    path = tmp_path / "small.yaml"
    write_small(path)
    asked, edit = [], edited_elsewhere(path, "worksheet.facilitator")

    def on_ask(q):
        asked.append(q)
        edit(q)

    code, asker = interview(path, [*details("Dana"), ("merge.conflict", choice)],
                            section="details", on_ask=on_ask)
    assert code == 0
    [question] = [q for q in asked if q.key == "merge.conflict"]
    assert question.default == "theirs"  # Enter keeps the file's value
    assert "In small.yaml:  Sam W." in asker.text() and "Here:  Dana" in asker.text()
    assert store.load(path).worksheet.facilitator == kept


def test_comments_are_announced_before_saving(tmp_path):
    path = tmp_path / "small.yaml"
    original = write_small(path) + b"# a note by hand\n"
    path.write_bytes(original)
    code, asker = interview(path, [
        ("worksheet.title", "New title"), ("worksheet.result", ENTER), ("indicators.add", False),
        *[(f"worksheet.{f}", ENTER) for f in ("action_plan", "facilitator")],
        ("finish", "save")], section="details")
    assert "has comments" in asker.text()
    assert (tmp_path / "small.yaml.bak").read_bytes() == original


def test_no_terminal_refuses_and_writes_nothing(tmp_path):
    with pytest.raises(UsageProblem, match="needs a terminal"):
        run(tmp_path / "x.yaml", asker=FakeAsker([]),
            env=Environment(stdin_isatty=False, stdout_isatty=False, no_color=True, width=100))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kw,message", [
    ({"section": "nope"}, "unknown --section"),
    ({"partner": "nobody"}, "--partner: no partner has an id or name starting with 'nobody'"),
    ({"partner": "port halden"}, "could be any of: library .Port Halden Library.; schools "),
])
def test_unknown_section_or_partner(tmp_path, kw, message):
    path = tmp_path / "small.yaml"
    write_small(path)
    with pytest.raises(UsageProblem, match=message):
        run(path, asker=FakeAsker([]), **kw)


def test_section_on_a_new_file_is_a_usage_problem(tmp_path):
    with pytest.raises(UsageProblem, match="does not exist yet"):
        run(tmp_path / "new.yaml", asker=FakeAsker([]), section="reflection")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_does_not_exist_is_refused_before_any_question(tmp_path):
    from measurekit.core.errors import FileProblem

    with pytest.raises(FileProblem, match="does not exist"):
        run(tmp_path / "missing" / "x.yaml", asker=FakeAsker([]))
    assert list(tmp_path.iterdir()) == []


def test_quit_with_nothing_changed_leaves_no_draft(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    code, asker = interview(path, [("menu", "finish"), ("finish", "quit")])
    assert code == 0 and path.read_bytes() == before
    assert "nothing had changed" in asker.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.yaml"]


def test_without_partners_the_walk_skips_shared_measures(tmp_path):
    path = tmp_path / "bare.yaml"
    script = [
        ("worksheet.title", "Bare"), ("worksheet.result", "Everyone thrives"),
        ("indicators.add", False), ("worksheet.action_plan", ""), ("worksheet.facilitator", ""),
        ("partners.add", False), ("work.add", False), ("next.add", False),
        *[(f"reflection.{k}", "") for k in REFLECTION],
        ("finish", "save"),
    ]
    code, asker = interview(path, script)
    assert code == 0
    assert "Measures shared across partners" not in asker.text()
    assert store.load(path).worksheet.shared_measures == []


def test_a_blank_name_backs_out_of_adding_another_partner(tmp_path):
    path = tmp_path / "bare.yaml"
    script = [
        ("worksheet.title", "Bare"), ("worksheet.result", "Everyone thrives"),
        ("indicators.add", False), ("worksheet.action_plan", ""), ("worksheet.facilitator", ""),
        ("partners.add", True), ("partner.name", "Port Library"),
        ("partner.kind", "external"), ("partner.status", "desired"),
        ("partner.why_critical", ""), ("partner.why_not_engaged", ""),
        ("partners.more", True), ("partner.name", ""),  # changed their mind: no second partner
        ("shared.add", False), ("work.add", False), ("next.add", False),
    ]
    asker = FakeAsker(script, interrupt=True)
    with pytest.raises(KeyboardInterrupt):
        run(path, asker=asker, today=TODAY)
    assert asker.done() and asker.refused == []
    names = [q for q in asker.asked if q.key == "partner.name"]
    assert names[-1].required is False and "add none" in (names[-1].hint or "")
    draft = Draft.load(path_for(path))
    assert [p["name"] for p in draft.snapshot["partners"]] == ["Port Library"]
    assert "Desired partners" in asker.text()  # the walk went on to the next step


def test_saved_beside_a_changed_file_is_an_error_raised_to_the_command_line(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    asker = FakeAsker([*details("Dana"), ("merge.conflict", "beside")],
                      on_ask=edited_elsewhere(path, "worksheet.facilitator"))
    with pytest.raises(SavedBeside) as raised:
        run(path, asker=asker, today=TODAY, section="details")
    assert raised.value.exit_code == 1 and raised.value.beside.endswith("small.interview.yaml")
    assert "beside" in str(raised.value)
    assert store.load(tmp_path / "small.interview.yaml").worksheet.facilitator == "Dana"
    assert not path_for(path).exists()  # every answer is in the file beside: no draft left
