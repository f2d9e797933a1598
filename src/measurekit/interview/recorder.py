"""Answers into the draft as they are given, and out of it again on resume.

`Recorder` stands between the flow and the terminal: while resuming it answers
each question from the draft, silently, until the first one not yet answered;
from then on it asks for real and appends every answer to the draft at once. If
the disk refuses a write (full, gone), the interview goes on with the answers in
memory, says so, and the draft is tried again at the next answer.

Example:
    recorder = Recorder(TerminalAsker(), Draft.load(path) or new_draft)
    Flow(recorder, data, today)  # every question now goes through the draft
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.text import safe
from . import wording as w
from .asker import Asker, Checkbox, GoBack, Question
from .draft import Draft


def answer_text(question: Question, value: Any) -> str:
    """An answer as the prompt showed it once given (a choice by its label)."""
    labels = dict(getattr(question, "choices", ()))
    if isinstance(value, list):
        return ", ".join(str(labels.get(v, v)) for v in value)
    if isinstance(value, bool) and not labels:
        return "Yes" if value else "No"
    return "" if value is None else str(labels.get(value, value))


def _still_yours(taken: dict[str, Any], question: Question) -> bool:
    """Whether an answer taken back is offered again as it was.

    An answer that only accepted the question's guess (a measure of a current partner:
    not hypothesized) follows the guess when it changes (the partner is now desired).
    """
    now = getattr(question, "default", None)
    guess = taken.get("guess", now)
    return not (taken.get("value") == guess and now != guess)


# After Shift+Tab, the answers above the question asked again: a screenful at most.
RECAP = 8


class Recorder:
    """An Asker that replays a draft's answers, then asks for real and records each answer."""

    def __init__(self, live: Asker, draft: Draft, snapshot: Callable[[], Any] | None = None,
                 again: list[dict[str, Any]] | None = None):
        self.live = live
        # After Shift+Tab: the answers taken back, in order, each the default of its
        # question when it comes again (until the questions no longer match them).
        self.again = list(again or [])
        self.resumed: str | None = w.DRAFT_RESUMED  # None: going back says it its own way
        self.draft = draft
        self.replay = list(draft.answers)
        self.replayed = 0
        self.snapshot = snapshot or (lambda: None)
        self.held: list[tuple[str, str]] = []  # said during the replay since the last heading
        self.unwritten = False  # the draft on disk lacks answers given since (said once)

    @property
    def replaying(self) -> bool:
        return bool(self.replay)

    def say(self, text: str, kind: str = "explain") -> None:
        if kind == "heading":
            self.draft.where = text
            self.held = []
        if self.replaying:
            self.held.append((text, kind))
        else:
            self.live.say(text, kind)

    def ask(self, question: Question) -> Any:
        if isinstance(question, Checkbox) and not question.choices:
            # Nothing to tick (no partner named yet, partners without measures): an empty
            # list cannot be shown, so the question is passed, keeping what is saved.
            self.say(w.NOTHING_TO_PICK.format(question=question.message), "note")
            return list(question.default)
        if self.replay:
            record = self.replay[0]
            if record.get("key") == question.key and question.check(record.get("value")) is None:
                self.replay.pop(0)
                self.replayed += 1
                shown = answer_text(question, record.get("value"))
                self.held.append((f"? {question.message} {shown}", "note"))
                if not self.replay:
                    self._resume()
                return record.get("value")
            copy = self.draft.keep_copy()
            self.replay = []
            del self.draft.answers[self.replayed:]
            self._written(self.draft.write())
            self._resume(diverged=copy)
        guess = getattr(question, "default", None)
        taken = self._taken_back(question)
        if taken is not None:
            guess = taken.get("guess", guess)
            if _still_yours(taken, question):
                question = question.answered(taken.get("value"))
        try:
            value = self.live.ask(question)
        except GoBack:
            if self.draft.answers:
                raise  # the session replays all the answers but the last
            self.live.say(w.BACK_AT_START, "note")
            return self.ask(question)
        if taken is not None:  # kept while Shift+Tab goes further back
            self.again.remove(taken)
        if value not in question.transient:
            answer = {"key": question.key, "value": value}
            if question.place:
                said = f"{question.message} {answer_text(question, value) or '(blank)'}"
                answer.update(place=question.place, guess=guess, said=said)
            self._written(self.draft.append(answer, self.draft.where))
        return value

    def _taken_back(self, question: Question) -> dict[str, Any] | None:
        """The answer taken back by Shift+Tab that answered this question, if any.

        By its place (what it is about) wherever it comes in the walk; an answer with no
        place (a menu's) only as the very next question, as it was asked before.
        """
        for n, record in enumerate(self.again):
            placed = record.get("place")
            if (placed or n == 0) and placed == (question.place or None) \
                    and record.get("key") == question.key \
                    and question.check(record.get("value")) is None:
                return record
        return None

    def unplaced(self) -> list[dict[str, Any]]:
        """Answers taken back by Shift+Tab whose question has not come again."""
        return [r for r in self.again if r.get("place")]

    def settle(self, records: list[dict[str, Any]]) -> None:
        """Those answers are kept or dropped, as the consultant chose: not offered again."""
        self.again = [r for r in self.again if not any(r is s for s in records)]

    def start(self) -> None:
        """Write the whole draft as the interview starts; later answers are appended to it."""
        self._written(self.draft.write())

    def _resume(self, diverged: Path | None = None) -> None:
        """Back to the consultant: say where they are, as it was said before they stopped."""
        if self.resumed:
            self.live.say(self.resumed.format(n=self.replayed), "ok")
        if diverged is not None:
            self.live.say(w.DRAFT_DIVERGED.format(copy=diverged), "warn")
        held = self.held
        if self.resumed is None and diverged is None:  # going back: the last answers only
            top = [h for h in held[:1] if h[1] == "heading"]
            held = top + [h for h in held[len(top):] if h[1] != "explain"][-RECAP:]
        for text, kind in held:
            self.live.say(text, kind)
        self.held = []

    def _written(self, ok: bool) -> None:
        """Tell the consultant when the draft stops (or starts again) being written."""
        if not ok and not self.unwritten:
            self.live.say(w.DRAFT_UNWRITTEN.format(draft=self.draft.path,
                                                   reason=self.draft.failed), "warn")
        elif ok and self.unwritten:
            self.live.say(w.DRAFT_WRITTEN_AGAIN.format(draft=self.draft.path), "ok")
        self.unwritten = not ok

    def save(self) -> bool:
        """Rewrite the whole draft with a readable copy of the worksheet (a pause, the end)."""
        return self.draft.write(self.snapshot())

    def keep(self, say: Callable[[str, str], None]) -> Path | None:
        """At the end: make sure the answers are on disk somewhere, and say where.

        The draft beside the file first; else a rescue copy in the temporary folder
        (another disk, perhaps); else the answers are printed to be typed again. Answers
        taken back by Shift+Tab and not given again follow the others, as they were given:
        a resume replays them in their places.
        """
        self.draft.answers.extend(self.again)
        self.again = []
        if self.save():
            return self.draft.path
        rescue = Path(tempfile.gettempdir()) / f"{self.draft.path.name.lstrip('.')}-{os.getpid()}"
        copy = Draft(rescue, self.draft.file, self.draft.base, self.draft.base_sha256,
                     self.draft.section, self.draft.partner, self.draft.started,
                     self.draft.where, list(self.draft.answers))
        if copy.write(self.snapshot()):
            say(w.DRAFT_RESCUED.format(file=self.draft.file, rescue=rescue,
                                       draft=self.draft.path), "warn")
            return rescue
        say(w.DRAFT_LOST.format(reason=self.draft.failed), "warn")
        lines = [f"{a['key']}: {json.dumps(a['value'], ensure_ascii=False)}"
                 for a in self.draft.answers]
        say(safe("\n".join(lines)), "block")  # a block is written as is: escaped here
        return None
