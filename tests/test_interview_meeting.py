"""The interview driven fast in a live meeting: a real terminal, 80 columns, keys typed ahead.

Each test types its keys as soon as the prompt it waits for appears, often with the
answers to the next questions already in the same burst, as a fast typist does.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pexpect
import pytest

from measurekit.core import store
from measurekit.interview.dates import parse as parse_date
from measurekit.interview.draft import Draft, path_for

from . import helpers
from .helpers import MEASUREKIT, TIMEOUT, answer, finish, needs_measurekit, terminal, write_small
from .helpers import Keyboard as K

pytestmark = needs_measurekit
SHIFT_TAB = "\x1b[Z"
spawn = partial(terminal, "interview", columns=80, log=True)  # the log: what was shown


def shown(child: pexpect.spawn) -> str:
    return child.logfile_read.getvalue()


def interrupt(child: pexpect.spawn) -> dict:
    """Ctrl-C, then the worksheet so far as the draft keeps it."""
    child.sendcontrol("c")
    child.expect_exact("Your answers so far are saved in")
    assert finish(child) == 130
    [draft] = Path(child.cwd).glob(".*.draft")
    loaded = Draft.load(draft)
    assert loaded is not None
    return loaded.snapshot


def opening(child: pexpect.spawn) -> None:
    """A new worksheet up to its first partner's reason (typed ahead, as one burst)."""
    helpers.opening(child, then="\r\r")


# --- defect 1: a yes/no question waits for Enter ---------------------------------------------


def test_yes_then_enter_adds_the_partner(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    opening(child)
    answer(child, "Why is Port Library critical", "Weekend hours\r")
    answer(child, "Add another partner?", "y\rCounty Library\r")  # the Enter is the yes's own
    answer(child, "Is County Library inside or outside", "\r")
    answer(child, "Is County Library already part", "\r")
    child.expect_exact("Why is County Library critical")
    ws = interrupt(child)
    assert [p["name"] for p in ws["partners"]] == ["Port Library", "County Library"]


def test_words_typed_ahead_do_not_answer_a_yes_no_question(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    opening(child)
    # Two answers typed ahead where only one text question comes: the second lands on
    # "Add another partner?", and its y and n must not count as an answer.
    answer(child, "Why is Port Library critical", "Weekend hours\rSunday story nights\r")
    child.expect_exact("type y or n, then Enter")
    child.send(K.CTRL_U + "n\r")
    answer(child, "Add a performance measure for Port Library?", "n\r")
    child.expect_exact("Port Library's aligned contribution")
    ws = interrupt(child)
    assert ws["partners"][0]["why_critical"] == "Weekend hours"
    assert len(ws["partners"]) == 1 and "measures" not in ws["partners"][0]


# --- defect 3: what a shortcut or a choice means is shown -----------------------------------


@pytest.mark.parametrize("typed", ["+6m", "today", "2026-12"])
def test_a_date_shortcut_is_echoed_as_the_plain_date(tmp_path, typed):
    write_small(tmp_path / "small.yaml")
    child = spawn("small.yaml", "--partner", "library", cwd=tmp_path)
    answer(child, "what would you like to do?", K.DOWN + "\r")  # its measures
    answer(child, "Choose one of the performance measures", "\r")  # the first
    answer(child, "what would you like to do?", "\r")  # change its answers
    answer(child, "name of the performance measure", "\r\r\r\r\r")
    answer(child, "Target date", K.CTRL_U + typed + "\r")
    plain = parse_date(typed, date.today()).isoformat()
    child.expect_exact(f"= {plain}")  # as soon as the answer is accepted...
    child.expect_exact("Data source")  # ...before the next question
    child.sendcontrol("c")
    assert finish(child) == 130


def test_a_multi_select_shows_the_names_chosen(tmp_path):
    write_small(tmp_path / "small.yaml")
    child = spawn("small.yaml", "--section", "shared-measures", cwd=tmp_path)
    answer(child, "Choose one of the shared measures", "\r")
    answer(child, "what would you like to do?", "\r")  # change its answers
    answer(child, "Name of the shared measure", "\r\r")
    answer(child, "Which partners share it?", "\r")
    child.expect_exact("= Port Halden Library, Port Halden Schools")
    child.sendcontrol("c")
    assert finish(child) == 130


# --- defect 7: said once, and no promise that everything can be skipped ---------------------


def test_the_file_changed_message_is_printed_once(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    child.expect_exact("systems")
    path.write_text(path.read_text().replace("Sam Whitfield", "Sam W."))
    child.send("Tension over data\r\r\r\r\r\r")
    answer(child, "What now?", "\r")
    child.expect_exact("Saved small.yaml")  # merged: the change on disk and the answers
    assert finish(child) == 0
    assert " ".join(shown(child).split()).count("changed on disk") == 1


def test_the_opening_lines_say_which_questions_need_an_answer(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    child.expect_exact("says (required)")  # "skip a question ... unless it says (required)"
    answer(child, "make a quick pass?", "\r")
    answer(child, "(required)", "\r")
    child.expect_exact("an answer is needed here")
    child.sendcontrol("c")
    finish(child)


# --- defect 4: throwing a draft away asks first ---------------------------------------------


def _leave_a_draft(tmp_path: Path) -> None:
    child = spawn("reads.yaml", cwd=tmp_path)
    opening(child)
    child.expect_exact("Why is Port Library critical")
    interrupt(child)


def test_discarding_a_draft_asks_and_defaults_to_resume(tmp_path):
    _leave_a_draft(tmp_path)
    child = spawn("reads.yaml", cwd=tmp_path)
    answer(child, "Resume where you stopped?", K.DOWN + "\r")  # discard...
    answer(child, "Throw away the 10 answers", "\r")  # ...but Enter keeps them
    child.expect_exact("Resumed: 10 earlier answers restored.")
    child.expect_exact("Why is Port Library critical")
    child.sendcontrol("c")
    assert finish(child) == 130

    child = spawn("reads.yaml", cwd=tmp_path)
    answer(child, "Resume where you stopped?", K.DOWN + "\r")
    answer(child, "Throw away the 10 answers", "y\r")
    child.expect_exact("make a quick pass?")
    child.sendcontrol("c")
    finish(child)
    assert not path_for(tmp_path / "reads.yaml").exists()


# --- defect 2: Shift+Tab goes back ----------------------------------------------------------


def test_shift_tab_goes_back_with_the_answer_ready_to_edit(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    child.expect_exact("Shift+Tab goes back")
    answer(child, "make a quick pass?", "\r")  # Enter: the full walk-through
    answer(child, "Title of the worksheet", "Reads\r")
    answer(child, "The result in the center", "Children read by eight\r")
    answer(child, "Add a population indicator", SHIFT_TAB)
    answer(child, "The result in the center", "")
    child.expect_exact("Children read by eight")  # the answer, shown for editing
    child.send(SHIFT_TAB)  # and again: back to the title
    answer(child, "Title of the worksheet", "")
    child.expect_exact("Reads")
    # Edit the title; Enter keeps the result, adds no indicator, leaves the action plan.
    child.send(" by Eight\r\r\r\rSam\r")
    answer(child, "Name a partner now?", SHIFT_TAB)  # back across steps
    answer(child, "Facilitator", "")
    child.expect_exact("Sam")
    child.send(K.CTRL_U + "Sam Reyes\r")
    answer(child, "Name a partner now?", "n\r")
    child.expect_exact("Add an item to the work plan?")
    ws = interrupt(child)
    assert (ws["title"], ws["result"], ws["facilitator"]) == (
        "Reads by Eight", "Children read by eight", "Sam Reyes")
    assert "partners" not in ws  # the draft leaves empty lists out


def test_shift_tab_at_the_first_question_stays_there(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    answer(child, "make a quick pass?", SHIFT_TAB)  # the first question of a new worksheet
    child.expect_exact("nothing before it")
    answer(child, "make a quick pass?", "\r")  # Enter: the full walk-through
    answer(child, "Title of the worksheet", "Reads\r")
    child.expect_exact("The result in the center")
    ws = interrupt(child)
    assert ws["title"] == "Reads"


def test_a_saved_answer_survives_going_back_over_it(tmp_path):
    write_small(tmp_path / "small.yaml")
    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    answer(child, "systems", "Data\r")
    answer(child, "roles", SHIFT_TAB)
    answer(child, "systems", "")
    child.expect_exact("Data")
    child.send(" silos\r\r\r\r\r\r")
    answer(child, "What now?", "\r")
    child.expect_exact("Saved")
    child.expect_exact("measurekit gaps small.yaml")  # the next commands, ready to copy
    child.expect_exact("measurekit report small.yaml --output handout.html")
    assert finish(child) == 0
    ws = store.load(tmp_path / "small.yaml").worksheet
    assert ws.reflection.systems_challenges == "Data silos"


# --- defects 5 and 6: the same name twice; every gap's command fills it ---------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "worksheets"
E, DOWN, SPACE = "\r", K.DOWN.value, " "
# For one gap of each kind in the examples: the keys that fill it and skip the rest, typed
# ahead in one burst from the first prompt of the command `gaps` suggests.
FILL = {
    ("starter", "no_why_not_engaged"): [E, "Not asked yet" + E, E, E, E, E, E],
    ("starter", "no_engagement_plan"): [E, E, "Meet the director" + E, E, E, E, E],
    ("starter", "no_better_off"): [E, "Children better off" + E, DOWN + DOWN + E, E * 5, E, E, E],
    ("starter", "no_next_step"): [E, E, "Sam" + E, "Call them" + E, E, "+2w" + E, E, E],
    ("starter", "no_contribution"): [E, "Tutoring" + E, E, E, E, E],
    ("starter", "measure_incomplete"): [E, E, "60%" + E, "2027-06" + E, E, E],
    ("starter", "no_shared_measures"): [E, "On level" + E, E, SPACE + E, E, E * 3, E, E],
    ("starter", "reflection_unanswered"): ["Data silos" + E, E * 5, E],
    ("youth-justice", "measure_incomplete"): [E, "12" + E, E, E, E],
}


def _gaps(path: Path) -> list[dict]:
    import json
    import subprocess

    done = subprocess.run([MEASUREKIT, "gaps", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=TIMEOUT)
    data = json.loads(done.stdout)
    return data if isinstance(data, list) else data["gaps"]


@pytest.mark.parametrize(("example", "kind"), list(FILL), ids=["-".join(k) for k in FILL])
def test_every_gap_kind_is_filled_where_its_command_leads(tmp_path, example, kind):
    import shlex

    path = tmp_path / f"{example}.yaml"
    path.write_bytes((EXAMPLES / f"{example}.yaml").read_bytes())
    gap = next(g for g in _gaps(path) if g["kind"] == kind)
    command = shlex.split(gap["command"])
    assert command[:3] == ["measurekit", "interview", str(path)]
    child = spawn(*command[2:], cwd=tmp_path)
    child.expect(r"\?")
    child.send("".join(FILL[example, kind]))
    child.expect_exact("Saved")
    assert finish(child) == 0
    still = [(g["kind"], g["partner"], g["item"]) for g in _gaps(path)]
    assert (gap["kind"], gap["partner"], gap["item"]) not in still


def test_the_same_partner_named_twice_is_asked_about(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    child = spawn("small.yaml", "--section", "partners", cwd=tmp_path)
    answer(child, "Choose one of the partners", K.DOWN * 3 + E)  # add a partner
    answer(child, "Partner's name", "port halden  library\r")
    answer(child, "partner?", "\r")  # yes: not added twice
    child.expect_exact("no second partner added")
    answer(child, "Choose one of the partners", K.UP + E)  # from "Done", up to "Add"
    answer(child, "Partner's name", "Port Halden Library\r")
    answer(child, "partner?", "n\r")  # another one: a name to tell them apart
    child.expect_exact("tells the two partners apart")
    answer(child, "Partner's name", K.CTRL_U + "Port Halden Library, East Branch\r")
    child.expect_exact("inside or outside")
    ws = interrupt(child)
    assert [p["name"] for p in ws["partners"]].count("Port Halden Library") == 1
    assert "Port Halden Library, East Branch" in [p["name"] for p in ws["partners"]]


def test_validate_reports_two_partners_of_one_name(tmp_path):
    import subprocess

    path = tmp_path / "small.yaml"
    write_small(path)
    path.write_text(path.read_text().replace("name: Port Halden Schools",
                                             "name: Port Halden library"))
    done = subprocess.run([MEASUREKIT, "validate", str(path)], capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert done.returncode == 0
    assert "the same name as the partner library" in " ".join((done.stdout + done.stderr).split())


# --- faster in the room: people picked, not retyped ------------------------------------------


def test_who_offers_the_people_already_named(tmp_path):
    write_small(tmp_path / "small.yaml")
    child = spawn("small.yaml", "--section", "next-steps", cwd=tmp_path)
    answer(child, "Choose one of the next steps", K.DOWN * 2 + E)  # add a next step
    answer(child, "Who will do it?", "whit")
    child.expect_exact("Sam Whitfield")  # offered as the letters are typed
    child.send("\t\r")  # Tab picks it, Enter accepts
    answer(child, "What will they do?", "Book the room\r")
    answer(child, "With whom?", "Tom Reyes\r")  # anyone new is typed as well
    child.expect_exact("By when?")
    ws = interrupt(child)
    assert (ws["next_steps"][-1]["who"], ws["next_steps"][-1]["with_whom"]) == (
        "Sam Whitfield", "Tom Reyes")


def test_a_long_name_makes_an_id_cut_between_words():
    from measurekit.core.fieldtypes import slugify

    name = "Diverted youth with no new petition within 12 months"
    assert slugify(name) == "diverted-youth-with-no-new-petition"  # not "...-petition-wi"
    assert slugify("x" * 50) == "x" * 40  # one long word: cut all the same


def test_the_closing_review_is_short_and_the_table_comes_on_request(tmp_path):
    write_small(tmp_path / "small.yaml")
    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    answer(child, "systems", "\r" * 6)
    child.expect_exact("3 partners (2 current, 1 desired)")
    child.expect_exact("What now?")
    assert "Story times" not in shown(child)  # no table flooding the screen
    child.send(K.DOWN + E)  # show the summary table: taller than 24 lines, in a pager
    child.expect_exact("Story times")
    child.send("q")  # out of the pager, back to the question
    answer(child, "What now?", "\r")
    child.expect_exact("Nothing changed")
    assert finish(child) == 0


# --- faster in the room: the quick pass -------------------------------------------------------

# One partner with one measure, typed in full and then quickly: (prompt, keys) in order.
PARTNER = [("Name a partner now?", "y\r"), ("Partner's name", "Port Library\r"),
           ("inside or outside", "\r"), ("already part of this work?", "\r")]
MEASURE = [("Add a performance measure for Port Library?", "y\r"),
           ("name of the performance measure", "Children at story time\r"),
           ("Which question does it answer?", "\r")]
CONTRIBUTION = [("aligned contribution", "Story times\r"), ("What strategy", "Weekend hours\r")]
FULL = ([("make a quick pass?", "\r"), ("Title of the worksheet", "Reads by Eight\r"),
         ("The result in the center", "Children read by eight\r"),
         ("Add a population indicator", "\r"), ("Results action plan", "\r"),
         ("Facilitator", "Sam\r")] + PARTNER
        + [("Why is Port Library critical", "\r"), ("Add another partner?", "n\r")] + MEASURE
        + [("known, or your guess?", "\r"), ("Baseline", "\r"), ("Target", "\r"),
           ("Target date", "\r"), ("Data source", "\r"),
           ("Add another measure for Port Library?", "n\r")] + CONTRIBUTION
        + [("Add a measure shared across partners?", "n\r"),
           ("Add an item to the work plan?", "n\r"), ("Add a next step?", "n\r")]
        + [(q, "\r") for q in ("systems", "roles", "conversations", "competition",
                               "fragmentation", "results culture")]
        + [("What now?", "\r")])
QUICK = ([("Title of the worksheet", "Reads by Eight\r"),
          ("The result in the center", "Children read by eight\r")] + PARTNER
         + [("Add another partner?", "n\r")] + MEASURE
         + [("Add another measure for Port Library?", "n\r")] + CONTRIBUTION
         + [("Add a measure shared across partners?", "n\r"), ("What now?", "\r")])


@pytest.mark.parametrize("start", ["picked", "--quick"])
def test_a_quick_pass_resumes_as_a_quick_pass(tmp_path, start):
    child = spawn("reads.yaml", *(["--quick"] if start == "--quick" else []), cwd=tmp_path)
    if start == "picked":
        answer(child, "make a quick pass?", K.DOWN + "\r")  # offered at the start
    answer(child, "Title of the worksheet", "Reads\r")
    answer(child, "The result in the center", "Children read\r")
    child.expect_exact("Name a partner now?")  # no action plan, no facilitator
    interrupt(child)
    child = spawn("reads.yaml", cwd=tmp_path)  # resumed without --quick
    answer(child, "Resume where you stopped?", "\r")
    assert child.expect_exact(["Name a partner now?", "Results action plan"]) == 0
    child.sendcontrol("c")
    assert finish(child) == 130


def _typed(tmp_path: Path, script: list[tuple[str, str]], *args: str) -> tuple[int, int]:
    """Run a new worksheet through `script`; the prompts answered and the keys typed."""
    child = spawn("reads.yaml", *args, cwd=tmp_path)
    for prompt, keys in script:
        answer(child, prompt, keys)
    child.expect_exact("Saved")
    assert finish(child) == 0
    return len(script), sum(len(keys) for _, keys in script)


def test_the_quick_pass_asks_only_what_the_table_needs(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "quick").mkdir()
    full = _typed(tmp_path / "full", FULL)
    quick = _typed(tmp_path / "quick", QUICK, "--quick")
    assert quick < full and quick == (15, 114) and full == (33, 137)  # one partner, one measure
    a = store.load(tmp_path / "full" / "reads.yaml").worksheet
    b = store.load(tmp_path / "quick" / "reads.yaml").worksheet
    assert b.model_dump(exclude={"updated", "facilitator"}) == a.model_dump(
        exclude={"updated", "facilitator"})  # the same table, in fewer keys


def test_a_long_menu_entry_keeps_its_date_at_80_columns(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    long = "Call the clinic director about Saturday reading hours, the new books and the van"
    path.write_text(path.read_text().replace("what: Call the clinic director", f"what: {long}"))
    child = spawn("small.yaml", "--section", "next-steps", cwd=tmp_path)
    child.expect_exact("Choose one of the next steps")
    child.expect_exact("…")  # shortened in the middle...
    child.expect_exact("by 2026-12-11")  # ...so that its date, at the end, stays in view
    child.sendcontrol("c")
    assert finish(child) == 130


# The keystroke figures on a real example: the first three of youth-justice.yaml's current
# partners with their nine measures, typed in (all four take over 30 s in a test).
EXAMPLE = Path(__file__).parent.parent / "worksheets" / "youth-justice.yaml"
TYPES = ("how_much", "how_well", "better_off")  # the order of the type menu


def _line(text: object) -> str:
    return " ".join(str(text).split())  # one line, as typed at a one-line prompt


def _example_script(quick: bool) -> list[tuple[str, str]]:
    """(prompt, keys) that enter the example's current partners, in full or quickly."""
    ws = store.load(EXAMPLE).worksheet
    partners = _current(ws)
    script = [("Title of the worksheet", _line(ws.title) + "\r"),
              ("The result in the center", _line(ws.result) + "\r")]
    if not quick:  # the quick pass leaves the indicators for later: the table has none
        script.insert(0, ("make a quick pass?", "\r"))  # Enter: the full walk-through
        for i, indicator in enumerate(ws.indicators):
            script += [("Add a population indicator" if i == 0
                        else "Add another population indicator?", "y\r"),
                       ("Name of the population indicator", _line(indicator.name) + "\r"),
                       *_numbers(indicator)]
        script += [("Add another population indicator?", "n\r"),
                   ("Results action plan", _line(ws.action_plan or "") + "\r"),
                   ("Facilitator", _line(ws.facilitator or "") + "\r")]
    for i, p in enumerate(partners):
        script += [("Name a partner now?" if i == 0 else "Add another partner?", "y\r"),
                   ("Partner's name", p.name + "\r"),
                   ("inside or outside", (K.DOWN if p.kind == "external" else "") + "\r"),
                   ("already part of this work?", "\r")]
        if not quick:
            script.append(("critical to the result?", _line(p.why_critical or "") + "\r"))
    script.append(("Add another partner?", "n\r"))
    for p in partners:
        for j, m in enumerate(p.measures):
            script += [("Add a performance measure for" if j == 0 else "Add another measure for",
                        "y\r"),
                       ("name of the performance measure", m.name + "\r"),
                       ("Which question does it answer?",
                        str(K.DOWN) * TYPES.index(m.type) + "\r")]
            if not quick:
                script += [("known, or your guess?", "\r"), *_numbers(m)]
        script += [("Add another measure for", "n\r"),
                   ("aligned contribution", _line(p.contribution or "") + "\r"),
                   ("What strategy", _line(p.strategy or "") + "\r")]
    script.append(("Add a measure shared across partners?", "n\r"))
    if not quick:
        script += [("Add an item to the work plan?", "n\r"), ("Add a next step?", "n\r")]
        script += [(q, "\r") for q in ("systems", "roles", "conversations", "competition",
                                       "fragmentation", "results culture")]
    return script + [("What now?", "\r")]


def _numbers(curve: Any) -> list[tuple[str, str]]:
    """The answers about a measure's or an indicator's numbers and where they come from."""
    return [("Baseline", _line(curve.baseline or "") + "\r"),
            ("Target", _line(curve.target or "") + "\r"),
            ("Target date", str(curve.target_date or "") + "\r"),
            ("Data source", _line(curve.data_source or "") + "\r")]


def _current(ws: Any) -> list:
    return [p for p in ws.partners if p.status == "current"][:3]


def _columns(path: Path) -> list[tuple]:
    """What the summary table shows of each partner that both passes ask."""
    return [(p.name, p.kind, p.status, _line(p.contribution), _line(p.strategy),
             [(m.name, m.type) for m in p.measures])
            for p in _current(store.load(path).worksheet)]


def test_the_quick_pass_on_the_example_takes_fewer_prompts_and_keys(tmp_path):
    figures = {}
    for mode in ("full", "quick"):
        (tmp_path / mode).mkdir()
        script = _example_script(mode == "quick")
        child = spawn("reads.yaml", *(["--quick"] if mode == "quick" else []), cwd=tmp_path / mode)
        child.timeout = 30
        for prompt, keys in script:
            answer(child, prompt, keys)
        child.expect_exact("Saved")
        assert finish(child) == 0
        keys = sum(len(k) - 2 * k.count("\x1b[") for _, k in script)  # an arrow is one key
        figures[mode] = (len(script), keys)
    full, quick = figures["full"], figures["quick"]
    assert quick[0] < full[0] and quick[1] < full[1]
    assert (full, quick) == ((125, 3019), (53, 1526))  # README's figures
    made = _columns(tmp_path / "full" / "reads.yaml")
    assert made == _columns(tmp_path / "quick" / "reads.yaml") == _columns(EXAMPLE)
