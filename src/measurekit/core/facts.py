"""Field facts: what the rest of measurekit knows about a model field, beside its type.

A field of a model in model.py carries its facts in `Field(json_schema_extra=Facts(...))`.
The walk (schema_walk.py) reads them for the interview, `gaps` for what is missing,
`diff` for how a change is worded, `table --full` for its columns, and the JSON Schema
writes them out (under `x-measurekit`) for other tools. A field with no facts is asked
in the full walk-through, is never a gap, and `diff` reports it as "changed".

No pydantic here, so that reading the facts costs nothing at start-up.

Example:
    contribution: OptText = Field(None, description="...", json_schema_extra=Facts(
        quick=True, wide=True, gap=Missing("no_contribution", "no aligned contribution yet",
                                           status="current")))
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Missing:
    """The gap `gaps` lists while a field is empty (None, or an empty list).

    `message` follows the item's name ("Library: no aligned contribution yet"); `{field}`
    in it stands for the field's name in words. With `{fields}`, the item's empty fields
    of the same kind make one gap that names them all ("no baseline, target date").
    """

    kind: str  # the gap's kind, as `gaps --format json` shows it
    message: str
    status: str | None = None  # a partner's field: a gap only for partners of this status
    step: str | None = None  # the worksheet step it belongs to, when not the item's own


@dataclass(frozen=True)
class Facts:
    """What measurekit needs to know about one field. Every fact has a neutral default."""

    asked: bool = True  # the interview asks it (False: measurekit sets it, or free notes)
    quick: bool = False  # `interview --quick` asks it too: the summary table shows it
    person: bool = False  # it names people: the interview offers those named so far
    # Asked only of "desired" partners, of measures "with_data", or of those whose direction
    # cannot be read from baseline to target ("no_direction").
    only: str | None = None
    gap: Missing | None = None  # the gap it raises when empty
    # How `diff` words a change of it: a change kind ("moved", "story", ...); on a list of
    # items, the word for one item ("partner" gives partner_added and partner_removed).
    diff: str | None = "changed"  # None: bookkeeping, never reported
    key: bool = False  # names an item that has no id: `diff` matches items by their keys
    shown: bool = False  # `diff` shows its value beside an item added or removed
    wide: bool = False  # `table --full` gives it a wide column (long free text)
    # The summary table's one line for its item shows it (a measure's name, id, numbers);
    # `table --full` writes the other fields after that line, each as "field: value".
    headline: bool = False
    stamps: str | None = None  # a date field the interview sets to today when this one changes

    def __call__(self, schema: dict[str, Any]) -> None:
        """Pydantic calls this for the JSON Schema: the facts that differ from the default."""
        told = {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) != f.default}
        if told.get("gap") is not None:
            told["gap"] = told["gap"].kind
        if told:
            schema["x-measurekit"] = told


NO_FACTS = Facts()


class Refers:
    """Marks an id that points at another item, so the interview offers those items to pick.

    Pydantic ignores metadata it does not know: validation and the JSON Schema are Slug's.
    Example: PartnerId = Annotated[Slug, Refers("partner")]
    """

    def __init__(self, to: str):
        self.to = to  # "partner" or "measure"
