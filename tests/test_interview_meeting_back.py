"""The meeting's frictions in a real terminal, 80x24, keys typed ahead (issue 18).

Going back loses nothing (item 1); the same partner named twice (item 5); Enter leaves
a list (item 6).
"""

from __future__ import annotations

import shutil

import pexpect

from .helpers import Keyboard as K
from .helpers import opening
from .screen import Screen
from .test_interview_meeting import EXAMPLES, SHIFT_TAB, interrupt, spawn


def _alpha_beta_and_m1(screen: Screen) -> None:
    """Partners Alpha and Beta, then Alpha's measure M1 up to its target (the issue's case)."""
    opening(screen.child, partner="Alpha", then="\r\rreads to kids\r")
    screen.ask("Add another partner? (y/N)", "y\rBeta\r" + K.DOWN + "\r\rhas the books\r")
    screen.ask("Add another partner? (y/N)", "\r")
    screen.ask("Add a performance measure for Alpha? (Y/n)", "y\rM1\r\r\r3\r")


def test_alpha_made_desired_after_going_back_keeps_beta_and_m1(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    screen = Screen(child)
    _alpha_beta_and_m1(screen)
    screen.ask("Target", SHIFT_TAB * 13)  # back to Alpha's status, typed in one burst
    screen.choose("Is Alpha already part of this work?", K.DOWN + "\r")  # desired
    screen.ask("Where is a stronger contribution needed? reads to kids", "\r")
    screen.ask("why isn't Alpha engaged yet?", "never asked\r")
    screen.ask("Add another partner? (Y/n)", "\r")  # the saved yes: Enter keeps it
    screen.ask("(Enter on its own to add none) Beta", "\r\r\r\r")  # name, kind, status, why
    screen.ask("Add another partner? (y/N)", "\r")
    screen.ask("Add a performance measure for Beta? (Y/n)", "n\r\r\r")
    screen.ask("Add a measure shared across partners? (Y/n)", "n\r")
    screen.ask("Add an item to the work plan? (Y/n)", "n\r")
    screen.ask("Add a next step? (Y/n)", "n\r")
    screen.ask("Add a performance measure for Alpha? (Y/n)", "\r")
    screen.ask("measure (Enter on its own to add none) M1", "\r\r")  # kept, and its type
    screen.choose("Is this measure known, or your guess?")
    assert "» Hypothesized" in screen.text()  # Alpha is desired now: its measure is a guess
    ws = interrupt(child)
    alpha, beta = ws["partners"]
    assert (alpha["status"], alpha["why_not_engaged"]) == ("desired", "never asked")
    assert (beta["name"], beta["kind"], beta["why_critical"]) == ("Beta", "external",
                                                                 "has the books")
    assert [(m["name"], m["type"]) for m in alpha["measures"]] == [("M1", "how_much")]


def test_the_same_partner_named_twice(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    screen = Screen(child)
    opening(child, partner="Alpha", then="\r\r\r")
    screen.ask("Add another partner? (y/N)", "y\ralpha\r")
    screen.ask("Is it the same partner? (Y/n)", "\r")  # yes: named once...
    screen.ask("Add another partner? (y/N)", "y\rALPHA\r")  # ...and the list goes on
    screen.ask("Is it the same partner? (Y/n)", "n\r")
    screen.ask("Partner's name (Enter on its own to add none)", "Alpha North\r")  # empty box
    screen.choose("Is Alpha North inside or outside your organisation?", "")
    ws = interrupt(child)
    assert [p["name"] for p in ws["partners"]] == ["Alpha", "Alpha North"]


def test_enter_leaves_the_work_plan_without_an_item(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    screen = Screen(child)
    opening(child, partner="Alpha", then="\r\r\r")
    screen.ask("Add another partner? (y/N)", "\r")
    screen.ask("Add a performance measure for Alpha? (Y/n)", "n\r\r\r")
    screen.ask("Add a measure shared across partners? (Y/n)", "n\r")
    screen.ask("Add an item to the work plan? (Y/n)", "\r")
    screen.ask("What needs to be done? (Enter on its own to add none)", "\r")
    screen.ask("Add a next step? (Y/n)", "")
    ws = interrupt(child)
    assert "work_plan" not in ws


def test_shift_tab_redraws_in_place(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    screen = Screen(child)
    _alpha_beta_and_m1(screen)
    before = screen.scrolled()
    screen.ask("Target", SHIFT_TAB * 13)
    screen.choose("Is Alpha already part of this work?")
    # Each press draws the screen again from the top: no earlier answers piled up below
    # (13 presses printed about 270 lines before).
    assert screen.scrolled() - before < 24
    assert screen.text().count("Back to the previous question") == 1
    assert "? Partner's name Alpha" in screen.text()  # the answers just above, for context
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_a_tall_summary_table_opens_in_a_pager(tmp_path):
    shutil.copy(EXAMPLES / "youth-justice.yaml", tmp_path / "yj.yaml")
    child = spawn("yj.yaml", cwd=tmp_path, env={"PAGER": "less"})
    screen = Screen(child)
    screen.choose("What would you like to update?", "fin\r")
    screen.choose("What now?", "show\r")
    screen.wait("(END)", done=lambda: screen.cursor_line().startswith((":", "(END)")))
    assert "What now?" not in screen.text()  # the pager holds the screen
    child.send("q")
    screen.choose("What now?", "quit\r")
    child.expect(pexpect.EOF)
