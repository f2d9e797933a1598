"""The small interface the interview asks through, and its terminal implementation.

A question object knows its wording, its default and how to check and convert an
answer; the flow only ever calls `asker.ask(question)` and `asker.say(text)`. The
terminal asker turns a question into a questionary prompt; tests use a fake asker
that returns scripted answers. This is the only module that imports questionary,
and only when a prompt is actually shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")  # not 0755: kept as text, as the file does


@dataclass
class Question:
    key: str  # a stable name, recorded in the draft so that a resume can replay the answer
    message: str
    # Answers that end the run rather than feed the worksheet are not replayed on resume.
    transient: tuple[Any, ...] = field(default=(), kw_only=True)

    def check(self, value: Any) -> str | None:
        """Why a recorded answer would no longer be accepted, or None when it would."""
        return None


@dataclass
class Text(Question):
    """Free text; empty means 'skip' unless required. `parse` turns the text into the value."""

    default: str = ""
    required: bool = False
    multiline: bool = False
    hint: str | None = None
    parse: Callable[[str], Any] | None = None

    def convert(self, raw: str) -> Any:
        """The value for an answer as typed; ValueError says why it is refused."""
        text = raw.strip()
        if not text:
            if self.required:
                raise ValueError("an answer is needed here")
            return None
        return self.parse(text) if self.parse else text

    def validate(self, raw: str) -> bool | str:
        try:
            self.convert(raw)
        except ValueError as exc:
            return str(exc)
        return True

    def check(self, value: Any) -> str | None:
        if value is not None and not isinstance(value, str | int | float):
            return f"expected text, got {value!r}"
        result = self.validate("" if value is None else str(value))
        return None if result is True else str(result)


@dataclass
class Select(Question):
    """One of a list; each choice is (value, label) and values are never None."""

    choices: Sequence[tuple[Any, str]] = ()
    default: Any = None

    def values(self) -> list[Any]:
        return [value for value, _ in self.choices]

    def check(self, value: Any) -> str | None:
        return None if value in self.values() else f"{value!r} is not one of the choices"


@dataclass
class Checkbox(Question):
    """Any number of a list (Space ticks, Enter confirms)."""

    choices: Sequence[tuple[Any, str]] = ()
    default: Sequence[Any] = ()
    at_least_one: str | None = None  # the refusal when nothing is ticked, if one is needed

    def validate(self, picked: Sequence[Any]) -> bool | str:
        if self.at_least_one and not picked:
            return self.at_least_one
        return True

    def check(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return f"expected a list, got {value!r}"
        known = [v for v, _ in self.choices]
        unknown = [v for v in value if v not in known]
        if unknown:
            return f"{unknown[0]!r} is not one of the choices"
        result = self.validate(value)
        return None if result is True else str(result)


@dataclass
class Confirm(Question):
    default: bool = True

    def check(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else f"expected yes or no, got {value!r}"


def number_or_text(text: str) -> int | float | str:
    """'120' -> 120, '3.5' -> 3.5, '45%' -> '45%': a baseline or target as the file keeps it."""
    if NUMBER.match(text):
        return float(text) if "." in text else int(text)
    return text


class Asker(Protocol):
    def ask(self, question: Question) -> Any: ...

    def say(self, text: str, kind: str = "explain") -> None:
        """kind: heading (the progress line), explain, note, warn, block (preformatted)."""


STYLES = {"heading": "bold cyan", "explain": "", "note": "dim", "warn": "yellow", "ok": "green"}


class TerminalAsker:
    """Questions as questionary prompts; Ctrl-C raises KeyboardInterrupt (unsafe_ask)."""

    def __init__(self, color: bool = True):
        self.color = color

    def say(self, text: str, kind: str = "explain") -> None:
        import sys

        if kind == "block":
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            sys.stdout.flush()
            return
        from rich.console import Console
        from rich.text import Text as RichText

        from ..text import safe

        console = Console(highlight=False, no_color=not self.color, emoji=False)
        if kind == "heading":
            console.print()
        console.print(RichText(safe(text), style=STYLES.get(kind, "")))

    def ask(self, question: Question) -> Any:
        import questionary
        from questionary import Choice

        q: Any
        if isinstance(question, Text):
            multiline = question.multiline or "\n" in question.default
            hint = question.hint
            if multiline:
                hint = (hint + "; " if hint else "") + "Esc then Enter to finish"
            instruction = f"({hint})" if hint else None
            if multiline:  # several lines are edited below the question, at full width
                instruction = f"{instruction}\n"
            raw = questionary.text(
                question.message,
                default=question.default,
                validate=question.validate,
                multiline=multiline,
                instruction=instruction,
            ).unsafe_ask()
            value = question.convert(raw)
            if isinstance(value, date) and raw.strip() != value.isoformat():
                self.say(f"  = {value.isoformat()}", "note")  # `+2w` or `2026-12`, made plain
            return value
        if isinstance(question, Select):
            default = question.default if question.default in question.values() else None
            q = questionary.select(
                question.message,
                choices=[Choice(label, value=value) for value, label in question.choices],
                default=default,
            )
            return q.unsafe_ask()
        if isinstance(question, Checkbox):
            q = questionary.checkbox(
                question.message,
                choices=[
                    Choice(label, value=value, checked=value in question.default)
                    for value, label in question.choices
                ],
                validate=question.validate,
                instruction="(Space ticks, Enter confirms)",
            )
            return list(q.unsafe_ask())
        if isinstance(question, Confirm):
            return bool(
                questionary.confirm(question.message, default=question.default).unsafe_ask()
            )
        raise TypeError(f"unknown question type {type(question).__name__}")
