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
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

YES, NO = ("y", "yes"), ("n", "no")
# A byte that is not UTF-8 (é from a terminal set to Latin-1) reaches us as a lone
# surrogate, which no file can hold: refused at the prompt, never kept in the draft.
_NOT_UTF8 = re.compile("[\ud800-\udfff]")
NOT_UTF8 = ("the terminal sent a character that is not UTF-8 text (is it set to Latin-1?): "
            "delete it, set the terminal to UTF-8, and type it again")
YES_OR_NO = "type y or n, then Enter"
# Under a list of choices, short enough to fit beside a long question at 80 columns.
SELECT_HINT = "(arrows, or type a word)"


class GoBack(Exception):  # noqa: N818 (a request, not an error)
    """Shift+Tab: the consultant wants the previous question again (draft.Recorder handles it)."""


@dataclass
class Question:
    key: str  # a stable name, recorded in the draft so that a resume can replay the answer
    message: str
    # Answers that end the run rather than feed the worksheet are not replayed on resume.
    transient: tuple[Any, ...] = field(default=(), kw_only=True)
    # What the answer is about, however the walk reaches it (flow.Flow.place): after
    # Shift+Tab an answer returns to its place, not to its position in the walk.
    place: str = field(default="", kw_only=True)

    def check(self, value: Any) -> str | None:
        """Why a recorded answer would no longer be accepted, or None when it would."""
        return None

    def answered(self, value: Any) -> Question:
        """The same question with `value`, an answer it returned before, ready to edit."""
        return replace(self, default=value)  # type: ignore[call-arg]


def _validate(question: Any, raw: str) -> bool | str:
    """True when `question.convert` accepts `raw`, else its reason (prompt_toolkit's form)."""
    try:
        question.convert(raw)
    except ValueError as exc:
        return str(exc)
    return True


@dataclass
class Text(Question):
    """Free text; empty means 'skip' unless required. `parse` turns the text into the value."""

    default: str = ""
    required: bool = False
    multiline: bool = False
    hint: str | None = None
    parse: Callable[[str], Any] | None = None
    suggestions: Sequence[str] = ()  # offered while typing (Tab or Down picks); any text goes

    def convert(self, raw: str) -> Any:
        """The value for an answer as typed; ValueError says why it is refused."""
        if _NOT_UTF8.search(raw):
            raise ValueError(NOT_UTF8)
        text = raw.strip()
        if not text:
            if self.required:
                raise ValueError("an answer is needed here")
            return None
        return self.parse(text) if self.parse else text

    validate = _validate  # the answer as typed, refused with convert's reason

    def answered(self, value: Any) -> Question:
        return replace(self, default="" if value is None else str(value))

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
    """Yes or no, typed and confirmed with Enter, so that no stray key answers it."""

    default: bool = True

    def convert(self, raw: str) -> bool:
        """'y', 'yes', 'n', 'no' (any case), or nothing for the default; ValueError otherwise."""
        text = raw.strip().lower()
        if not text:
            return self.default
        if text in YES or text in NO:
            return text in YES
        raise ValueError(YES_OR_NO)

    validate = _validate  # the answer as typed, refused with convert's reason

    def check(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else f"expected yes or no, got {value!r}"


def fit(label: str, width: int | None = None) -> str:
    """A choice's label within one line of the terminal, shortened before its last part.

    The last part of a label (after its last " · ") is what tells entries apart (a due
    date, a measure's type, the measure a partner feeds), so it is kept whole while it
    fits; a label without one is shortened in the middle.
    Example: fit("Sam: call the library about the hours · by 2026-12-01", 40)
    == "Sam: call the lib… · by 2026-12-01"
    """
    room = (width or columns()) - 6  # pointer, ticks and margin
    if len(label) <= room or room < 20:
        return label
    head, sep, tail = label.rpartition(" · ")
    if sep and room - len(sep) - len(tail) - 1 >= 4:
        return head[:room - len(sep) - len(tail) - 1] + "…" + sep + tail
    if sep and len(tail) <= room:
        return tail
    keep = (room - 1) // 2
    return label[:room - 1 - keep] + "…" + label[-keep:]


def columns() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def _page(text: str) -> bool:
    """Show a text taller than the terminal in a pager ($PAGER, or less); False if not."""
    import os
    import shlex
    import shutil
    import subprocess
    import sys

    rows = shutil.get_terminal_size().lines
    if not sys.stdout.isatty() or text.count("\n") < rows - 2:
        return False
    pager = os.environ.get("PAGER") or ("less -R" if shutil.which("less") else "")
    if not pager:
        return False
    try:
        subprocess.run(shlex.split(pager), input=text, text=True, check=False)
    except OSError:
        return False
    return True


class Asker(Protocol):
    def ask(self, question: Question) -> Any: ...

    def say(self, text: str, kind: str = "explain") -> None:
        """kind: heading (the progress line), explain, note, warn, block (preformatted),
        page (preformatted, in a pager when taller than the screen), clear (the screen)."""


STYLES = {"heading": "bold cyan", "explain": "", "note": "dim", "warn": "yellow", "ok": "green"}


class TerminalAsker:
    """Questions as questionary prompts; Ctrl-C raises KeyboardInterrupt (unsafe_ask)."""

    def __init__(self, color: bool = True):
        self.color = color

    def say(self, text: str, kind: str = "explain") -> None:
        import sys

        if kind == "clear":  # the screen, to be drawn again from the top
            if sys.stdout.isatty():
                sys.stdout.write("\x1b[H\x1b[2J")
                sys.stdout.flush()
            return
        if kind == "page" and _page(text):
            return
        if kind in ("block", "page"):
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            sys.stdout.flush()
            return
        from rich.console import Console
        from rich.text import Text as RichText

        from ..core.text import safe

        console = Console(highlight=False, no_color=not self.color, emoji=False)
        if kind == "heading":
            console.print()
        console.print(RichText(safe(text), style=STYLES.get(kind, "")))

    def ask(self, question: Question) -> Any:
        """Ask in the terminal; Shift+Tab raises GoBack, Ctrl-C KeyboardInterrupt."""
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        back = KeyBindings()

        @back.add("s-tab")
        def _back(event: Any) -> None:
            event.app.exit(exception=GoBack())

        if isinstance(question, Confirm):

            @back.add("enter")
            def _yes_no(event: Any) -> None:
                buffer = event.current_buffer
                if question.validate(buffer.text) is True:  # the answered line says it in full
                    buffer.text = "Yes" if question.convert(buffer.text) else "No"
                buffer.validate_and_handle()

        q = self._prompt(question, back)
        extra = [back]
        if isinstance(question, Select):
            from .choosing import word_filter

            extra.append(word_filter(q))  # a filter matches word starts; no match, no pick
        q.application.key_bindings = merge_key_bindings([q.application.key_bindings, *extra])
        value = q.unsafe_ask()
        if isinstance(question, Text):
            converted = question.convert(value)
            plain = converted.isoformat() if isinstance(converted, date) else converted
            # What a shortcut (`+6m`, `2026-12`) stands for, at once under the answer.
            if question.parse and isinstance(plain, str) and plain != value.strip():
                self.say(f"  = {plain}", "note")
            return converted
        if isinstance(question, Checkbox):
            picked = list(value)
            labels = dict(question.choices)
            self.say("  = " + (", ".join(str(labels.get(v, v)) for v in picked) or "none"), "note")
            return picked
        if isinstance(question, Confirm):
            return question.convert(value)
        return value

    def _prompt(self, question: Question, back: Any) -> Any:
        """The questionary prompt for a question, not yet shown."""
        import questionary
        from questionary import Choice

        from ..core.text import safe

        # Worksheet text in a prompt is shown, never obeyed: prompt_toolkit shows ESC as ^[
        # but passes bidi overrides through, which would reorder what the reader sees.
        changes: dict[str, Any] = {"message": safe(question.message)}
        if isinstance(question, Select | Checkbox):
            changes["choices"] = [(value, safe(label)) for value, label in question.choices]
        question = replace(question, **changes)

        if isinstance(question, Text):
            multiline = question.multiline or "\n" in question.default
            hint = question.hint
            if question.required:  # the opening lines say what cannot be skipped
                hint = "required" + (f"; {hint}" if hint else "")
            if multiline:
                hint = (hint + "; " if hint else "") + "Esc then Enter to finish"
            instruction = f"({hint})" if hint else None
            if multiline:  # several lines are edited below the question, at full width
                instruction = f"{instruction}\n"
            extra: dict[str, Any] = {}
            if question.suggestions and not multiline:
                from prompt_toolkit.completion import WordCompleter

                extra["completer"] = WordCompleter(list(question.suggestions), ignore_case=True,
                                                   match_middle=True, sentence=True)
            return questionary.text(
                question.message,
                default=question.default,
                validate=question.validate,
                multiline=multiline,
                instruction=instruction,
                **extra,
            )
        if isinstance(question, Select):
            default = question.default if question.default in question.values() else None
            # Typing filters the choices (the start of a word of a label, ignoring case
            # and accents: choosing.py): with a thousand partners in the menu, a few
            # letters of a name reach it. j and k are then letters like the others.
            return questionary.select(
                question.message,
                choices=[Choice(fit(label), value=value) for value, label in question.choices],
                default=default,
                use_search_filter=True,
                use_jk_keys=False,
                instruction=SELECT_HINT,
            )
        if isinstance(question, Checkbox):
            return questionary.checkbox(
                question.message,
                choices=[
                    Choice(fit(label), value=value, checked=value in question.default)
                    for value, label in question.choices
                ],
                validate=question.validate,
                instruction="(Space ticks, Enter confirms)",
            )
        if isinstance(question, Confirm):
            # A text prompt, not questionary.confirm: that one answers on a single key, so
            # the Enter after `y` (or a `n` inside words typed ahead) would answer the next
            # question too. Here only y, yes, n, no or Enter alone are accepted.
            return questionary.text(
                question.message,
                validate=question.validate,
                instruction="(Y/n)" if question.default else "(y/N)",
            )
        raise TypeError(f"unknown question type {type(question).__name__}")
