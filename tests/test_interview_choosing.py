"""Lists of choices that cannot mislead (issue 18, item 4): a filter matches the start of a
word, a filter that matches nothing says so and Enter waits; text typed ahead into a
list never becomes its default. In a real terminal, 80x24, keys typed ahead."""

from __future__ import annotations

import pytest

from measurekit.interview.choosing import matches

from .helpers import Keyboard as K
from .helpers import opening
from .screen import Screen
from .test_interview_meeting import interrupt, spawn


@pytest.mark.parametrize(("typed", "label", "found"), [
    ("e", "External", True), ("e", "Internal", False),
    ("d", "Desired: critical, but not engaged yet", True),
    ("d", "Current: already working with us", False),
    ("h", "Hypothesized: a guess to confirm with the partner", True),
    ("h", "Known: the partner uses it", False),
    ("WORK", "Current: already working with us", True),  # any word, any case
    ("ecole", "École Saint-Martin", True), ("ÉCO", "ecole", True),  # accents ignored
    ("already working", "Current: already working with us", True),  # across words
    ("ready", "Current: already working with us", False),  # never inside a word
])
def test_a_filter_matches_the_start_of_a_word(typed, label, found):
    assert matches(typed, label) is found


def test_one_letter_picks_the_choice_whose_word_starts_with_it(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    screen = Screen(child)
    opening(child, partner="Alpha")
    screen.choose("Is Alpha inside or outside your organisation?", "e\r")  # External
    screen.choose("Is Alpha already part of this work?", "d\r")  # Desired, not "alreaDy"
    screen.ask("Where is a stronger contribution needed?", "")
    ws = interrupt(child)
    assert (ws["partners"][0]["kind"], ws["partners"][0]["status"]) == ("external", "desired")


def test_a_filter_that_matches_nothing_says_so_and_enter_waits(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    screen = Screen(child)
    opening(child, partner="Alpha")
    screen.choose("Is Alpha inside or outside your organisation?", "xyz\r\r")
    screen.wait("no choice matches 'xyz'")
    assert "Is Alpha already part" not in screen.text()  # Enter picked nothing
    child.send(K.BACKSPACE * 3 + "ext\r")
    screen.choose("Is Alpha already part of this work?", "")
    ws = interrupt(child)
    assert ws["partners"][0]["kind"] == "external"


def test_a_title_typed_into_the_first_list_is_not_taken_for_its_default(tmp_path):
    child = spawn("reads.yaml", cwd=tmp_path)
    screen = Screen(child)
    screen.choose("make a quick pass?", "Reads by Eight\r")  # typed before looking
    screen.wait("no choice matches 'Reads by Eight'")
    assert "Title of the worksheet" not in screen.text()  # still on the first question
    child.send(K.BACKSPACE * len("Reads by Eight") + "\r")
    screen.ask("Title of the worksheet (required)", "Reads by Eight\r")
    screen.wait("The result in the center")  # the title's answer is in: the next question
    assert interrupt(child)["title"] == "Reads by Eight"
