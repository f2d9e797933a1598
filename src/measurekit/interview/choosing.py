"""Type-to-filter in a list of choices that cannot pick the wrong answer.

questionary's filter matches anywhere inside a label and, when nothing matches,
shows every choice again with the first one under the pointer, so `e` then Enter
picks "Internal" (int-e-rnal) and a title typed ahead into the first question of a
new worksheet becomes "Every question". Here a filter matches the start of a word
of a label (ignoring case and accents); a filter that matches nothing says so and
Enter then does nothing until it is mended (Backspace) or cleared.

Example: matches("ext", "External: outside your organisation") is True,
matches("e", "Internal: inside your organisation") is False.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

NO_MATCH = "no choice matches '{text}' (Backspace to change it)"


def folded(text: str) -> str:
    """Lower case without accents: 'Été' -> 'ete'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches(typed: str, label: str) -> bool:
    """Whether `typed` starts at the start of a word of `label` (and may run on past it)."""
    wanted = folded(typed).strip()
    if not wanted:
        return True
    text = folded(label)
    return any(text.startswith(wanted, m.start()) for m in re.finditer(r"\w+", text))


def word_filter(question: Any) -> Any:
    """The questionary select `question`, its filter made the one above; Enter guarded.

    Returns key bindings to merge after questionary's own: Enter picks only while
    some choice matches.
    """
    from prompt_toolkit.key_binding import KeyBindings
    from questionary.prompts.common import InquirerControl

    control = next(w.content for w in question.application.layout.find_all_windows()
                   if isinstance(w.content, InquirerControl))
    control.__class__ = _control_class()
    control.text = control._get_choice_tokens  # bound when it was made: bind it again
    keys = KeyBindings()

    @keys.add("enter", eager=True)
    def _enter(event: Any) -> None:
        if control.filtered_choices:  # nothing matches: Enter waits for a mended filter
            control.is_answered = True
            event.app.exit(result=control.get_pointed_at().value)

    return keys


@cache
def _control_class() -> type:
    from questionary.prompts.common import InquirerControl

    class WordStartControl(InquirerControl):  # type: ignore[misc]
        """Choices whose words start with what was typed; none when none do."""

        @property
        def filtered_choices(self) -> list[Any]:
            if not self.search_filter:
                return list(self.choices)
            found = [c for c in self.choices if matches(self.search_filter, str(c.title))]
            self.found_in_search = bool(found)
            return found

        def is_selection_valid(self) -> bool:
            return not self.filtered_choices or super().is_selection_valid()

        def select_next(self) -> None:
            if self.filtered_choices:
                super().select_next()

        def select_previous(self) -> None:
            if self.filtered_choices:
                super().select_previous()

        def _get_choice_tokens(self) -> list[tuple[str, str]]:
            if not self.filtered_choices:  # in place of the list: why there is none
                return [("class:search_none", "   " + NO_MATCH.format(text=self.search_filter))]
            return list(super()._get_choice_tokens())

    return WordStartControl

