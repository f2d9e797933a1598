"""Three-way merge of worksheets by id: two edits of one file, both kept.

base is the file as an editing session opened it, ours what the session made of it,
theirs the file as it is now (another command, a `git pull`, a hand edit). A field
changed on one side only takes that side's value; the same field changed both ways,
differently, is a `Conflict`, never decided silently: the caller says which side
each conflict takes (`take`, keyed by `Conflict.where`), and the file's value
("theirs") is what a conflict nobody answered takes.

Lists are merged item by item, by what names an item (schema_walk's models say what
a list holds): partners, measures and shared measures by id, data points by date, work
items by what is to be done, next steps by who and what; a list of ids (a shared
measure's partners) by the ids themselves. An item removed on one side and changed on
the other is a conflict too. The result is validated; a merge that breaks the id rules
(a partner removed on one side, named by a new next step on the other) is `Unmergeable`.

Example:
    merged = merge(base, ours, theirs)
    answers = {c.where: "ours" for c in merged.conflicts}  # asked of the user
    worksheet = merge(base, ours, theirs, take=answers).worksheet
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from .errors import MeasurekitError
from .fieldtypes import format_path
from .integrity import integrity_problems
from .model import Worksheet
from .problems import describe
from .schema_walk import nested

Side = Literal["ours", "theirs"]
ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "<absent>"})()


@dataclass(frozen=True)
class At:
    """An item of a list, by what names it: At("juvenile-probation"), At(date(2026, 3, 1))."""

    key: Hashable

    def __str__(self) -> str:
        key = self.key
        shown = " / ".join(map(str, key)) if isinstance(key, tuple) else str(key)
        return f"[{shown}]"


Where = tuple[str | At, ...]  # ("partners", At("juvenile-probation"), "contribution")


class Unmergeable(MeasurekitError):
    """The two edits, merged, break a rule of the worksheet: they cannot both be kept."""


@dataclass(frozen=True)
class Conflict:
    """One field (or item) changed both ways. A value is ABSENT where a side removed it."""

    where: Where
    base: Any
    ours: Any
    theirs: Any

    def path(self) -> str:
        """'partners[juvenile-probation].contribution'."""
        return "".join(f".{p}" if isinstance(p, str) else str(p) for p in self.where)[1:]


@dataclass
class Merged:
    worksheet: Worksheet
    conflicts: list[Conflict] = field(default_factory=list)


def merge(base: Worksheet, ours: Worksheet, theirs: Worksheet,
          take: Mapping[Where, Side] | None = None) -> Merged:
    """The two edits of `base` merged; every conflict listed, and settled by `take`
    (the file's value, theirs, where `take` does not say)."""
    conflicts: list[Conflict] = []
    merger = _Merger(take or {}, conflicts)
    data = merger.item(Worksheet, base.model_dump(), ours.model_dump(), theirs.model_dump(), ())
    try:
        worksheet = Worksheet.model_validate(data)
    except ValidationError as exc:
        raise Unmergeable("; ".join(f"{format_path(e['loc'])}: {describe(e)}"
                                    for e in exc.errors())) from None
    broken = [f"{format_path(loc)}: {message}" for loc, message in integrity_problems(worksheet)]
    if broken:
        raise Unmergeable("; ".join(broken))
    return Merged(worksheet, conflicts)


def key_of(model: type[BaseModel] | None) -> Callable[[Any], Hashable]:
    """What names an item of a list holding `model` (None: a list of plain values)."""
    if model is None:
        return lambda value: value
    names = model.model_fields
    if "id" in names:
        return lambda item: item.get("id")
    if "date" in names:
        return lambda item: item.get("date")
    text = tuple(n for n, info in names.items()
                 if info.is_required() and info.annotation is str)
    return lambda item: tuple(item.get(n) for n in text)


@dataclass
class _Merger:
    take: Mapping[Where, Side]
    conflicts: list[Conflict]

    def item(self, model: type[BaseModel], base: Any, ours: Any, theirs: Any,
             where: Where) -> dict[str, Any]:
        """One item, field by field (`base` {} when both sides added it)."""
        out = {}
        for name in model.model_fields:
            b, o, t = (x.get(name) if isinstance(x, dict) else None for x in (base, ours, theirs))
            inner = nested(model, name)
            here = (*where, name)
            if o == b or o == t:
                out[name] = t
            elif t == b:
                out[name] = o
            elif inner and not inner[1]:
                out[name] = self.item(inner[0], b or {}, o or {}, t or {}, here)
            elif isinstance(o, list) and isinstance(t, list):
                out[name] = self.listed(inner[0] if inner else None, b or [], o, t, here)
            else:
                out[name] = self.conflict(here, b, o, t)
        return out

    def listed(self, model: type[BaseModel] | None, base: list[Any], ours: list[Any],
               theirs: list[Any], where: Where) -> list[Any]:
        """A list, item by item, matched by what names them."""
        key = key_of(model)
        b, o, t = (_keyed(items, key) for items in (base, ours, theirs))
        out = []
        for k in _order(list(b), list(o), list(t)):
            bi, oi, ti = (side.get(k, ABSENT) for side in (b, o, t))
            if oi == bi or oi == ti:
                merged = ti
            elif ti == bi:
                merged = oi
            elif model is not None and ABSENT not in (oi, ti):
                merged = self.item(model, {} if bi is ABSENT else bi, oi, ti, (*where, _at(k)))
            else:  # removed on one side, changed on the other
                merged = self.conflict((*where, _at(k)), bi, oi, ti)
            if merged is not ABSENT:
                out.append(merged)
        return out

    def conflict(self, where: Where, base: Any, ours: Any, theirs: Any) -> Any:
        self.conflicts.append(Conflict(where, base, ours, theirs))
        return ours if self.take.get(where) == "ours" else theirs


def _keyed(items: list[Any], key: Callable[[Any], Hashable]) -> dict[Any, Any]:
    """Items by (their name, which of the items so named): two alike stay two."""
    out: dict[Any, Any] = {}
    seen: dict[Hashable, int] = {}
    for item in items:
        name = key(item)
        n = seen[name] = seen.get(name, -1) + 1
        out[(name, n)] = item
    return out


def _order(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Every key once: base's order, and each side's new keys after the key they follow
    there. New keys of both sides at one place go in a fixed order (the side whose first
    new key sorts first, first), so that merge(b, x, y) and merge(b, y, x) agree."""
    known = set(base)
    added: dict[Any, list[list[Any]]] = {}
    for side in (ours, theirs):
        groups: dict[Any, list[Any]] = {}
        after = None
        for k in side:
            if k in known:
                after = k
            else:
                groups.setdefault(after, []).append(k)
        for anchor, keys in groups.items():
            added.setdefault(anchor, []).append(keys)
    out: list[Any] = []
    seen: set[Any] = set()

    def emit(anchor: Any) -> None:
        for keys in sorted(added.get(anchor, []), key=lambda ks: repr(ks[0])):
            for k in keys:
                if k not in seen:
                    seen.add(k)
                    out.append(k)

    emit(None)
    for k in base:
        seen.add(k)
        out.append(k)
        emit(k)
    return out


def _at(key: tuple[Hashable, int]) -> At:
    """The place of the n-th item so named: its name, and n after the first."""
    name, n = key
    return At(name if n == 0 else (name, n))
