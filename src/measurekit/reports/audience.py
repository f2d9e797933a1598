"""What a page for partners leaves out: the team's own read, chosen here, once.

`--audience partners` builds the handout from a copy of the worksheet without the team's
read of the partners not yet at the table: why they may not be engaged, the plan to engage
them, and that plan's next steps (a next step about a desired partner, or of step 3). A
desired partner stays named, with its kind, and with what we hope it could bring: its
hypothesized contribution, strategy and measures. The reflection, the gaps and the notes
are left out by the sections themselves (their `team` flag).

Example:
    >>> for_partners(worksheet).partners[-1].engagement_plan is None
    True
"""

from __future__ import annotations

from dataclasses import replace

from ..core.model import NextStep, Worksheet
from .formats import Report

AUDIENCES = ("team", "partners")
# Changes of "Since last time" that are the team's own (diff's kinds).
TEAM_CHANGES = frozenset({"reflection"})


def _private_steps(ws: Worksheet) -> list[NextStep]:
    desired = {p.id for p in ws.partners if p.status == "desired"}
    return [n for n in ws.next_steps if n.partner in desired or n.step == 3]


def for_partners(ws: Worksheet) -> Worksheet:
    """The worksheet as partners may read it (a copy; `ws` is left as it is)."""
    private = {"why_not_engaged": None, "engagement_plan": None}
    partners = [p.model_copy(update=private) if p.status == "desired" else p for p in ws.partners]
    hidden = {id(n) for n in _private_steps(ws)}
    steps = [n for n in ws.next_steps if id(n) not in hidden]
    return ws.model_copy(update={"partners": partners, "next_steps": steps})


def changes_for_partners(changes: Report, ws: Worksheet) -> Report:
    """diff's report without the team's own changes: the reflection, and the next steps
    of engaging a desired partner."""
    private = [n.what for n in _private_steps(ws)]

    def shown(record: dict[str, object]) -> bool:
        kind, what = str(record.get("change")), str(record.get("what"))
        if kind in TEAM_CHANGES:
            return False
        return not (kind.startswith("next_step") and any(w in what for w in private))

    keep = [i for i, record in enumerate(changes.records) if shown(record)]
    return replace(
        changes,
        cells=[changes.cells[i] for i in keep],
        records=[changes.records[i] for i in keep],
        row_styles=[changes.row_styles[i] for i in keep],
    )
