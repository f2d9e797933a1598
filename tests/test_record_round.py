"""`record` asked one by one: where you are, what the measure stood at, a slip caught, and
each value listed at the end (issue 18, item 18)."""

from __future__ import annotations

from datetime import date

import pytest

from measurekit.interview.rounds import looks_mistyped

from .helpers import ENTER, interview
from .test_record import history, small  # noqa: F401 (the fixture)

ROUND = date(2026, 12, 31)


def test_each_measure_says_where_it_comes_and_what_it_stood_at(small):  # noqa: F811
    code, asker = interview(small, [
        ("record.date", ENTER), ("record.value", "410"), ("record.note", ENTER),
        ("record.value", ENTER), ("record.value", ENTER), ("record.value", ENTER),
        ("finish", "quit")], record_on=ROUND)
    shown = asker.text()
    assert "1 of 4 · Port Halden Library · Children at story time each month" in shown
    assert "Baseline 320 · No value recorded yet · target 500 by 2027-06-30" in shown
    assert "4 of 4 · Shared · Children reading on level" in shown


def test_a_mistyped_number_is_asked_about(small):  # noqa: F811
    code, asker = interview(small, [
        ("record.date", ENTER),
        ("record.value", "4l0"), ("record.keep_text", ENTER),  # no: typed again
        ("record.value", "410"), ("record.note", ENTER),
        ("record.value", "about 4O%"), ("record.note", ENTER),  # words: text, not asked
        ("record.value", "12x"), ("record.keep_text", "y"), ("record.note", ENTER),
        ("record.value", ENTER), ("finish", "save")], record_on=ROUND)
    assert code == 0
    assert "'4l0' is not a number: keep it as text?" in [q.message for q in asker.asked]
    assert history(small, "story-time") == [("2026-12-31", 410, None)]
    assert history(small, "third-grade-reading") == [("2026-12-31", "12x", None)]


def test_the_round_ends_with_a_line_for_each_value(small):  # noqa: F811
    code, asker = interview(small, [
        ("record.date", ENTER), ("record.value", "410"), ("record.note", ENTER),
        ("record.value", ENTER), ("record.value", "12"), ("record.note", ENTER),
        ("record.value", "45%"), ("record.note", ENTER), ("finish", "save")], record_on=ROUND)
    blocks = [text for kind, text in asker.said if kind == "block"]
    assert next(b for b in blocks if b.startswith("  Port")).splitlines() == [
        "  Port Halden Library · Children at story time each month: 410",
        "  Port Halden Schools · Third graders reading on grade level: 12",
        "  Shared · Children reading on level: 45%"]


@pytest.mark.parametrize(("typed", "mistyped"), [
    ("4l%", True), ("1O0", True), ("3,5k", True), ("43%", False), ("n/a", False),
    ("about 40", False), ("Q3 survey", False), (42, False)])
def test_what_looks_like_a_mistyped_number(typed, mistyped):
    assert looks_mistyped(typed) is mistyped
