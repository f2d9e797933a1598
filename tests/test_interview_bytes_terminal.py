"""A byte that is not UTF-8, typed at a real prompt (issue 17, item 10): a terminal set to
Latin-1 sends é as 0xE9. It is refused at the prompt, so the draft and the file only ever
hold text that can be saved."""

from __future__ import annotations

import os

from measurekit.core import store
from measurekit.interview.draft import Draft, path_for

from .helpers import Keyboard, keys_and_values, write_small
from .test_interview_terminal import answer, finish, spawn


def at_the_reflection(tmp_path):
    """`measurekit interview small.yaml --section reflection` at a terminal."""
    return spawn("small.yaml", "--section", "reflection", cwd=tmp_path)


def test_a_latin1_byte_at_a_prompt_is_refused_and_never_reaches_the_draft(tmp_path):
    write_small(tmp_path / "small.yaml")
    first = at_the_reflection(tmp_path)
    answer(first, "Which challenges come from the systems", "caf")
    os.write(first.child_fd, b"\xe9")  # é, as Latin-1
    first.send(Keyboard.ENTER)
    answer(first, "not UTF-8 text", Keyboard.CTRL_U + "café" + Keyboard.ENTER)
    answer(first, "role", Keyboard.CTRL_C)  # the next question: the answer was taken
    assert finish(first) == 130
    draft = path_for(tmp_path / "small.yaml")
    assert keys_and_values(Draft.load(draft))[0] == ("reflection.systems_challenges", "café")
    draft.read_bytes().decode("utf-8")  # strict: no lone surrogate in it

    again = at_the_reflection(tmp_path)
    answer(again, "Resume where you stopped?", Keyboard.ENTER)
    again.expect_exact("Resumed: 1 earlier answer restored.")
    for question in ("role", "conversations", "competition", "fragmentation", "culture"):
        answer(again, question, Keyboard.ENTER)
    answer(again, "What now?", Keyboard.ENTER)
    again.expect_exact("Saved")
    assert finish(again) == 0
    saved = store.load(tmp_path / "small.yaml").worksheet.reflection
    assert saved.systems_challenges == "café"
