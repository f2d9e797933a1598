"""Two edits merged on save, in a real terminal at 80x24: `record --from` (or a hand edit)
while an interview is open on the file, then the interview's save keeps both."""

from __future__ import annotations

import os
import subprocess
from functools import partial
from pathlib import Path

import pexpect

from measurekit.core import store
from measurekit.interview.draft import path_for

from .helpers import MEASUREKIT, answer, finish, needs_measurekit, terminal, write_small

pytestmark = needs_measurekit
ENV = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm"}
spawn = partial(terminal, "interview", columns=80, log=True)


def interview_started(tmp_path: Path, first: str) -> tuple[Path, pexpect.spawn]:
    """small.yaml with an interview open on its reflection, the first answer given."""
    path = tmp_path / "small.yaml"
    write_small(path)
    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    child.expect_exact("systems")
    child.send(first + "\r")
    child.expect_exact("roles")
    return path, child


def record_from(tmp_path: Path, rows: str) -> subprocess.CompletedProcess[str]:
    csv = tmp_path / "round.csv"
    csv.write_text("measure,date,value\n" + rows)
    return subprocess.run([MEASUREKIT, "record", "small.yaml", "--from", "round.csv"],
                          cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=60)


def test_record_from_during_an_interview_is_merged_into_its_save(tmp_path):
    path, child = interview_started(tmp_path, "Tension over data")
    done = record_from(tmp_path, "story-time,2026-11-30,350\n")
    assert done.returncode == 0, done.stderr
    assert "an interview is open on small.yaml" in done.stderr  # it says so, and records
    assert store.load_worksheet(path).partner("library").measures[0].history[-1].value == 350
    child.send("\r\r\r\r\r")  # the other reflection questions, typed ahead
    child.expect_exact("changed on disk")  # said before the save...
    child.expect_exact("What now?")
    child.send("\r")
    child.expect_exact("Merged with the changes made to small.yaml")  # ...and no question
    child.expect_exact("Saved small.yaml")
    assert finish(child) == 0
    saved = store.load_worksheet(path)
    assert saved.reflection.systems_challenges == "Tension over data"
    assert [(p.date.isoformat(), p.value) for p in saved.partner("library").measures[0].history
            ] == [("2026-11-30", 350)]
    assert not list(tmp_path.glob("*.interview*.yaml"))


def test_record_at_a_terminal_during_an_interview_is_merged_into_its_save(tmp_path):
    path, interviewing = interview_started(tmp_path, "Tension over data")
    child = terminal("record", "small.yaml", "--date", "2026-12-31", cwd=tmp_path, columns=80,
                     timeout=20)
    child.expect_exact("an interview is open on small.yaml (pid ")  # it says so in one line
    child.expect_exact("recording anyway: the interview's save will merge this")
    answer(child, "Date of these values", "\r")  # Enter keeps --date
    answer(child, "Children at story time each month", "410\r")
    answer(child, "Note (optional)", "Evening sessions\r")
    for _ in range(3):  # the reading level, the schools' measure, the shared one: skipped
        answer(child, "Value on 2026-12-31", "\r")
    answer(child, "What now?", "\r")
    child.expect_exact("Saved small.yaml")
    assert finish(child) == 0
    assert not path_for(path, "record").exists()  # its own draft, gone with its save
    interviewing.send("Roles unclear\r\r\r\r\r")  # then the interview saves, merging it
    answer(interviewing, "What now?", "\r")
    interviewing.expect_exact("Merged with the changes made to small.yaml")
    interviewing.expect_exact("Saved small.yaml")
    assert finish(interviewing) == 0
    saved = store.load_worksheet(path)
    assert saved.reflection.systems_challenges == "Tension over data"  # the interview's
    assert saved.reflection.role_challenges == "Roles unclear"
    assert [(p.date.isoformat(), p.value, p.note)  # and the round recorded meanwhile
            for p in saved.partner("library").measures[0].history] == [
        ("2026-12-31", 410, "Evening sessions")]
    assert not list(tmp_path.glob("*.interview*.yaml"))


def test_the_same_field_changed_both_ways_is_asked_and_enter_keeps_the_files(tmp_path):
    path, child = interview_started(tmp_path, "Ours, tension over data")
    text = path.read_text().replace("facilitator: Sam Whitfield", "facilitator: Sam W.")
    path.write_text(text + "reflection:\n  systems_challenges: Theirs, two data systems\n")
    child.send("Roles unclear\r\r\r\r\r")  # a field the file did not change
    child.expect_exact("What now?")
    child.send("\r")
    child.expect_exact("reflection.systems_challenges was changed both")
    child.expect_exact("Theirs, two data systems")  # both values are shown
    child.expect_exact("Ours, tension over data")
    child.expect_exact("Which to keep?")
    child.send("\r")  # Enter: the file's value
    child.expect_exact("Saved small.yaml")
    assert finish(child) == 0
    saved = store.load_worksheet(path)
    assert saved.reflection.systems_challenges == "Theirs, two data systems"
    assert saved.facilitator == "Sam W." and saved.reflection.role_challenges == "Roles unclear"


def test_declining_the_merge_saves_beside_the_file(tmp_path):
    path, child = interview_started(tmp_path, "Ours")
    edited = path.read_text() + "reflection:\n  systems_challenges: Theirs\n"
    path.write_text(edited)
    child.send("\r\r\r\r\r")
    child.expect_exact("What now?")
    child.send("\r")
    child.expect_exact("Which to keep?")
    child.send("\x1b[B\x1b[B\r")  # down twice: neither, save beside
    child.expect_exact("small.interview.yaml")
    assert finish(child) == 1
    assert path.read_text() == edited
    beside = store.load_worksheet(tmp_path / "small.interview.yaml")
    assert beside.reflection.systems_challenges == "Ours"
