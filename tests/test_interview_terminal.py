"""The installed `measurekit interview` in a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import subprocess
import time
from datetime import date
from functools import partial

import pexpect

from measurekit.core import store
from measurekit.interview.draft import path_for

from .helpers import (
    MEASUREKIT,
    TIMEOUT,
    answer,
    finish,
    needs_measurekit,
    opening,
    terminal,
    write_small,
)

pytestmark = needs_measurekit
DOWN = "\x1b[B"
spawn = partial(terminal, "interview")


def begin_worksheet(child: pexpect.spawn, action_plan: str) -> None:
    """The opening answers of a new worksheet, up to the first partner's kind (Enter)."""
    opening(child, action_plan, then="\r")


def test_new_worksheet_typed_from_start_to_end(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    begin_worksheet(child, action_plan="")
    answer(child, "already part of this work?", "\r")
    answer(child, "Why is Port Library critical", "Weekend hours\r")
    answer(child, "Add another partner?", "n\r")
    answer(child, "Step 2 of 4 · Current partners · 1 of 1: Port Library", "")
    answer(child, "Add a performance measure for Port Library?", "y\r")
    answer(child, "name of the performance measure", "Children at story time\r")
    answer(child, "Which question does it answer?", "\r")
    answer(child, "known, or your guess?", "\r")
    answer(child, "Baseline", "320\r")
    answer(child, "Target", "500\r")
    answer(child, "Target date", "2027-06-31\r")
    answer(child, "not a real date", "\x15" + "2027-06\r")  # refused, then corrected
    answer(child, "Data source", "Library counts\r")
    answer(child, "Add another measure for Port Library?", "n\r")
    answer(child, "aligned contribution", "Story times\r")
    answer(child, "What strategy", "\r")
    answer(child, "Add a measure shared across partners?", "n\r")
    answer(child, "Add an item to the work plan?", "n\r")
    answer(child, "Add a next step?", "y\r")
    answer(child, "Who will do it?", "Sam\r")
    answer(child, "What will they do?", "Call the library\r")
    answer(child, "With whom?", "\r")
    answer(child, "By when?", "+2w\r")
    answer(child, "Which partner is it about?", DOWN + "\r")
    answer(child, "Add another next step?", "n\r")
    for question in ("systems", "roles", "conversations", "competition", "fragmentation",
                     "results culture"):
        answer(child, question, f"About {question}\r")
    answer(child, "What now?", "\r")
    child.expect_exact("Saved")
    assert finish(child) == 0
    ws = store.load(tmp_path / "reads.yaml").worksheet
    assert ws.partners[0].measures[0].target_date == date(2027, 6, 30)
    assert ws.next_steps[0].partner == "port-library"
    assert ws.reflection.results_culture == "About results culture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reads.yaml"]


def test_update_one_partners_target_with_a_few_keys(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path).decode()
    child = spawn("small.yaml", "--partner", "library", cwd=tmp_path)
    answer(child, "Port Halden Library: what would you like to do?", DOWN + "\r")  # measures
    answer(child, "Choose one of the performance measures", "\r")  # the first
    answer(child, "what would you like to do?", "\r")  # change its answers
    answer(child, "name of the performance measure", "\r")
    answer(child, "Which question", "\r")
    answer(child, "known, or your guess", "\r")
    answer(child, "Baseline", "\r")
    answer(child, "Target", "\x15550\r")
    answer(child, "Target date", "\r")
    answer(child, "Data source", "\r")
    answer(child, "Choose one of the performance measures", "\r")  # done
    answer(child, "what would you like to do?", "\r")  # done with this partner
    answer(child, "What now?", "\r")
    child.expect_exact("Saved")
    assert finish(child) == 0
    assert path.read_text() == before.replace("target: 500", "target: 550").replace(
        "updated: 2026-11-20", f"updated: {date.today().isoformat()}").replace(
        "schema_version: 1", "schema_version: 2")  # a changed file is saved as version 2
    assert (tmp_path / "small.yaml.bak").read_text() == before


def test_ctrl_c_then_resume_keeps_every_answer(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    begin_worksheet(child, action_plan="See the shared drive")
    child.expect_exact("already part of this work?")
    child.sendcontrol("c")
    child.expect_exact("Your answers so far are saved in")
    assert finish(child) == 130
    assert not (tmp_path / "reads.yaml").exists()
    assert path_for(tmp_path / "reads.yaml").exists()

    child = spawn("reads.yaml", cwd=tmp_path)
    answer(child, "Resume where you stopped?", "\r")
    child.expect_exact("Resumed: 9 earlier answers restored.")
    child.expect_exact("Partner's name Port Library")  # the step so far, shown again
    answer(child, "already part of this work?", DOWN + "\r")  # desired
    answer(child, "Why is Port Library critical", "\r")
    answer(child, "why isn't Port Library engaged yet?", "\r")
    answer(child, "Add another partner?", "n\r")
    answer(child, "Add a measure shared across partners?", "n\r")
    answer(child, "Add an item to the work plan?", "n\r")
    answer(child, "Add a next step?", "n\r")
    answer(child, "Add a performance measure for Port Library?", "n\r")
    answer(child, "What could Port Library contribute?", "\r")
    answer(child, "What strategy", "\r")
    answer(child, "How will you engage", "\r")
    answer(child, "Add a next step to engage Port Library?", "n\r")
    for question in ("systems", "roles", "conversations", "competition", "fragmentation",
                     "results culture"):
        answer(child, question, "\r")
    answer(child, "What now?", "\r")
    child.expect_exact("Saved")
    assert finish(child) == 0
    ws = store.load(tmp_path / "reads.yaml").worksheet
    assert (ws.title, ws.result, ws.action_plan, ws.facilitator) == (
        "Reads by Eight", "Children read by eight", "See the shared drive", "Sam")
    assert (ws.partners[0].name, ws.partners[0].status) == ("Port Library", "desired")
    assert not path_for(tmp_path / "reads.yaml").exists()


def test_closed_terminal_keeps_the_answers(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    answer(child, "make a quick pass?", "\r")  # Enter: the full walk-through
    answer(child, "Title of the worksheet", "Reads by Eight\r")
    answer(child, "The result in the center", "Children read by eight\r")
    child.expect_exact("Add a population indicator")
    child.close(force=True)  # the terminal window goes away
    draft = path_for(tmp_path / "reads.yaml")
    for _ in range(50):
        if draft.exists():
            break
        time.sleep(0.1)
    assert "Children read by eight" in draft.read_text()


def test_file_changed_on_disk_is_merged_on_save(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    child.expect_exact("systems")
    edited = path.read_text().replace("Sam Whitfield", "Sam W.")
    path.write_text(edited)  # another terminal, or a git pull
    child.send("Tension over data\r")
    for question in ("roles", "conversations", "competition", "fragmentation", "results culture"):
        answer(child, question, "\r")
    child.expect_exact("changed on disk")
    answer(child, "What now?", "\r")
    child.expect_exact("Merged with the changes made to small.yaml")
    assert finish(child) == 0
    merged = store.load(path).worksheet
    assert merged.reflection.systems_challenges == "Tension over data"
    assert merged.facilitator == "Sam W."  # the edit on disk, kept
    assert not list(tmp_path.glob("*.interview*.yaml"))


def test_without_a_terminal_it_refuses_at_once(tmp_path):
    done = subprocess.run([MEASUREKIT, "interview", "new.yaml"], cwd=tmp_path,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_typing_part_of_a_name_in_the_menu_reaches_that_partner(tmp_path):
    write_small(tmp_path / "small.yaml")
    child = spawn("small.yaml", cwd=tmp_path)
    answer(child, "What would you like to update?", "clinic")  # filters the menu's choices
    child.expect(r"/ (\x1b\[[0-9;]*m)*clinic")  # the filter, shown under the choices
    child.send("\r")
    child.expect_exact("Harbor Clinic: what would you like to do?")
    child.sendcontrol("c")
    assert finish(child) == 130
