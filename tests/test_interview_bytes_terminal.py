"""A byte that is not UTF-8, typed at a real prompt (issue 17, item 10): a terminal set to
Latin-1 sends é as 0xE9. It is refused at the prompt, so the draft and the file only ever
hold text that can be saved."""

from __future__ import annotations

import os

from measurekit.core import store
from measurekit.interview.draft import Draft, path_for

from .helpers import Keyboard, write_small
from .test_interview_terminal import answer, finish, spawn


def test_a_latin1_byte_at_a_prompt_is_refused_and_never_reaches_the_draft(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    child.expect_exact("Which challenges come from the systems")
    child.send("caf")
    os.write(child.child_fd, b"\xe9")  # é, as Latin-1
    child.send(Keyboard.ENTER)
    child.expect_exact("not UTF-8 text")
    child.send(Keyboard.CTRL_U + "café" + Keyboard.ENTER)
    child.expect_exact("role")  # the next question: the answer was taken
    child.send(Keyboard.CTRL_C)
    assert finish(child) == 130
    draft = Draft.load(path_for(path))
    assert draft is not None
    first = draft.answers[0]
    assert (first["key"], first["value"]) == ("reflection.systems_challenges", "café")
    path_for(path).read_bytes().decode("utf-8")  # strict: no lone surrogate in it
    child = spawn("small.yaml", "--section", "reflection", cwd=tmp_path)
    answer(child, "Resume where I stopped", Keyboard.ENTER)
    child.expect_exact("role")
    child.send(Keyboard.CTRL_C)
    assert finish(child) == 130
    assert store.load(path).worksheet.reflection.systems_challenges != "caf\udce9"
