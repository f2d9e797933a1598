"""The worksheet's own summary table: the four columns of the Shared Performance Measure template.

One row per partner, current partners before desired ones:
who can contribute · their contribution and measures · the strategy · the shared measures.
"""

from __future__ import annotations

from typing import Any

from ..model import Measure, Partner, Worksheet
from .formats import Column, Report

TYPE_LABELS = {"how_much": "How much", "how_well": "How well", "better_off": "Better off"}
HYPOTHESIZED = "(hypothesized)"


def measure_line(m: Measure) -> str:
    """'Youth diverted (hypothesized): 120 -> 300 by 2027-06-30'."""
    text = m.name + (f" {HYPOTHESIZED}" if m.hypothesized else "")
    numbers = []
    if m.baseline is not None:
        numbers.append(f"{m.baseline}")
    if m.target is not None:
        numbers.append(f"-> {m.target}" if numbers else f"target {m.target}")
    if m.target_date is not None:
        numbers.append(f"by {m.target_date.isoformat()}")
    return text + (": " + " ".join(numbers) if numbers else "")


def measures_by_type(partner: Partner) -> dict[str, list[Measure]]:
    grouped: dict[str, list[Measure]] = {key: [] for key in TYPE_LABELS}
    for m in partner.measures:
        grouped[m.type].append(m)
    return grouped


def who_cell(p: Partner) -> str:
    return f"{p.name}\n({p.kind}, {p.status})"


def contribution_cell(p: Partner) -> str:
    parts = [p.contribution or "(no contribution yet)"]
    for key, measures in measures_by_type(p).items():
        if measures:
            parts.append(f"{TYPE_LABELS[key]}:")
            parts.extend(f"- {measure_line(m)}" for m in measures)
    return "\n".join(parts)


def build(ws: Worksheet) -> Report:
    shared_by_partner: dict[str, list[str]] = {}
    for s in ws.shared_measures:
        for pid in dict.fromkeys(s.partners):
            shared_by_partner.setdefault(pid, []).append(s.name)
    report = Report(
        title=ws.title,
        columns=[
            Column("Who can contribute?", 2),
            Column("Their contribution and performance measures", 4),
            Column("Strategy to leverage the contribution", 3),
            Column("Measures shared for aligned action", 3),
        ],
        facts=[("Result in the center", ws.result)],
        empty="No partners yet.",
    )
    for p in ws.ordered_partners():
        shared = shared_by_partner.get(p.id, [])
        report.add(
            [
                who_cell(p),
                contribution_cell(p),
                p.strategy or "",
                "\n".join(f"- {s}" for s in shared),
            ],
            _record(p, shared),
        )
    return report


def _record(p: Partner, shared: list[str]) -> dict[str, Any]:
    return {
        "partner": p.id,
        "name": p.name,
        "kind": p.kind,
        "status": p.status,
        "contribution": p.contribution,
        "measures": {
            key: [
                {
                    "id": m.id,
                    "name": m.name,
                    "hypothesized": m.hypothesized,
                    "baseline": m.baseline,
                    "target": m.target,
                    "target_date": m.target_date,
                }
                for m in measures
            ]
            for key, measures in measures_by_type(p).items()
        },
        "strategy": p.strategy,
        "shared_measures": shared,
    }
