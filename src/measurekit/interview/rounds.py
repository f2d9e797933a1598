"""`measurekit record FILE`: one round of new values, asked measure by measure.

A round runs inside the interview's session (session.py): the same draft, Ctrl-C,
resume and save. It asks the date of the values once, then every measure of the
current partners and the shared measures (or one partner's, with --partner),
showing the last point and the target; Enter skips a measure. A value already
recorded on that date is the default, so Enter keeps it and typing replaces it.

Example:
    worksheet = record_round(flow, ending, partner=None, day=date(2026, 12, 31), table=show)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from ..core.model import Worksheet
from ..core.operations import put_point
from ..core.values import number_or_text
from . import dates
from . import wording as w
from .asker import Text
from .flow import Flow, Obj
from .menu import Ending, finished

RECORD = "record"  # the draft's section for a round: resuming it continues the round


def measures(flow: Flow, partner: int | None) -> Iterator[tuple[str, Obj]]:
    """(whose, measure) for each measure the round asks about, in file order."""
    if partner is not None:
        owner = flow.ws["partners"][partner]
        for m in owner.get("measures") or []:
            yield str(owner.get("name") or owner.get("id")), m
        return
    for p in flow.partners("current"):
        for m in p.get("measures") or []:
            yield str(p.get("name") or p.get("id")), m
    for s in flow.ws.get("shared_measures") or []:
        yield w.RECORD_SHARED, s


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _context(m: Obj) -> str:
    """What the consultant needs to see before typing: the last point and the target."""
    history = m.get("history") or []
    parts = []
    if history:
        last = max(history, key=lambda p: _shown(p.get("date")))
        parts.append(w.RECORD_LAST.format(value=last.get("value"), date=_shown(last.get("date"))))
    else:
        parts.append(w.RECORD_NO_POINT)
    if m.get("target") is not None:
        by = f" {w.RECORD_BY} {_shown(m['target_date'])}" if m.get("target_date") else ""
        parts.append(w.RECORD_TARGET.format(target=m["target"], by=by))
    return " · ".join(parts)


def ask_point(flow: Flow, whose: str, m: Obj, on: date) -> bool:
    """Ask one measure's value on `on` (and a note); True when a point was added or changed."""
    history: list[Obj] = m.setdefault("history", [])
    there = next((p for p in history if _shown(p.get("date")) == on.isoformat()), None)
    flow.say(f"{whose} · {m.get('name')}", "note")
    flow.say(_context(m), "explain")
    value = flow.ask(Text("record.value", w.RECORD_VALUE.format(date=on.isoformat()),
                          default="" if there is None else _shown(there.get("value")),
                          hint=w.RECORD_VALUE_HINT, parse=number_or_text))
    if value is None:
        return False
    note = flow.ask(Text("record.note", w.RECORD_NOTE,
                         default=(there or {}).get("note") or ""))
    return put_point(m, {"date": on, "value": value, "note": note}) != "same"


def record_round(flow: Flow, ending: Ending, *, partner: int | None, day: date,
                 table: Callable[[Worksheet, date], str]) -> Worksheet | None:
    """Ask the round; the worksheet to save, or None to quit keeping the draft."""
    asked = list(measures(flow, partner))
    flow.say(w.RECORD_HEADING.format(n=len(asked)), "heading")
    flow.say(w.RECORD_EXPLAIN)
    if not asked:
        flow.say(w.RECORD_NOTHING, "warn")
        return None
    answer = flow.ask(Text("record.date", w.RECORD_DATE, default=day.isoformat(), required=True,
                           hint=dates.HINT,
                           parse=lambda text: dates.parse(text, flow.today).isoformat()))
    on = date.fromisoformat(answer)
    changed = sum(ask_point(flow, whose, m, on) for whose, m in asked)
    worksheet = finished(flow)
    flow.say(w.HEADINGS["summary"], "heading")
    flow.say(table(worksheet, on), "block")
    flow.say(w.RECORD_COUNT.format(n=changed), "note")
    for note in ending.notes():
        flow.say(note, "warn")
    choice = flow.select(
        "finish", w.FINISH,
        [("save", w.FINISH_SAVE.format(file=ending.file)), ("quit", w.FINISH_QUIT)],
        default="save", transient=("save", "quit"),
    )
    return worksheet if choice == "save" else None
