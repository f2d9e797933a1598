"""What the interview tells a watcher (the live page of `interview --show`) as it asks.

The interview owns its document (plain dicts, half-filled while a question is open).
A watcher may read that document only between `asking` and `answered`, while the
interview waits at a prompt and changes nothing; `answered` returns once the watcher
has stopped reading, so the two never touch the document at once. The interview
imports nothing of the watcher: the command line joins the two.

Example:
    flow.watcher = page_feed  # any object with these two methods
    # flow.ask(question) then calls page_feed.asking(flow.ws, flow.focus) and, once the
    # consultant has answered, page_feed.answered()
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Focus:
    """Where the interview is: the part of the worksheet and the item being asked about.

    `section` is a heading key of wording.HEADINGS ("partners", "current", "shared", ...)
    and `heading` its words as shown; `kind` and `item` the item being filled in (a
    partner's, a measure's dict), `owner` the partner a measure belongs to, `question`
    the words of the question on screen.
    """

    section: str = ""
    heading: str = ""
    kind: str = ""
    item: Any = None
    owner: Any = None
    question: str = ""


class Watcher(Protocol):
    def asking(self, document: dict[str, Any], focus: Focus) -> None:
        """A question is on screen: the document may be read until `answered`."""

    def answered(self) -> None:
        """The consultant answered: stop reading the document before this returns."""
