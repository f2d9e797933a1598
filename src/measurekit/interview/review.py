"""What this session changed, for the review before saving (issue 18, item 12).

The closing review counts what the worksheet holds; this says what the session did
to it: the result's population indicators, partners, measures, shared measures, work
plan items, next steps added, changed (naming the fields) or removed, and the
reflection answers changed. Items are matched as the file matches them: by id, a
measure within its partner; work plan items and next steps (which have no id) by what
is to be done.

Example: session_changes(before, after) == ["Partners: added Beta; changed Alpha
(status, why not engaged)", "Measures: added M1 (Alpha)"]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..core.model import Worksheet

Item = dict[str, Any]
# Lists of items held inside an item: counted as their own kinds, not as a changed field;
# and what every save changes, or only the review adds.
INNER = ("measures", "history", "updated", "partner_name")


def session_changes(before: Worksheet | None, after: Worksheet) -> list[str]:
    """One line per kind of item the session changed; none when it changed nothing."""
    old = before.model_dump(mode="json") if before is not None else {}
    new = after.model_dump(mode="json")
    lines = [
        _line("Population indicators", old.get("indicators"), new.get("indicators"), _by_id,
              _name),
        _line("Partners", old.get("partners"), new.get("partners"), _by_id, _name),
        _line("Measures", _measures(old), _measures(new), _by_id, _measure_name),
        _line("Shared measures", old.get("shared_measures"), new.get("shared_measures"),
              _by_id, _name),
        _line("Work plan", old.get("work_plan"), new.get("work_plan"), _by_what, _what),
        _line("Next steps", old.get("next_steps"), new.get("next_steps"), _by_what, _what),
    ]
    details = _fields({k: v for k, v in old.items() if not isinstance(v, list)},
                      {k: v for k, v in new.items() if not isinstance(v, list)})
    if details:
        lines.insert(0, f"Worksheet: changed {', '.join(details)}")
    reflection = _fields(old.get("reflection") or {}, new.get("reflection") or {})
    if reflection:
        lines.append(f"Reflection: changed {', '.join(reflection)}")
    return [line for line in lines if line]


def _measures(data: Item) -> list[Item]:
    return [{**m, "partner_name": p.get("name")} for p in data.get("partners") or []
            for m in p.get("measures") or []]


def _by_id(item: Item) -> Any:
    return item.get("id")


def _by_what(item: Item) -> Any:
    return (item.get("who"), item.get("what"))


def _name(item: Item) -> str:
    return str(item.get("name"))


def _measure_name(item: Item) -> str:
    return f"{item.get('name')} ({item.get('partner_name')})"


def _what(item: Item) -> str:
    return f"'{item.get('what')}'"


def _line(title: str, old: Iterable[Item] | None, new: Iterable[Item] | None,
          key: Callable[[Item], Any], label: Callable[[Item], str]) -> str:
    before = {key(i): i for i in old or []}
    after = {key(i): i for i in new or []}
    added = [label(i) for k, i in after.items() if k not in before]
    removed = [label(i) for k, i in before.items() if k not in after]
    changed = []
    for k, item in after.items():
        fields = _fields(before[k], item) if k in before else []
        if fields:
            changed.append(f"{label(item)} ({', '.join(fields)})")
    parts = [f"{verb} {', '.join(names)}"
             for verb, names in (("added", added), ("changed", changed), ("removed", removed))
             if names]
    return f"{title}: {'; '.join(parts)}" if parts else ""


def _fields(old: Item, new: Item) -> list[str]:
    """The fields whose answers differ (an item's own lists apart), as words."""
    names = [k for k in dict.fromkeys([*old, *new])
             if k not in INNER and old.get(k) != new.get(k)]
    points = [k for k in ("history",) if (old.get(k) or []) != (new.get(k) or [])]
    return [n.replace("_", " ") for n in names] + (["data points"] if points else [])
