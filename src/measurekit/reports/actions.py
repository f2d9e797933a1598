"""Next steps and work-plan items in one list: who owes what by when, and what is late.

Open rows come first, in date order, then the done ones. Each row's status is
computed against an `as_of` date:

- `overdue`: open, dated before `as_of` (the row says how many days late);
- `due_soon`: open, dated from `as_of` to `as_of + days` inclusive;
- `later`: open, dated after that window;
- `no_date`: open work-plan item with no `due` date (a next step always has one);
  these sort after every dated open row, since nobody can be chased for them yet;
- `done`.

In json, `who` is the person responsible for every row (a next step's `who`, a
work item's `lead`), `lead` is the work item's own `lead` (null for next steps),
`partner` is a next step's partner id (null for work items) and `partners` lists
every partner id the row concerns, for both kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..core.model import NextStep, WorkItem, Worksheet
from .formats import Column, Report

STATUSES = ("overdue", "due_soon", "later", "no_date", "done")
STATUS_STYLES = {"overdue": "bold red", "due_soon": "yellow", "done": "dim"}
DEFAULT_DAYS = 14


@dataclass(frozen=True)
class Action:
    """One commitment, whichever part of the worksheet it comes from."""

    source: str  # next_step or work_plan
    what: str
    who: str | None
    lead: str | None
    with_whom: str | None
    partner: str | None
    partners: tuple[str, ...]
    by_when: date | None
    start: date | None
    step: int | None
    done: bool
    order: int  # position in the file, to keep ties stable

    @classmethod
    def from_next_step(cls, n: NextStep, order: int) -> Action:
        return cls(
            "next_step",
            n.what,
            n.who,
            None,
            n.with_whom,
            n.partner,
            (n.partner,) if n.partner else (),
            n.by_when,
            None,
            n.step,
            n.done,
            order,
        )

    @classmethod
    def from_work_item(cls, w: WorkItem, order: int) -> Action:
        return cls(
            "work_plan",
            w.what,
            w.lead,
            w.lead,
            None,
            None,
            tuple(w.partners),
            w.due,
            w.start,
            None,
            w.done,
            order,
        )

    def status(self, as_of: date, days: int) -> str:
        if self.done:
            return "done"
        if self.by_when is None:
            return "no_date"
        if self.by_when < as_of:
            return "overdue"
        if (self.by_when - as_of).days <= days:
            return "due_soon"
        return "later"

    def mentions(self, text: str) -> bool:
        """True when who, lead or with-whom contains `text`, ignoring case."""
        needle = text.casefold()
        return any(
            needle in field.casefold() for field in (self.who, self.lead, self.with_whom) if field
        )


def collect(ws: Worksheet, who: str | None = None) -> list[Action]:
    """Every next step and work item (filtered by --who), open first by date, then done."""
    actions = [Action.from_next_step(n, i) for i, n in enumerate(ws.next_steps)]
    offset = len(actions)
    actions += [Action.from_work_item(w, offset + i) for i, w in enumerate(ws.work_plan)]
    if who:
        actions = [a for a in actions if a.mentions(who)]
    return sorted(
        actions, key=lambda a: (a.done, a.by_when is None, a.by_when or date.min, a.order)
    )


def status_label(status: str, action: Action, as_of: date) -> str:
    if status == "overdue" and action.by_when is not None:
        late = (as_of - action.by_when).days
        return f"OVERDUE\n{late} day{'s' if late != 1 else ''} late"
    return {"due_soon": "due soon", "no_date": "no date"}.get(status, status)


def build(
    ws: Worksheet, as_of: date, *, days: int = DEFAULT_DAYS, who: str | None = None
) -> Report:
    names = {p.id: p.name for p in ws.partners}
    actions = collect(ws, who)
    facts = [("Result in the center", ws.result), ("As of", as_of.isoformat())]
    if who:
        facts.append(("Who", who))
    report = Report(
        title=f"Next steps: {ws.title}",
        columns=[
            Column("Status", 2, min_width=12),
            Column("By when", 2, min_width=10),
            Column("Who", 3),
            Column("What", 6),
            Column("With whom (partners)", 4),
            Column("From", 2, min_width=9),
        ],
        facts=facts,
        empty=(
            f"No next step or work-plan item mentions {who!r}."
            if who
            else "No next steps or work-plan items yet."
        ),
        csv_header=["Status", "Days late", "By when", "Who", "What", "With whom",
                    "Partner ids", "Partners", "From", "Step"],
    )
    counts = dict.fromkeys(STATUSES, 0)
    for a in actions:
        status = a.status(as_of, days)
        counts[status] += 1
        partner_names = "; ".join(names.get(pid, pid) for pid in a.partners)
        with_whom = "\n".join(x for x in (a.with_whom, partner_names and f"({partner_names})") if x)
        source = (
            "work plan"
            if a.source == "work_plan"
            else "next step" + (f"\n(step {a.step})" if a.step else "")
        )
        report.add(
            [
                status_label(status, a, as_of),
                a.by_when.isoformat() if a.by_when else "",
                a.who or "",
                a.what,
                with_whom,
                source,
            ],
            _record(a, status, as_of),
            STATUS_STYLES.get(status),
            csv=[
                status.replace("_", " "),
                str((as_of - a.by_when).days) if status == "overdue" and a.by_when else "",
                a.by_when.isoformat() if a.by_when else "",
                a.who or "",
                a.what,
                a.with_whom or "",
                "; ".join(a.partners),
                partner_names,
                a.source.replace("_", " "),
                str(a.step or ""),
            ],
        )
    if actions:
        summary = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items() if n)
        report.facts.append(("Summary", summary + f" (due soon = within {days} days)"))
    return report


def _record(a: Action, status: str, as_of: date) -> dict[str, Any]:
    late = (as_of - a.by_when).days if status == "overdue" and a.by_when else None
    return {
        "status": status,
        "days_late": late,
        "by_when": a.by_when,
        "what": a.what,
        "who": a.who,
        "lead": a.lead,
        "with_whom": a.with_whom,
        "partner": a.partner,
        "partners": list(a.partners),
        "source": a.source,
        "step": a.step,
        "start": a.start,
        "done": a.done,
    }
