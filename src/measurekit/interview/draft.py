"""The draft beside the worksheet: every answer, saved the moment it is given.

`.NAME.draft` (next to NAME) records the file as it was when the interview began
and the answers in order. Resuming replays those answers through the same flow,
silently, and hands over to the consultant at the first question not yet
answered; so every step comes back exactly as it was, including lists half
filled. A readable copy of the worksheet so far is kept in the draft too, for a
person who wants to look. The draft is removed once the worksheet is saved.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from ..errors import FileProblem
from ..store import atomic_write
from . import wording as w
from .asker import Asker, Question

DRAFT_VERSION = 1
HEADER = "# measurekit interview draft: unsaved answers. Resume: `measurekit interview {file}`.\n"


def path_for(worksheet: Path) -> Path:
    return worksheet.with_name(f".{worksheet.name}.draft")


@dataclass
class Draft:
    path: Path
    file: str  # the worksheet, as named on the command line
    base: str | None  # the worksheet's text when the interview began; None for a new one
    base_sha256: str = ""  # of the file's bytes then: has it changed on disk since?
    section: str | None = None
    partner: str | None = None
    started: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))
    where: str = ""  # the last step heading shown
    answers: list[dict[str, Any]] = field(default_factory=list)
    snapshot: Any = None  # the worksheet so far, for a person reading the draft

    @classmethod
    def load(cls, path: Path) -> Draft | None:
        if not path.exists():
            return None
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("draft_version") != DRAFT_VERSION:
                raise ValueError("not a draft this measurekit can read")
            return cls(path=path, file=str(data["file"]), base=data.get("base"),
                       base_sha256=str(data.get("base_sha256") or ""),
                       section=data.get("section"), partner=data.get("partner"),
                       started=str(data.get("started", "")), where=str(data.get("where", "")),
                       answers=list(data.get("answers") or []), snapshot=data.get("worksheet"))
        except (OSError, ValueError, KeyError, yaml.YAMLError) as exc:
            raise FileProblem(path, f"cannot read this interview draft ({exc}); move it "
                              "away to start again, or keep it to read your answers") from None

    def save(self) -> None:
        data = {
            "draft_version": DRAFT_VERSION, "file": self.file, "started": self.started,
            "where": self.where, "section": self.section, "partner": self.partner,
            "answers": self.answers, "worksheet": _plain(self.snapshot),
            "base_sha256": self.base_sha256, "base": self.base,
        }
        text = HEADER.format(file=self.file) + yaml.safe_dump(
            data, sort_keys=False, allow_unicode=True, width=100)
        atomic_write(self.path, text.encode("utf-8"))

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def keep_copy(self) -> Path:
        copy = self.path.with_name(self.path.name + ".previous")
        if self.path.exists():
            shutil.copyfile(self.path, copy)
        return copy


def _plain(value: Any) -> Any:
    """The worksheet so far as plain YAML data, empty answers left out."""
    if isinstance(value, dict):
        out = {k: _plain(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def answer_text(question: Question, value: Any) -> str:
    """An answer as the prompt showed it once given (a choice by its label)."""
    labels = dict(getattr(question, "choices", ()))
    if isinstance(value, list):
        return ", ".join(str(labels.get(v, v)) for v in value)
    if isinstance(value, bool) and not labels:
        return "Yes" if value else "No"
    return "" if value is None else str(labels.get(value, value))


class Recorder:
    """An Asker that replays a draft's answers, then asks for real and records each answer."""

    def __init__(self, live: Asker, draft: Draft, snapshot: Any = None):
        self.live = live
        self.draft = draft
        self.replay = list(draft.answers)
        self.draft.answers = []
        self.replayed = 0
        self.snapshot = snapshot or (lambda: None)
        self.held: list[tuple[str, str]] = []  # said during the replay since the last heading

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
        if self.replay:
            record = self.replay[0]
            if (isinstance(record, dict) and record.get("key") == question.key
                    and question.check(record.get("value")) is None):
                self.replay.pop(0)
                self.draft.answers.append(record)
                self.replayed += 1
                shown = answer_text(question, record.get("value"))
                self.held.append((f"? {question.message} {shown}", "note"))
                if not self.replay:
                    self._resume()
                return record.get("value")
            copy = self.draft.keep_copy()
            self.replay = []
            self._resume(diverged=copy)
        value = self.live.ask(question)
        if value not in question.transient:
            self.draft.answers.append({"key": question.key, "value": value})
            self.save()
        return value

    def _resume(self, diverged: Path | None = None) -> None:
        """Back to the consultant: say where they are, as it was said before they stopped."""
        self.live.say(w.DRAFT_RESUMED.format(n=self.replayed), "ok")
        if diverged is not None:
            self.live.say(w.DRAFT_DIVERGED.format(copy=diverged), "warn")
        for text, kind in self.held:
            self.live.say(text, kind)
        self.held = []

    def save(self) -> None:
        """Write the draft (answers so far and a readable copy of the worksheet)."""
        if not self.draft.answers:
            return
        self.draft.snapshot = self.snapshot()
        self.draft.save()
