"""Changes to a worksheet, written once: rename an id, remove a partner or a measure,
add data points, mark a step done.

Each works on a `Worksheet` (the Python API, `record`) and on the interview's dicts in
the file's shape (half-filled answers) alike, through schema_walk: the items with ids,
and the references the model marks with `Refers`. Each changes the document in place
(lists are edited in place, so whoever holds one sees the change) and returns what it
did. A field set on a model is validated (validate_assignment); `save` checks the rest.

Example:
    ws = store.load_worksheet("w.yaml")
    gone = remove_partner(ws, "juvenile-court", drop_next_steps=True)
    rename_id(ws, "schools", "alder-schools")  # and every reference to it
    store.save(ws, "w.yaml")
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from .errors import MeasurekitError
from .fieldtypes import SLUG_RE, unknown_id
from .schema_walk import Reference, located, references, value

Doc = Any  # a Worksheet, or a dict in the file's shape
Item = Any  # an item of one of its lists: a model, or a dict


class Refused(MeasurekitError):
    """An operation that would break the worksheet (an unknown id, an id taken twice)."""


@dataclass
class Cascade:
    """What goes with a partner: its measures, and the items that name it or them."""

    partner: Item
    measures: list[str]  # the ids of its measures, which go with it
    emptied: list[Item] = field(default_factory=list)  # shared measures it alone shared: removed
    shared: list[Item] = field(default_factory=list)  # shared measures that lose it or its measures
    work: list[Item] = field(default_factory=list)  # work items that name it: it is taken off
    next_steps: list[Item] = field(default_factory=list)  # about it: dropped, or kept unlinked
    dropped_next_steps: bool = False


def find(doc: Doc, ident: str) -> Item | None:
    """The item (partner, measure, shared measure) with this id, or None."""
    return next((item for _, item, _ in located(doc) if value(item, "id") == ident), None)


def references_to(doc: Doc, ident: str) -> list[tuple[Reference, Item]]:
    """Each (reference field, item) that points at `ident`, in the model's order of fields."""
    found = []
    for ref in references():
        for item in _items(doc, ref.where):
            held = value(item, ref.field)
            if (ident in (held or ())) if ref.many else held == ident:
                found.append((ref, item))
    return found


def rename_id(doc: Doc, old: str, new: str) -> int:
    """Give the item with id `old` the id `new`, and point every reference at it.

    Returns how many references were moved. Refused: an unknown `old`, a `new` that is
    not a short id or that another item has.
    """
    item = find(doc, old)
    if item is None:
        raise Refused(unknown_id("item", old, _ids(doc)))
    if not isinstance(new, str) or not SLUG_RE.match(new):
        raise Refused(f"{new!r} is not an id: use lowercase letters, digits and hyphens")
    if new != old and find(doc, new) is not None:
        raise Refused(f"the id {new!r} is taken already: ids are unique in the file")
    _put(item, "id", new)
    return _replace(doc, {old: new})


def cascade(doc: Doc, partner_id: str) -> Cascade:
    """What removing the partner would take with it; nothing is changed."""
    partners = _items(doc, "partners")
    partner = next((p for p in partners if value(p, "id") == partner_id), None)
    if partner is None:
        raise Refused(unknown_id("partner", partner_id, [value(p, "id") for p in partners]))
    mids = [value(m, "id") for m in _items(partner, "measures")]
    out = Cascade(partner, mids)
    for s in _items(doc, "shared_measures"):
        sharing = value(s, "partners") or []
        if partner_id in sharing and set(sharing) <= {partner_id}:
            out.emptied.append(s)
        elif partner_id in sharing or set(mids) & set(value(s, "measures") or []):
            out.shared.append(s)
    out.work = [i for i in _items(doc, "work_plan") if partner_id in (value(i, "partners") or [])]
    out.next_steps = [n for n in _items(doc, "next_steps") if value(n, "partner") == partner_id]
    return out


def remove_partner(doc: Doc, partner_id: str, *, drop_next_steps: bool = False) -> Cascade:
    """Remove a partner with its measures, and every reference to them.

    A shared measure that it alone shared goes too; its next steps are dropped with
    `drop_next_steps`, else kept without the partner. Returns what went (`Cascade`).
    """
    gone = cascade(doc, partner_id)
    _remove(doc, "partners", [gone.partner])
    _remove(doc, "shared_measures", gone.emptied)
    if drop_next_steps:
        _remove(doc, "next_steps", gone.next_steps)
        gone.dropped_next_steps = True
    _replace(doc, dict.fromkeys([partner_id, *gone.measures]))
    return gone


def remove_measure(doc: Doc, measure_id: str) -> list[tuple[Reference, Item]]:
    """Remove a partner's measure and every reference to it; the items that named it."""
    for path, item, _ in located(doc):
        if value(item, "id") == measure_id and path[-2:-1] == ("measures",):
            owner = _at(doc, path[:-2])
            named = references_to(doc, measure_id)
            _remove(owner, "measures", [item])
            _replace(doc, {measure_id: None})
            return named
    raise Refused(unknown_id("measure", measure_id, _ids(doc)))


Put = Literal["added", "replaced", "same"]


def put_point(measure: Item, point: Item) -> Put:
    """Put one dated point in a measure's history, kept sorted with one point per date.

    A point on a date already there replaces it, unless it says the same (value and note).
    """
    history = _list(measure, "history")
    day = _day(value(point, "date"))
    for i, there in enumerate(history):
        if _day(value(there, "date")) == day:
            if _same_point(there, point):
                return "same"
            history[i] = point
            return "replaced"
    insort(history, point, key=lambda p: _day(value(p, "date")))
    return "added"


def add_points(doc: Doc, points: Iterable[tuple[str, Item]]) -> tuple[int, int]:
    """Put (measure id, point) pairs in the measures' histories: (points added, replaced)."""
    measures = {value(item, "id"): item for _, item, model in located(doc)
                if "history" in model.model_fields}
    counts = {"added": 0, "replaced": 0, "same": 0}
    for ident, point in points:
        if ident not in measures:
            raise Refused(unknown_id("measure", ident, measures))
        counts[put_point(measures[ident], point)] += 1
    return counts["added"], counts["replaced"]


def mark_done(item: Item, done: bool = True, on: date | None = None,
              model: type[BaseModel] | None = None) -> None:
    """Mark a next step or a work item done (or open again, with done=False).

    A next step records the day it was done: `on`, today when not given. `model` says
    what a dict is (a model knows itself).
    """
    if model is None and isinstance(item, BaseModel):
        model = type(item)
    _put(item, "done", done)
    if model is not None and "done_on" in model.model_fields:
        _put(item, "done_on", (on or date.today()) if done else None)


# --- the walk underneath ------------------------------------------------------------------


def _replace(doc: Doc, moves: dict[str, str | None]) -> int:
    """Point each reference to an old id at its new one (None: drop it); how many moved."""
    moved = 0
    for ref in references():
        for item in _items(doc, ref.where):
            held = value(item, ref.field)
            if ref.many and isinstance(held, list) and not moves.keys().isdisjoint(held):
                out = (moves.get(i, i) for i in held)
                held[:] = [i for i in dict.fromkeys(out) if i is not None]
                moved += 1
            elif not ref.many and isinstance(held, str) and held in moves:
                _put(item, ref.field, moves[held])
                moved += 1
    return moved


def _items(obj: Any, name: str) -> list[Item]:
    """The items of a list field (a dict's invalid entries, still to be asked, left out)."""
    return [i for i in value(obj, name) or [] if isinstance(i, dict | BaseModel)]


def _list(obj: Any, name: str) -> list[Any]:
    """The list a field holds, itself (to be edited in place); a dict without one gets one."""
    held = value(obj, name)
    if held is None and isinstance(obj, dict):
        held = obj[name] = []
    return held if held is not None else []


def _remove(obj: Any, name: str, gone: list[Item]) -> None:
    held, ids = _list(obj, name), {id(g) for g in gone}
    held[:] = [i for i in held if id(i) not in ids]


def _put(item: Item, name: str, new: Any) -> None:
    if isinstance(item, dict):
        item[name] = new
    else:
        setattr(item, name, new)  # validated by the model


def _at(doc: Doc, path: tuple[str | int, ...]) -> Any:
    obj = doc
    for part in path:
        obj = obj[part] if isinstance(part, int) else value(obj, part)
    return obj


def _ids(doc: Doc) -> list[str]:
    return [i for _, item, _ in located(doc) if isinstance(i := value(item, "id"), str)]


def _day(day: Any) -> str:
    return day.isoformat() if isinstance(day, date) else str(day)


def _same_point(a: Item, b: Item) -> bool:
    return (_day(value(a, "value")) == _day(value(b, "value"))
            and (value(a, "note") or None) == (value(b, "note") or None))
