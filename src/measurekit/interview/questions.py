"""One question per worksheet field, built from the saved answer so that Enter keeps it.

The walk-through, the update menus and the re-asking of invalid saved answers all
get their questions here, so a field is asked the same way wherever it comes up.
Objects are the plain dicts of the worksheet being edited (see flow.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ..core import schema_walk as fields
from ..core.values import number_or_text
from . import dates
from . import wording as w
from .asker import Checkbox, Confirm, Question, Select, Text

NO_PICK = "-"  # select values are never None; this one stands for "none in particular"


def shown(value: Any) -> str:
    """A saved value as prompt text: dates as YYYY-MM-DD, numbers as written."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def build(kind: str, field: str, obj: dict[str, Any], ws: dict[str, Any], today: date,
          owner: dict[str, Any] | None = None) -> Question | None:
    """The question for `field` of `obj`, or None when there is nothing to ask (no choices).

    How it is asked follows from the field's type in the model (fields.spec).
    """
    spec = fields.spec(kind, field)
    wkey = fields.wording_key(kind, field)
    name = (owner or obj).get("name") or "this partner"
    message = w.QUESTIONS[wkey]
    if kind == "partner" and obj.get("status") == "desired":
        message = w.FOR_DESIRED.get(wkey, message)
    message = message.format(name=name)
    key = f"{kind}.{field}"
    saved = obj.get(field)
    labels = w.CHOICES.get(wkey, {})

    if spec.sort == "date":
        return Text(key, message, default=shown(saved), required=spec.required,
                    hint=dates.HINT, parse=_date_parser(kind, field, obj, today))
    if spec.sort == "choice":
        return Select(key, message, choices=[(v, labels.get(v, str(v))) for v in spec.choices],
                      default=saved)
    if spec.sort == "yesno":
        if not isinstance(saved, bool):
            saved = spec.default
            if kind == "measure" and field == "hypothesized":  # a desired partner's: a guess
                saved = (owner or {}).get("status") == "desired"
        if labels:
            return Select(key, message, choices=list(labels.items()), default=saved)
        return Confirm(key, message, default=bool(saved))
    if spec.sort == "pick":
        choices = _items(spec.refers, obj, ws, listed=_list(saved))
        if spec.refers == "measure" and not choices and not saved:
            return None  # no measure among the partners picked: nothing to choose from
        need = w.PICK_AT_LEAST_ONE.format(what=spec.refers) if spec.at_least_one else None
        return Checkbox(key, message, choices=choices, default=_list(saved), at_least_one=need)
    if spec.sort == "pick_one":
        choices = _items(spec.refers, obj, ws)
        if not spec.required:
            choices.insert(0, (NO_PICK, w.NO_PICK))
        return Select(key, message, choices=choices, default=saved or NO_PICK)
    parsers: dict[str, Callable[[str], Any]] = {"value": number_or_text, "number": at_least_zero}
    parse = parsers.get(spec.sort)
    return Text(key, message, default=shown(saved), required=spec.required, parse=parse)


def at_least_zero(text: str) -> int | float:
    """A number of 0 or more (a tolerance), as the file keeps it; ValueError otherwise."""
    value = number_or_text(text)
    if isinstance(value, str) or value < 0:
        raise ValueError(w.wording_curve.NOT_A_TOLERANCE)
    return value


def stored(kind: str, field: str, value: Any) -> Any:
    """The value the file keeps for an answer."""
    if fields.spec(kind, field).sort == "pick_one" and value == NO_PICK:
        return None
    return value


def _items(refers: str, obj: dict[str, Any], ws: dict[str, Any],
           listed: list[Any] | None = None) -> list[tuple[Any, str]]:
    """The partners, or the measures of the partners `obj` picked, as (id, label) choices.

    Every id already `listed` is offered too, even a measure whose partner is not among
    those picked: Enter keeps what the list holds, shown or not.
    """
    partners, listed = ws.get("partners", []), listed or []
    if refers == "partner":
        choices = [(p["id"], p.get("name") or p["id"]) for p in partners]
    else:
        picked = set(_list(obj.get("partners")))
        choices = [(m["id"], f"{p.get('name')} · {m.get('name')}")
                   for p in partners for m in p.get("measures", [])
                   if p.get("id") in picked or m.get("id") in listed]
    known = {value for value, _ in choices}
    return choices + [(i, str(i)) for i in listed if i not in known]


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _date_parser(kind: str, field: str, obj: dict[str, Any], today: date) -> Callable[[str], str]:
    def parse(text: str) -> str:
        day = dates.parse(text, today)
        if kind == "work" and field == "due":
            start = obj.get("start")
            if start is not None and shown(start) > day.isoformat():
                raise ValueError(w.DUE_BEFORE_START.format(start=shown(start)))
        return day.isoformat()

    return parse
