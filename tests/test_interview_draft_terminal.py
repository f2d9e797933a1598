"""The draft, as a consultant meets it in a real terminal: kill -9, two sessions, a full disk."""

from __future__ import annotations

import os
import resource
import signal
from functools import partial

from measurekit.core import store
from measurekit.core.locks import session_lock_path as lock_path
from measurekit.interview.draft import path_for

from .helpers import answer, finish, needs_measurekit, terminal, write_small

pytestmark = needs_measurekit
spawn = partial(terminal, "interview")


REFLECTION = ("systems", "roles", "conversations", "competition", "fragmentation",
              "results culture")


def test_kill_9_between_two_answers_then_resume_with_every_answer(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    answer(child, "make a quick pass?", "\r")  # Enter: the full walk-through
    answer(child, "Title of the worksheet", "Reads by Eight\r")
    answer(child, "The result in the center", "Children read by eight\r")
    answer(child, "Add a population indicator", "\r")  # Enter: none yet
    answer(child, "Results action plan", "See the shared drive\r")
    child.expect_exact("Facilitator")  # shown once the answer before it is on disk
    child.kill(signal.SIGKILL)
    assert finish(child) == 128 + signal.SIGKILL
    assert lock_path(tmp_path / "reads.yaml").exists()  # left by the killed session

    child = spawn("reads.yaml", cwd=tmp_path)
    answer(child, "Resume where you stopped?", "\r")
    child.expect_exact("Resumed: 5 earlier answers restored.")
    answer(child, "Facilitator", "Sam\r")
    answer(child, "Name a partner now?", "n\r")
    answer(child, "Add an item to the work plan?", "n\r")
    answer(child, "Add a next step?", "n\r")
    for question in REFLECTION:
        answer(child, question, "\r")
    answer(child, "What now?", "\r")
    child.expect_exact("Saved")
    assert finish(child) == 0
    ws = store.load(tmp_path / "reads.yaml").worksheet
    assert (ws.title, ws.result, ws.action_plan, ws.facilitator) == (
        "Reads by Eight", "Children read by eight", "See the shared drive", "Sam")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reads.yaml"]


def test_a_second_interview_on_a_file_in_use_says_so_and_stops(tmp_path):
    first = spawn("reads.yaml", cwd=tmp_path)
    answer(first, "make a quick pass?", "\r")  # Enter: the full walk-through
    answer(first, "Title of the worksheet", "Reads by Eight\r")
    first.expect_exact("The result in the center")

    second = spawn("reads.yaml", cwd=tmp_path)
    second.expect_exact("another interview on this file is running")
    assert finish(second) == 1

    first.send("Children read by eight\r")  # the first one goes on, its draft whole
    first.expect_exact("Add a population indicator")
    first.sendcontrol("c")
    first.expect_exact("Your answers so far are saved in")
    assert finish(first) == 130
    second = spawn("reads.yaml", cwd=tmp_path)
    second.expect_exact("(3 answers, stopped at")
    answer(second, "Resume where you stopped?", "\r")
    second.expect_exact("Resumed: 3 earlier answers restored.")
    # Ctrl-C once the question is on screen: sent while the prompt is still starting, it
    # can land in asyncio's own SIGINT handling as the prompt's loop starts, and be lost.
    second.expect_exact("Add a population indicator")
    second.sendcontrol("c")
    assert finish(second) == 130


def test_a_damaged_draft_is_said_and_set_aside_in_the_terminal(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    answer(child, "systems", "Tension over data\r")
    answer(child, "roles", "Nobody owns the counts\r")
    child.expect_exact("conversations")
    child.sendcontrol("c")
    assert finish(child) == 130
    draft = path_for(path)
    draft.write_bytes(draft.read_bytes().replace(b"Nobody owns", b"Nobody OWNS"))

    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    child.expect_exact("is damaged")
    child.expect_exact(".small.yaml.draft.damaged")
    answer(child, "What would you like to do?", "\r")  # Enter: stop, nothing written
    assert finish(child) == 1
    assert path.read_bytes() == before
    assert b"Nobody OWNS" in draft.with_name(".small.yaml.draft.damaged").read_bytes()
    assert not draft.exists()


def test_a_full_disk_mid_interview_goes_on_and_catches_up(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    answer(child, "systems", "Tension over data\r")
    child.expect_exact("roles")
    size = path_for(path).stat().st_size
    unlimited = resource.RLIM_INFINITY
    resource.prlimit(child.pid, resource.RLIMIT_FSIZE, (size + 8, unlimited))  # no more room
    child.send("Nobody owns the counts\r")
    child.expect_exact("Could not write the draft")
    answer(child, "conversations", "With the schools\r")
    child.expect_exact("competition")
    resource.prlimit(child.pid, resource.RLIMIT_FSIZE, (unlimited, unlimited))  # room again
    child.send("For grants\r")
    child.expect_exact("The draft is written again")
    child.expect_exact("fragmentation")
    child.kill(signal.SIGKILL)  # and every answer is on disk
    finish(child)

    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    answer(child, "Resume where you stopped?", "\r")
    child.expect_exact("Resumed: 4 earlier answers restored.")
    answer(child, "fragmentation", "\r")
    answer(child, "results culture", "\r")
    answer(child, "What now?", "\r")
    child.expect_exact("Saved")
    assert finish(child) == 0
    reflection = store.load(path).worksheet.reflection
    assert (reflection.role_challenges, reflection.competition) == (
        "Nobody owns the counts", "For grants")


def test_a_full_disk_to_the_end_says_where_the_answers_are(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path,
                  env={"TMPDIR": str(elsewhere)})
    child.expect_exact("systems")
    resource.prlimit(child.pid, resource.RLIMIT_FSIZE, (8, resource.RLIM_INFINITY))
    child.send("Tension over data\r")
    child.expect_exact("Could not write the draft")
    for question in REFLECTION[1:]:
        answer(child, question, "\r")
    answer(child, "What now?", "\r")
    child.expect(r"to\s+type\s+again:")
    child.expect_exact('reflection.systems_challenges: "Tension over data"')
    child.expect_exact("File too large")  # why the file itself was not saved
    assert finish(child) == 1
    assert path.read_bytes() == before


def test_sigterm_restores_the_terminal_and_says_where_the_draft_is(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    answer(child, "make a quick pass?", "\r")  # Enter: the full walk-through
    answer(child, "Title of the worksheet", "Reads by Eight\r")
    child.expect_exact("The result in the center")
    child.kill(signal.SIGTERM)
    child.expect_exact("\x1b[?25h")  # the cursor, shown again
    child.expect_exact("Your answers so far are saved in .reads.yaml.draft")
    assert finish(child) == 130
    assert not lock_path(tmp_path / "reads.yaml").exists()
    assert os.path.exists(path_for(tmp_path / "reads.yaml"))


def test_a_work_item_without_partners_skips_the_empty_choice_and_resumes(tmp_path):
    child = spawn("bare.yaml", cwd=tmp_path)
    answer(child, "make a quick pass?", "\r")  # Enter: the full walk-through
    answer(child, "Title of the worksheet", "Bare\r")
    answer(child, "The result in the center", "Everyone thrives\r")
    answer(child, "Add a population indicator", "\r")
    answer(child, "Results action plan", "\r")
    answer(child, "Facilitator", "\r")
    answer(child, "Name a partner now?", "n\r")
    answer(child, "Add an item to the work plan?", "y\r")
    answer(child, "What needs to be done?", "Data agreement\r")
    answer(child, "Who leads it?", "Sam\r")
    child.expect_exact("nothing to choose from yet")  # no empty checkbox, and no traceback
    answer(child, "Start date", "\r")
    child.expect_exact("Due date")
    child.sendcontrol("c")
    assert finish(child) == 130

    child = spawn("bare.yaml", cwd=tmp_path)  # the resume goes past it again
    answer(child, "Resume where you stopped?", "\r")
    child.expect_exact("Resumed: 11 earlier answers restored.")
    child.expect_exact("nothing to choose from yet")
    answer(child, "Due date", "\r")
    answer(child, "Add another work plan item?", "n\r")
    answer(child, "Add a next step?", "n\r")
    for question in REFLECTION:
        answer(child, question, "\r")
    answer(child, "What now?", "\r")
    child.expect_exact("Saved")
    assert finish(child) == 0
    assert store.load(tmp_path / "bare.yaml").worksheet.work_plan[0].partners == []
