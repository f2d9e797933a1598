"""What changed between two versions of a worksheet, matched by id (`measurekit diff`).

Derived from the model, so a new field needs no change here: every field of every
item is compared, and its facts (core/facts.py) say how a change is worded: its kind
("moved", "story", "changed" by default), and for a list of items the word for one
item (partner gives partner_added and partner_removed). Items are matched by id, an
item without one by its key fields (a next step by who and what, a point by its
date). An id renamed, the same item under a new id (same name, same history), is one
change, and the references to it follow it. The headline comes first (a desired
partner now at the table), then the rest in the order of KINDS, each in file order.

Example:
    render(build(old, new, "old.yaml", "new.yaml"), Format.markdown)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel

from ..core.fieldtypes import name_key
from ..core.model import Partner, Point, Worksheet
from ..core.schema_walk import facts, nested, refers_to
from .formats import Column, Report

# Every kind of change, in the order the report lists them; a kind a new field brings
# (its Facts(diff=...)) comes last, worded as its name.
KINDS = (
    "partner_status", "renamed", "partner_added", "partner_removed", "measure_added",
    "measure_removed", "indicator_added", "indicator_removed", "moved", "story", "data_point",
    "data_point_changed", "data_point_removed", "forecast_point_added", "forecast_point_changed",
    "forecast_point_removed", "next_step_added", "next_step_done", "next_step_removed",
    "work_added", "work_done", "work_removed", "reflection", "changed",
)
_LABELS = {
    "partner_status": "partner status", "renamed": "id renamed", "partner_added": "partner added",
    "partner_removed": "partner removed", "measure_added": "measure added",
    "measure_removed": "measure removed", "indicator_added": "indicator added",
    "indicator_removed": "indicator removed", "moved": "moved", "story": "story",
    "forecast_point_added": "forecast added", "forecast_point_changed": "forecast changed",
    "forecast_point_removed": "forecast removed",
    "data_point": "new data", "data_point_changed": "data corrected",
    "data_point_removed": "data removed", "next_step_added": "next step added",
    "next_step_done": "next step done", "next_step_removed": "next step removed",
    "work_added": "work added", "work_done": "work done", "work_removed": "work removed",
    "reflection": "reflection", "changed": "changed",
}
_POINT = "data_point"  # new data: a new measure's points are new data too
# Items labelled as "Shared: name", as a partner's measures are under the partner's name.
_SHARED = {"shared_measures": "Shared", "indicators": "Indicator"}


@dataclass(frozen=True)
class Change:
    """One difference: its kind, what it concerns, and the old and new values."""

    kind: str
    what: str  # a sentence naming the partner, measure or step
    partner: str | None = None
    measure: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class _Where:
    """Where in the worksheet: how to name the item, and the partner and measure it is in."""

    label: str = ""
    partner: str | None = None
    measure: str | None = None
    key: str = ""  # an item without an id: its key fields as text (a point's date)
    word: str = ""  # the word for the items of its list (data_point, forecast_point, ...)


def changes(old: Worksheet, new: Worksheet) -> list[Change]:
    """Every change from `old` to `new`, in the order of KINDS, then file order."""
    renames = _renames(old, new)
    found = [Change("renamed", f"{where.label}: id {a} is now {b}", where.partner,
                    where.measure, "id", a, b) for a, (b, where) in renames.items()]
    found += _compare(old, new, type(new), _Where(), {a: b for a, (b, _) in renames.items()})
    order = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(found, key=lambda c: order.get(c.kind, len(order)))  # stable: file order


def _compare(a: BaseModel, b: BaseModel, model: type[BaseModel], where: _Where,
             renames: dict[str, str]) -> list[Change]:
    """The changes inside one item (a worksheet, a partner, a point...) found in both."""
    found: list[Change] = []
    grouped: dict[str, list[tuple[str, Any, Any]]] = {}
    for name, kind, inner, refers in _plan(model):
        x, y = getattr(a, name), getattr(b, name)
        if x is y:
            continue
        if inner is None:
            if renames and refers:
                x = [renames.get(i, i) for i in x] if isinstance(x, list) else renames.get(x, x)
            if x != y:
                grouped.setdefault(kind, []).append((name, x, y))
        elif inner[1]:
            found += _lists(x, y, inner[0], kind, name, where, renames)
        elif x != y:
            found += _compare(x, y, inner[0], where, renames)
    for kind, fields in grouped.items():
        found += _worded(kind, fields, b, where)
    return found


def _worded(kind: str, fields: list[tuple[str, Any, Any]], item: BaseModel,
            where: _Where) -> Iterator[Change]:
    """The changes of one kind in one item, worded as the kind says.

    A kind with a yes-or-no field (next_step_done: done and done_on) is one change when
    that field turns yes, with the other field's new value; otherwise each field changed.
    """
    turned = [f for f in fields if f[1] is False and f[2] is True and kind != "changed"]
    if turned:
        rest = [f for f in fields if f not in turned]
        name, _, value = rest[0] if rest else (None, None, None)
        yield Change(kind, _label(kind, where, item), where.partner, where.measure, name,
                     new=value)
        return
    for name, x, y in fields:
        said = "changed" if isinstance(y, bool) else kind  # a step reopened: not "done"
        field = where.key if said == "data_point_changed" else name
        if said == "data_point_changed" and where.word not in ("", _POINT):
            said = f"{where.word}_changed"  # a point of a forecast, not of the data
        what = _field_label(said, name, where, x, y)
        yield Change(said, what, where.partner, where.measure, field, x, y)


def _label(kind: str, where: _Where, item: BaseModel) -> str:
    if kind == "work_done" and getattr(item, "lead", None):
        return f"{where.label} ({item.lead})"  # type: ignore[attr-defined]
    return where.label


def _field_label(kind: str, name: str, where: _Where, old: Any, new: Any) -> str:
    words = name.replace("_", " ")
    if kind == "partner_status":
        turn = "now at the table" if new == "current" else "no longer current"
        return f"{where.label}: {turn}"
    if kind == "story" or kind.endswith("point_changed"):
        return where.label
    return f"{where.label}: {words}" if where.label else words


def _lists(old: list[BaseModel], new: list[BaseModel], model: type[BaseModel], word: str,
           name: str, where: _Where, renames: dict[str, str]) -> list[Change]:
    """Items added, removed and changed in one list, matched by id (or key fields)."""
    before = {_key(model, item, renames): item for item in old}
    after = {_key(model, item): item for item in new}
    found: list[Change] = []
    for key, item in after.items():
        if key not in before:
            found += _added(word, model, item, _inside(model, item, name, where, word))
        elif before[key] != item:
            found += _compare(before[key], item, model, _inside(model, item, name, where, word),
                              renames)
    for key, item in before.items():
        if key not in after:
            inside = _inside(model, item, name, where, word)
            found.append(_one(f"{word}_removed", model, item, inside, removed=True))
    return found


def _added(word: str, model: type[BaseModel], item: BaseModel, where: _Where) -> list[Change]:
    """An item added; the points of a new measure are new data too."""
    found = [_one(_POINT if word == _POINT else f"{word}_added", model, item, where)]
    for name, kind, inner, _ in _plan(model):
        if inner and inner[1] and kind == _POINT:
            found += [_one(_POINT, inner[0], point, _inside(inner[0], point, name, where))
                      for point in getattr(item, name)]
    return found


def _one(kind: str, model: type[BaseModel], item: BaseModel, where: _Where,
         removed: bool = False) -> Change:
    """A change for a whole item: its label, and the value that says most about it."""
    shown = _told(model, "shown")
    value = getattr(item, shown[0]) if shown else None
    field = where.key if issubclass(model, Point) else (shown[0] if shown else None)
    old, new = (value, None) if removed else (None, value)
    return Change(kind, where.label, where.partner, where.measure, field, old, new)


def _inside(model: type[BaseModel], item: BaseModel, name: str, where: _Where,
            word: str = "") -> _Where:
    """How to name an item of a list, and the partner and measure it belongs to."""
    label, key = _value(item, model, "name"), ""
    if label is None:
        key = ": ".join(_shown(getattr(item, n)) for n in _told(model, "key"))
        label = f"{where.label} on {key}" if where.label else key
    elif where.label or name in _SHARED:
        label = f"{where.label or _SHARED[name]}: {label}"
    ident = _value(item, model, "id")
    if isinstance(item, Partner):
        return _Where(label, ident)
    if ident is not None:
        return _Where(label, where.partner, ident)
    # An item that names the partner it concerns (a next step) belongs to that partner.
    partner = next((getattr(item, n) for n in model.model_fields
                    if refers_to(model, n) == ("partner", False)), where.partner)
    return _Where(label, partner, where.measure, key, word)


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, str, Any, bool], ...]:
    """The fields a diff compares, each with its kind of change, the model of the items
    it holds (and if a list of them), and if it holds ids of other items."""
    return tuple((name, facts(model, name).diff or "item", nested(model, name),
                  refers_to(model, name) is not None)
                 for name in model.model_fields
                 if name != "id" and facts(model, name).diff is not None)


@cache
def _told(model: type[BaseModel], fact: str) -> tuple[str, ...]:
    """The fields of a model with a fact set, such as "key" or "shown", in their order;
    for "id" and "name", the field of that name, when the model has one."""
    if fact in ("id", "name"):
        return (fact,) if fact in model.model_fields else ()
    return tuple(n for n in model.model_fields if getattr(facts(model, n), fact))


def _key(model: type[BaseModel], item: BaseModel, renames: dict[str, str] | None = None) -> Any:
    """What matches an item across versions: its id (as renamed), else its key fields."""
    if _told(model, "id"):
        ident = _value(item, model, "id")
        return (renames or {}).get(ident, ident) if renames else ident
    return tuple(getattr(item, n) for n in _told(model, "key"))


def _value(item: BaseModel, model: type[BaseModel], name: str) -> Any:
    """The item's id or name, or None when its model has none (a point has neither)."""
    return item.__dict__[name] if _told(model, name) else None


def _renames(old: Worksheet, new: Worksheet) -> dict[str, tuple[str, _Where]]:
    """Ids renamed: an item gone under one id and new under another, holding the same
    (its history, or its measures' ids) under the same name, or under a new name when it
    holds something. Old id -> (new id, where the item is now)."""
    gone, came = _with_ids(old), _with_ids(new)
    lost = [(i, v) for i, v in gone.items() if i not in came]
    fresh = {i: v for i, v in came.items() if i not in gone}
    found: dict[str, tuple[str, _Where]] = {}
    # The deepest first: a partner holding renamed measures still holds the same ones.
    for old_id, (a, _, _) in sorted(lost, key=lambda kv: -kv[1][2]):
        held = _holds(a, found)
        for new_id, (b, where, _) in fresh.items():
            if type(b) is not type(a) or _holds(b, {}) != held:
                continue
            named = name_key(getattr(a, "name", None)) == name_key(getattr(b, "name", None))
            if any(held) or named:
                found[old_id] = (new_id, where)
                del fresh[new_id]
                break
    return found


def _holds(item: BaseModel, renames: dict[str, tuple[str, _Where]]) -> tuple[tuple[Any, ...], ...]:
    """What an item holds, list by list: its items' ids (as renamed), or the items."""
    held = []
    for name in type(item).model_fields:
        inner = nested(type(item), name)
        if inner and inner[1]:
            held.append(tuple(renames[i][0] if (i := getattr(obj, "id", None)) in renames
                              else i if i is not None else obj for obj in getattr(item, name)))
    return tuple(held)


def _with_ids(ws: Worksheet) -> dict[str, tuple[BaseModel, _Where, int]]:
    """Every item with an id, at any depth: id -> (item, where it is, its depth)."""
    out: dict[str, tuple[BaseModel, _Where, int]] = {}

    def walk(item: BaseModel, model: type[BaseModel], where: _Where, depth: int) -> None:
        for name in model.model_fields:
            inner = nested(model, name)
            if inner and inner[1] and "id" in inner[0].model_fields:  # points have no ids
                for obj in getattr(item, name):
                    inside = _inside(inner[0], obj, name, where)
                    out[obj.id] = (obj, inside, depth)  # type: ignore[attr-defined]
                    walk(obj, inner[0], inside, depth + 1)

    walk(ws, type(ws), _Where(), 0)
    return out


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    return value.isoformat() if isinstance(value, date) else str(value)


def build(old: Worksheet, new: Worksheet, old_name: str, new_name: str) -> Report:
    found = changes(old, new)
    report = Report(
        title=f"What changed: {new.title}",
        columns=[Column("Change", 2, min_width=12), Column("What", 6), Column("Was", 3),
                 Column("Now", 3)],
        facts=[("From", old_name), ("To", new_name)],
        empty="Nothing changed.",
    )
    for c in found:
        report.add(
            [_label_of(c.kind), c.what, _shown(c.old), _shown(c.new)],
            {"change": c.kind, "what": c.what, "partner": c.partner, "measure": c.measure,
             "field": c.field, "old": c.old, "new": c.new},
            "bold green" if c.kind == "partner_status" else None,
        )
    if found:
        counts: dict[str, int] = {}
        for c in found:
            counts[_label_of(c.kind)] = counts.get(_label_of(c.kind), 0) + 1
        report.facts.append(("Summary", ", ".join(f"{n} {k}" for k, n in counts.items())))
    return report


def _label_of(kind: str) -> str:
    return _LABELS.get(kind, kind.replace("_", " "))
