"""The interview at 80 columns: shortened entries that still tell themselves apart (issue 18,
item 14)."""

from __future__ import annotations

import shutil

from measurekit.interview.asker import fit

from .screen import Screen
from .test_interview_meeting import EXAMPLES, spawn


def test_a_label_is_shortened_before_its_last_part():
    assert fit("Sam: call the library about the hours · by 2026-12-01", 40) == (
        "Sam: call the lib… · by 2026-12-01")
    feeds = fit("Tri-Valley Workforce Development Board · Placements completed", 50)
    assert feeds == "Tri-Valley Workforce… · Placements completed"  # the measure whole
    long_measure = "Placed youth still enrolled in school or graduated six months later"
    assert fit(f"Tri-Valley Workforce Development Board · {long_measure}", 80) == long_measure


def test_a_shortened_partner_entry_shows_its_name_once(tmp_path):
    shutil.copy(EXAMPLES / "youth-justice.yaml", tmp_path / "yj.yaml")
    child = spawn("yj.yaml", cwd=tmp_path)
    screen = Screen(child)
    screen.choose("What would you like to update?")
    entry = screen.line_with("Alder County District Attorney")
    assert entry.strip() == ("Partner: Alder County District Attorney's Office, Juvenile Unit "
                             "(desired)")  # no "…", no id echoing the name
    assert "Partner: Riverbend Youth Services (current) · riverbend" in screen.text()
    child.sendcontrol("c")
