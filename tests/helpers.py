"""Shared test helpers: key sequences for real prompts, and a scripted fake asker."""

from __future__ import annotations

import io
import os
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import pexpect
import pytest

from measurekit.interview.asker import Checkbox, Confirm, GoBack, Question, Select, Text


class Keyboard(str, Enum):
    """What a terminal sends for each key (prompt_toolkit reads the same bytes)."""

    ENTER = "\r"
    ESC_ENTER = "\x1b\r"  # ends a multi-line text
    UP = "\x1b[A"
    DOWN = "\x1b[B"
    SPACE = " "
    BACKSPACE = "\x7f"
    CTRL_U = "\x15"  # clears the text before the cursor
    CTRL_C = "\x03"

    def __str__(self) -> str:
        return self.value


ENTER = object()  # FakeAsker: accept the default, as pressing Enter would
BACK = object()  # FakeAsker: Shift+Tab, back to the previous question



class FakeAsker:
    """Answers questions from a script, refusing invalid text as the real prompt does.

    Each entry is (key, answer). An answer the question refuses is recorded in
    `refused` and the next entry answers the same question again, as a consultant
    would after reading the reason.
    """

    def __init__(self, script: list[tuple[str, Any]], interrupt: bool = False,
                 on_ask: Any = None, fallback: Any = None):
        self.script = list(script)
        self.fallback = fallback  # answers (key, answer) for a question once the script is used up
        self.interrupt = interrupt  # Ctrl-C when the script runs out, instead of failing
        self.on_ask = on_ask  # called with each question before it is answered
        self.said: list[tuple[str, str]] = []
        self.asked: list[Question] = []
        self.refused: list[tuple[str, str]] = []

    def say(self, text: str, kind: str = "explain") -> None:
        self.said.append((kind, text))

    def text(self) -> str:
        return "\n".join(t for _, t in self.said)

    def ask(self, q: Question) -> Any:
        self.asked.append(q)
        if self.on_ask:
            self.on_ask(q)
        if q.key == "interview.pass" and (not self.script or self.script[0][0] != q.key):
            return q.default  # a new worksheet's pass, unless the script picks one: Enter
        while True:
            if not self.script and self.interrupt:
                raise KeyboardInterrupt
            if not self.script and self.fallback:
                self.script.append((q.key, self.fallback(q)))
            assert self.script, f"the script ran out at {q.key!r}: {q.message}"
            key, answer = self.script.pop(0)
            assert key == q.key, f"expected a question {key!r}, was asked {q.key!r}: {q.message}"
            if answer is BACK:
                raise GoBack
            if isinstance(q, Text):
                raw = q.default if answer is ENTER else answer
                verdict = q.validate(raw)
                if verdict is not True:
                    self.refused.append((raw, str(verdict)))
                    continue
                return q.convert(raw)
            if isinstance(q, Select):
                value = q.default if answer is ENTER else answer
                if value not in q.values():
                    value = q.values()[0] if answer is ENTER else value
                assert value in q.values(), f"{value!r} is not a choice of {q.key}: {q.values()}"
                return value
            if isinstance(q, Checkbox):
                value = ([v for v in q.default if v in [c for c, _ in q.choices]]
                         if answer is ENTER else answer)
                verdict = q.validate(value)
                if verdict is not True:
                    self.refused.append((repr(value), str(verdict)))
                    continue
                assert q.check(value) is None, q.check(value)
                return value
            if isinstance(q, Confirm):
                return q.default if answer is ENTER else bool(answer)
            raise TypeError(q)

    def done(self) -> bool:
        return not self.script


SMALL = """\
schema_version: 1
title: Reads by Eight
result: Children in Port Halden read on grade level by the end of third grade.
facilitator: Sam Whitfield
updated: 2026-11-20
partners:
- id: library
  name: Port Halden Library
  kind: internal
  status: current
  contribution: Story times
  measures:
  - id: story-time
    name: Children at story time each month
    type: how_much
    baseline: 320
    target: 500
    target_date: 2027-06-30
  - id: reading-level
    name: Children reading on level
    type: better_off
    baseline: 43%
- id: schools
  name: Port Halden Schools
  kind: external
  status: current
  measures:
  - id: third-grade-reading
    name: Third graders reading on grade level
    type: better_off
- id: clinic
  name: Harbor Clinic
  kind: external
  status: desired
  why_not_engaged: Nobody has asked them
  measures:
  - id: clinic-visits
    name: Well-child visits with a book given
    type: how_much
    hypothesized: true
shared_measures:
- id: on-level
  name: Children reading on level
  partners: [library, schools]
  measures: [reading-level, third-grade-reading]
work_plan:
- what: Agree on a data-sharing agreement
  lead: Sam Whitfield
  partners: [library, schools]
  due: 2027-01-31
next_steps:
- who: Sam Whitfield
  what: Call the clinic director
  by_when: 2026-12-11
  partner: clinic
  step: 3
- who: Ana
  what: Send the library counts
  by_when: 2026-12-01
  partner: library
  step: 2
"""


def keys_and_values(draft: Any) -> list[tuple[str, Any]]:
    """A draft's answers as (key, value): what each answered, without its place and guess."""
    return [(a["key"], a["value"]) for a in draft.answers]


def write_small(path: Any) -> bytes:
    """The small worksheet above, saved as the tool saves it (so unchanged saves are no-ops)."""
    from measurekit.core import store

    worksheet = store.parse(SMALL.encode(), "small").worksheet
    data = store.dumps(worksheet).encode()
    path.write_bytes(data)
    return data


TODAY = date(2026, 11, 25)
REFLECTION = ["systems_challenges", "role_challenges", "conversations_needed", "competition",
              "fragmentation", "results_culture"]


def interview(path: Any, script: list[tuple[str, Any]], **kw: Any) -> tuple[int, FakeAsker]:
    """Run the interview on `path` with scripted answers; the exit status and the asker.

    Saved beside a file changed on disk, the status and the message are the command's.
    """
    from measurekit.core.errors import SavedBeside
    from measurekit.interview import run

    asker = FakeAsker(script, interrupt=kw.pop("interrupt", False), on_ask=kw.pop("on_ask", None),
                      fallback=kw.pop("fallback", None))
    try:
        run(path, asker=asker, today=TODAY, **kw)
        code = 0
    except SavedBeside as saved:
        asker.say(str(saved), "error")
        code = int(saved.exit_code)
    assert asker.done(), f"unused answers: {asker.script}"
    return code, asker


# --- The installed command in a real terminal (pexpect) -------------------------------------

MEASUREKIT = str(Path(sys.executable).parent / "measurekit")
needs_measurekit = pytest.mark.skipif(not os.path.exists(MEASUREKIT),
                                      reason="measurekit not installed")
TIMEOUT = 10  # seconds a terminal test waits for the screen


def terminal(command: str, *args: str, cwd: Path, columns: int = 100,
             env: dict[str, str] | None = None, timeout: float = TIMEOUT,
             log: bool = False) -> pexpect.spawn:
    """`measurekit COMMAND ARGS` in a 24-line pseudo-terminal, as a person runs it.

    No cursor-position requests (PROMPT_TOOLKIT_NO_CPR) and no colour, so the screen is
    plain text to wait for; `log` keeps everything shown, in `child.logfile_read`.
    """
    environ = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm",
               **(env or {})}
    child = pexpect.spawn(MEASUREKIT, [command, *args], cwd=str(cwd), env=environ,
                          dimensions=(24, columns), encoding="utf-8", timeout=timeout)
    if log:
        child.logfile_read = io.StringIO()
    return child


def answer(child: pexpect.spawn, prompt: str, keys: str = "") -> None:
    """Wait for a prompt, then type (Enter included in `keys` where needed)."""
    child.expect_exact(prompt)
    child.send(keys)


def finish(child: pexpect.spawn) -> int:
    """Wait for the end; the exit status (128 + the signal when killed by one)."""
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus


def opening(child: pexpect.spawn, action_plan: str = "", then: str = "",
            partner: str = "Port Library") -> None:
    """A new worksheet's opening answers, typed ahead as a room would: the full walk-through,
    the details (Enter: no population indicator yet), and a first `partner`; `then`: keys
    typed after its name."""
    answer(child, "make a quick pass?", "\r")  # Enter: the full walk-through
    answer(child, "Title of the worksheet",
           f"Reads by Eight\rChildren read by eight\r\r{action_plan}\rSam\r")
    answer(child, "Name a partner now?", f"y\r{partner}\r{then}")
