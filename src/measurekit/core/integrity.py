"""The worksheet's id rules: every id unique in the file, every reference to an id that exists.

Read from the model through schema_walk (the items with ids, and the fields the model
marks `Refers`), never from a list kept by hand: a reference field added to a model is
checked with no change here. It runs on a `Worksheet` and on the interview's dicts alike.
Loading refuses a file that breaks these rules, and so does saving.

Example:
    list(integrity_problems(ws))
    # [(('work_plan', 0, 'partners', 1), "no partner has the id 'libary' (did you mean ...)")]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .fieldtypes import format_path, unknown_id
from .schema_walk import KINDS, located, references, value

Path = tuple[str | int, ...]


def integrity_problems(doc: Any) -> Iterator[tuple[Path, str]]:
    """Duplicate ids and references to ids that do not exist, as (field path, message).

    Every id is unique in the whole file, so a reference can never be ambiguous.
    One pass to index, one pass to check: linear in the size of the file.
    """
    seen: dict[str, str] = {}
    known: dict[str, set[str]] = {}
    for path, item, model in located(doc):
        ident = value(item, "id")
        if not isinstance(ident, str):
            continue  # an item still without an id: the interview asks its name first
        if ident in seen:
            yield (*path, "id"), f"duplicate id {ident!r}: already used by {seen[ident]}"
        else:
            seen[ident] = format_path(path)
        known.setdefault(KINDS.get(model, ""), set()).add(ident)
    for ref in references():
        ids = known.get(ref.to, set())
        for i, item in enumerate(value(doc, ref.where) or []):
            held = value(item, ref.field)
            if ref.many:
                for k, ident in enumerate(held or []):
                    if ident not in ids:
                        yield (ref.where, i, ref.field, k), unknown_id(ref.to, ident, ids)
            elif held is not None and held not in ids:
                yield (ref.where, i, ref.field), unknown_id(ref.to, held, ids)
