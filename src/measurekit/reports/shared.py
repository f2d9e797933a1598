"""The shared measures on their own: what each one counts, its numbers, and who feeds it.

One row per shared measure, in file order: its name and id, its definition, its
baseline, target and date, the partners who share it and the partners' own measures
that feed it (each with the partner it belongs to), and its notes.

Example:
    >>> build(worksheet).columns[0].header
    'Shared measure'
"""

from __future__ import annotations

from typing import Any

from ..core.model import Measure, Partner, SharedMeasure, Worksheet
from .formats import Column, Report
from .table import numbers_text

BULLET = "• "  # not "- ": a cell starting with "-" would need the spreadsheet formula guard


def feeding(ws: Worksheet) -> dict[str, tuple[Measure, Partner]]:
    """Measure id -> (the measure, its partner), for every partner's measure."""
    return {m.id: (m, p) for p in ws.partners for m in p.measures}


def build(ws: Worksheet, *, notes: bool = True) -> Report:
    """`notes=False` leaves the free-text notes out (the handout for partners)."""
    partners = {p.id: p for p in ws.partners}
    measures = feeding(ws)
    columns = [
        Column("Shared measure", 3),
        Column("Definition", 4),
        Column("Baseline, target and date", 3, min_width=12),
        Column("Partners", 3),
        Column("Measures that feed it", 4),
    ]
    report = Report(
        title=f"Shared measures: {ws.title}",
        columns=columns + ([Column("Notes", 3)] if notes else []),
        facts=[("Result in the center", ws.result)],
        empty="No measures shared across partners yet.",
        csv_header=["Shared measure id", "Shared measure", "Definition", "Baseline", "Target",
                    "Target date", "Partner ids", "Partners", "Measure ids",
                    "Measures that feed it"] + (["Notes"] if notes else []),
    )
    for s in ws.shared_measures:
        fed = [measures[m] for m in s.measures if m in measures]
        cells = [
            f"{s.name}\n[{s.id}]",
            s.definition or "",
            numbers_text(s.baseline, s.target, s.target_date),
            "\n".join(
                f"{BULLET}{partners[pid].name if pid in partners else pid}" for pid in s.partners
            ),
            "\n".join(f"{BULLET}{m.name} ({p.name})" for m, p in fed),
        ]
        extra = [s.notes or ""] if notes else []
        spreadsheet = [
            s.id, s.name, s.definition or "", *(_text(v) for v in (s.baseline, s.target)),
            s.target_date.isoformat() if s.target_date else "", "; ".join(s.partners),
            "; ".join(partners[pid].name if pid in partners else pid for pid in s.partners),
            "; ".join(m.id for m, _ in fed), "; ".join(f"{m.name} ({p.name})" for m, p in fed),
        ]
        report.add(cells + extra, record(s, partners, measures, notes), csv=spreadsheet + extra)
    return report


def _text(value: object) -> str:
    return "" if value is None else str(value)


def record(
    s: SharedMeasure,
    partners: dict[str, Partner],
    measures: dict[str, tuple[Measure, Partner]],
    notes: bool = True,
) -> dict[str, Any]:
    """Every field of the shared measure; partners and measures with their names."""
    data = s.model_dump(exclude=None if notes else {"notes"})
    data["partners"] = [
        {"id": pid, "name": partners[pid].name if pid in partners else None} for pid in s.partners
    ]
    data["measures"] = [
        {
            "id": mid,
            "name": measures[mid][0].name if mid in measures else None,
            "partner": measures[mid][1].id if mid in measures else None,
        }
        for mid in s.measures
    ]
    return data
