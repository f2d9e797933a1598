"""One question per worksheet field, built from the saved answer so that Enter keeps it.

The walk-through, the update menus and the re-asking of invalid saved answers all
get their questions here, so a field is asked the same way wherever it comes up.
Objects are the plain dicts of the worksheet being edited (see flow.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from . import dates
from . import wording as w
from .asker import Checkbox, Confirm, Question, Select, Text, number_or_text

NO_PARTNER = "-"  # select values are never None; this one stands for "no partner"

# The fields the interview asks about, per kind of object, in the order it asks them.
FIELDS = {
    "worksheet": ("title", "result", "action_plan", "facilitator"),
    "partner": ("name", "kind", "status", "why_critical", "why_not_engaged", "contribution",
                "strategy", "engagement_plan"),
    "measure": ("name", "type", "hypothesized", "baseline", "target", "target_date", "data_source"),
    "shared": ("name", "definition", "partners", "measures", "baseline", "target", "target_date"),
    "work": ("what", "lead", "partners", "start", "due", "done"),
    "next": ("who", "what", "with_whom", "by_when", "partner", "done"),
    "reflection": tuple(w.REFLECTION),
}
REQUIRED = {"title", "result", "name", "what", "who", "by_when"}
DATES = {"target_date", "start", "due", "by_when"}
VALUES = {"baseline", "target"}

_MESSAGES = {
    "worksheet": {"title": w.TITLE, "result": w.RESULT, "action_plan": w.ACTION_PLAN,
                  "facilitator": w.FACILITATOR},
    "partner": {"name": w.PARTNER_NAME, "kind": w.KIND, "status": w.STATUS,
                "why_critical": w.WHY_CRITICAL, "why_not_engaged": w.WHY_NOT_ENGAGED,
                "contribution": w.CONTRIBUTION, "strategy": w.STRATEGY,
                "engagement_plan": w.ENGAGEMENT_PLAN},
    "measure": {"name": w.MEASURE_NAME, "type": w.MEASURE_TYPE, "hypothesized": w.HYPOTHESIZED,
                "baseline": w.BASELINE, "target": w.TARGET, "target_date": w.TARGET_DATE,
                "data_source": w.DATA_SOURCE},
    "shared": {"name": w.SHARED_NAME, "definition": w.SHARED_DEFINITION,
               "partners": w.SHARED_PARTNERS, "measures": w.SHARED_MEASURES,
               "baseline": w.BASELINE, "target": w.TARGET, "target_date": w.TARGET_DATE},
    "work": {"what": w.WORK_WHAT, "lead": w.WORK_LEAD, "partners": w.WORK_PARTNERS,
             "start": w.WORK_START, "due": w.WORK_DUE, "done": w.WORK_DONE},
    "next": {"who": w.STEP_WHO, "what": w.STEP_WHAT, "with_whom": w.STEP_WITH,
             "by_when": w.STEP_BY, "partner": w.STEP_PARTNER, "done": w.STEP_DONE},
    "reflection": w.REFLECTION,
}


def shown(value: Any) -> str:
    """A saved value as prompt text: dates as YYYY-MM-DD, numbers as written."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def build(kind: str, field: str, obj: dict[str, Any], ws: dict[str, Any], today: date,
          owner: dict[str, Any] | None = None) -> Question | None:
    """The question for `field` of `obj`, or None when there is nothing to ask (no choices)."""
    name = (owner or obj).get("name") or "this partner"
    if kind == "partner" and field == "contribution" and obj.get("status") == "desired":
        message = w.CONTRIBUTION_HYPO.format(name=name)
    else:
        message = _MESSAGES[kind][field].format(name=name)
    key = f"{kind}.{field}"
    saved = obj.get(field)

    if field in DATES:
        return Text(key, message, default=shown(saved), required=field in REQUIRED,
                    hint=dates.HINT, parse=_date_parser(kind, field, obj, today))
    if kind == "partner" and field == "kind":
        return Select(key, message, choices=w.KIND_CHOICES, default=saved)
    if kind == "partner" and field == "status":
        return Select(key, message, choices=w.STATUS_CHOICES, default=saved)
    if kind == "measure" and field == "type":
        return Select(key, message, choices=w.MEASURE_TYPE_CHOICES, default=saved)
    if kind == "measure" and field == "hypothesized":
        if not isinstance(saved, bool):
            saved = (owner or {}).get("status") == "desired"
        return Select(key, message, choices=w.HYPOTHESIZED_CHOICES, default=saved)
    if field == "done":
        return Confirm(key, message, default=saved if isinstance(saved, bool) else False)
    if field == "partners":
        choices = [(p["id"], p.get("name") or p["id"]) for p in ws.get("partners", [])]
        need = w.SHARED_PARTNERS_NEEDED if kind == "shared" else None
        return Checkbox(key, message, choices=choices, default=_list(saved), at_least_one=need)
    if kind == "shared" and field == "measures":
        picked = set(_list(obj.get("partners")))
        choices = [(m["id"], f"{p.get('name')} · {m.get('name')}")
                   for p in ws.get("partners", []) if p.get("id") in picked
                   for m in p.get("measures", [])]
        if not choices and not saved:
            return None
        return Checkbox(key, message, choices=choices, default=_list(saved))
    if kind == "next" and field == "partner":
        choices = [(NO_PARTNER, w.STEP_NO_PARTNER)] + [
            (p["id"], p.get("name") or p["id"]) for p in ws.get("partners", [])]
        return Select(key, message, choices=choices, default=saved or NO_PARTNER)
    return Text(key, message, default=shown(saved), required=field in REQUIRED,
                parse=number_or_text if field in VALUES else None)


def stored(kind: str, field: str, value: Any) -> Any:
    """The value the file keeps for an answer."""
    if kind == "next" and field == "partner" and value == NO_PARTNER:
        return None
    return value


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _date_parser(kind: str, field: str, obj: dict[str, Any], today: date) -> Callable[[str], str]:
    def parse(text: str) -> str:
        day = dates.parse(text, today)
        if kind == "work" and field == "due":
            start = obj.get("start")
            if start is not None and shown(start) > day.isoformat():
                raise ValueError(w.WORK_DUE_BEFORE_START.format(start=shown(start)))
        return day.isoformat()

    return parse
