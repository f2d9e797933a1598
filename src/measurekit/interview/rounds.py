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

from ..core.forecast import Proposal, propose
from ..core.model import Point, Worksheet
from ..core.operations import put_point
from ..core.record import INDICATOR
from ..core.values import number_or_text
from . import dates
from . import wording as w
from .asker import Text
from .flow import Flow, Obj
from .forecasts import offer
from .menu import Ending, finished

RECORD = "record"  # the draft's section for a round: resuming it continues the round


def measures(flow: Flow, partner: int | None) -> Iterator[tuple[str, Obj]]:
    """(whose, measure) for each measure the round asks about, in file order."""
    if partner is not None:
        owner = flow.ws["partners"][partner]
        for m in owner.get("measures") or []:
            yield str(owner.get("name") or owner.get("id")), m
        return
    for indicator in flow.ws.get("indicators") or []:
        yield INDICATOR, indicator
    for p in flow.partners("current"):
        for m in p.get("measures") or []:
            yield str(p.get("name") or p.get("id")), m
    for s in flow.ws.get("shared_measures") or []:
        yield w.RECORD_SHARED, s


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _context(m: Obj) -> str:
    """What the consultant needs to see before typing: baseline, last point, target."""
    history = m.get("history") or []
    parts = [w.RECORD_BASELINE.format(value=_shown(m["baseline"]))] \
        if m.get("baseline") is not None else []
    if history:
        last = max(history, key=lambda p: _shown(p.get("date")))
        parts.append(w.RECORD_LAST.format(value=last.get("value"), date=_shown(last.get("date"))))
    else:
        parts.append(w.RECORD_NO_POINT)
    if m.get("target") is not None:
        by = f" {w.RECORD_BY} {_shown(m['target_date'])}" if m.get("target_date") else ""
        parts.append(w.RECORD_TARGET.format(target=m["target"], by=by))
    return " · ".join(parts)


def looks_mistyped(value: Any) -> bool:
    """Text that is nearly a number, a letter or two among digits: '4l%', '1O0', '3,5k'."""
    if not isinstance(value, str) or len(value) > 12:
        return False
    letters = sum(c.isalpha() for c in value)
    return any(c.isdigit() for c in value) and 0 < letters <= 2


def ask_point(flow: Flow, whose: str, m: Obj, on: date, place: str = "") -> bool:
    """Ask one measure's value on `on` (and a note); True when a point was added or changed.

    `place` says where the measure comes in the round ("3 of 11").
    """
    history: list[Obj] = m.setdefault("history", [])
    there = next((p for p in history if _shown(p.get("date")) == on.isoformat()), None)
    flow.say(" · ".join(part for part in (place, whose, str(m.get("name"))) if part), "note")
    flow.say(_context(m), "explain")
    while True:
        value = flow.ask(Text("record.value", w.RECORD_VALUE.format(date=on.isoformat()),
                              default="" if there is None else _shown(there.get("value")),
                              hint=w.RECORD_VALUE_HINT, parse=number_or_text))
        if not looks_mistyped(value) or flow.confirm(
                "record.keep_text", w.RECORD_KEEP_TEXT.format(value=value), default=False):
            break
    if value is None:
        return False
    note = flow.ask(Text("record.note", w.RECORD_NOTE,
                         default=(there or {}).get("note") or ""))
    changed = put_point(m, {"date": on, "value": value, "note": note}) != "same"
    if changed:
        offer_forecast(flow, whose, m)
    return changed


def offer_forecast(flow: Flow, whose: str, m: Obj) -> None:
    """From a measure's third point on, while it has no forecast: a line through its
    points, shown on a small curve; Enter keeps it."""
    if m.get("forecast"):
        return
    try:
        history = [Point(date=p["date"], value=p["value"]) for p in m.get("history") or []]
    except (KeyError, ValueError):  # a point still to be put right: no line through it
        return
    line = propose(history, _day(m.get("target_date")))
    proposal = Proposal(str(m.get("id")), str(m.get("name")), whose, history, line or [])
    if line is not None and offer(flow, proposal, "record.forecast"):
        m["forecast"] = [{"date": p.date, "value": p.value} for p in line]


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _on(m: Obj, on: date) -> Any:
    """The measure's value recorded on `on`."""
    return next((p.get("value") for p in m.get("history") or []
                 if _shown(p.get("date")) == on.isoformat()), None)


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
    recorded = [f"  {whose} · {m.get('name')}: {_shown(_on(m, on))}"
                for n, (whose, m) in enumerate(asked, 1)
                if ask_point(flow, whose, m, on, w.RECORD_PLACE.format(n=n, total=len(asked)))]
    worksheet = finished(flow)
    flow.say(w.HEADINGS["summary"], "heading")
    flow.say(table(worksheet, on), "block")
    flow.say(w.RECORD_COUNT.format(n=len(recorded)), "note")
    if recorded:  # each value, to check before saving: a count alone hides a slip
        flow.say("\n".join(recorded), "block")
    for note in ending.notes():
        flow.say(note, "warn")
    choice = flow.select(
        "finish", w.FINISH,
        [("save", w.FINISH_SAVE.format(file=ending.file)), ("quit", w.FINISH_QUIT)],
        default="save", transient=("save", "quit"),
    )
    return worksheet if choice == "save" else None
