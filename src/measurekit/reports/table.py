"""The worksheet's own summary table: the four columns of the Shared Performance Measure template.

One row per partner, current partners before desired ones:
who can contribute · their contribution and measures · the strategy · the shared measures.
With `full`, one column per field of the partner instead, so that a spreadsheet holds the
whole partner row (csv always, markdown and text with `--full`); the json record of a row
always carries every field.

Example:
    >>> build(worksheet, full=True).columns[0].header
    'Partner id'
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from ..core.model import Measure, Partner, SharedMeasure, Worksheet
from ..core.schema_walk import facts, nested
from ..core.vocabulary import MEASURE_TYPE_LABELS, partner_label
from .formats import Column, Report

HYPOTHESIZED = "(hypothesized)"


def measure_line(m: Measure) -> str:
    """'Youth diverted (hypothesized): 120 -> 300 by 2027-06-30'."""
    text = m.name + (f" {HYPOTHESIZED}" if m.hypothesized else "")
    numbers = numbers_text(m.baseline, m.target, m.target_date)
    return text + (": " + numbers if numbers else "")


def numbers_text(baseline: object, target: object, when: date | None) -> str:
    """'120 -> 300 by 2027-06-30', 'target 300', or '' when nothing is known yet."""
    numbers = []
    if baseline is not None:
        numbers.append(f"{baseline}")
    if target is not None:
        numbers.append(f"-> {target}" if numbers else f"target {target}")
    if when is not None:
        numbers.append(f"by {when.isoformat()}")
    return " ".join(numbers)


def measure_full_line(m: Measure) -> str:
    """Every field of a measure on one line, the name first (never a formula-guard character):
    its line in the summary table, then each other field (Facts.headline says which).

    Example: 'Youth diverted [youth-diverted]: 120 -> 300 by 2027-06-30; data source: JCMS'.
    """
    head = measure_line(m).replace(m.name, f"{m.name} [{m.id}]", 1)
    shown = headline(type(m))
    rest = [
        f"{key.replace('_', ' ')}: {_plain(value)}"
        for key, value in m.model_dump().items()
        if key not in shown and value not in (None, [], {})
    ]
    return "; ".join([head, *rest])


@cache
def headline(model: type[Measure]) -> frozenset[str]:
    """The fields a measure's line in the summary table shows (Facts.headline)."""
    return frozenset(name for name in model.model_fields if facts(model, name).headline)


def _plain(value: Any) -> str:
    """A field's value as text: a date as YYYY-MM-DD, a list (a history) item by item."""
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(v) for v in value.values() if v is not None)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def measures_by_type(partner: Partner) -> dict[str, list[Measure]]:
    grouped: dict[str, list[Measure]] = {key: [] for key in MEASURE_TYPE_LABELS}
    for m in partner.measures:
        grouped[m.type].append(m)
    return grouped


def who_cell(p: Partner) -> str:
    return partner_label(p.name, p.kind, p.status, between="\n")


def contribution_cell(p: Partner) -> str:
    parts = [p.contribution or "(no contribution yet)"]
    for key, measures in measures_by_type(p).items():
        if measures:
            parts.append(f"{MEASURE_TYPE_LABELS[key]}:")
            parts.extend(f"- {measure_line(m)}" for m in measures)
    return "\n".join(parts)


def shared_by_partner(ws: Worksheet) -> dict[str, list[SharedMeasure]]:
    found: dict[str, list[SharedMeasure]] = {}
    for s in ws.shared_measures:
        for pid in dict.fromkeys(s.partners):
            found.setdefault(pid, []).append(s)
    return found


def _partner_fields(model: type[Partner]) -> list[str]:
    """A partner's own fields, its id apart (the first column), each holding one value."""
    return [f for f in model.model_fields if f != "id" and nested(model, f) is None]


def partner_model(ws: Worksheet) -> type[Partner]:
    """The model of the worksheet's partners (Partner, or a subclass that adds fields)."""
    inner = nested(type(ws), "partners")
    return inner[0] if inner and issubclass(inner[0], Partner) else Partner


def full_columns(model: type[Partner] = Partner) -> list[Column]:
    """The id, each field of the partner (long free text wider: Facts.wide), the measures by
    type, the shared measures."""
    columns = [Column("Partner id", 2)]
    columns += [Column(_heading(f), 3 if facts(model, f).wide else 2)
                for f in _partner_fields(model)]
    columns += [Column(label, 4) for label in MEASURE_TYPE_LABELS.values()]
    return columns + [Column("Shared measures", 3)]


def _heading(field: str) -> str:
    return field.replace("_", " ").capitalize()


def full_cells(p: Partner, shared: list[SharedMeasure]) -> list[str]:
    values = [getattr(p, f) for f in _partner_fields(type(p))]
    cells = [p.id] + ["" if v is None else _plain(v) for v in values]
    cells += ["\n".join(measure_full_line(m) for m in ms) for ms in measures_by_type(p).values()]
    return cells + ["\n".join(f"{s.name} [{s.id}]" for s in shared)]


def build(ws: Worksheet, *, full: bool = False) -> Report:
    shared_of = shared_by_partner(ws)
    report = Report(
        title=ws.title,
        columns=full_columns(partner_model(ws))
        if full
        else [
            Column("Who can contribute?", 2),
            Column("Their contribution and performance measures", 4),
            Column("Strategy to leverage the contribution", 3),
            Column("Measures shared for aligned action", 3),
        ],
        facts=[("Result in the center", ws.result)],
        empty="No partners yet.",
    )
    for p in ws.ordered_partners():
        shared = shared_of.get(p.id, [])
        cells = (
            full_cells(p, shared)
            if full
            else [
                who_cell(p),
                contribution_cell(p),
                p.strategy or "",
                "\n".join(f"- {s.name}" for s in shared),
            ]
        )
        report.add(cells, record(p, shared))
    return report


def build_long(ws: Worksheet) -> Report:
    """The full table turned on its side for a terminal: one line per partner and field."""
    shared_of = shared_by_partner(ws)
    report = Report(
        title=ws.title,
        columns=[Column("Partner", 3), Column("Field", 2), Column("Value", 8)],
        facts=[("Result in the center", ws.result)],
        empty="No partners yet.",
    )
    headings = [c.header for c in full_columns(partner_model(ws))[1:]]
    for p in ws.ordered_partners():
        shared = shared_of.get(p.id, [])
        filled = [(h, v) for h, v in zip(headings, full_cells(p, shared)[1:], strict=True) if v]
        for k, (heading, value) in enumerate(filled):
            report.add(
                [p.id if k == 0 else "", heading, value], record(p, shared) if k == 0 else {}
            )
    report.records = [r for r in report.records if r]
    return report


def record(p: Partner, shared: list[SharedMeasure]) -> dict[str, Any]:
    """Every field of the partner (its id as `partner`), measures grouped by type."""
    return {
        "partner": p.id,
        **p.model_dump(exclude={"id", "measures"}),
        "measures": {
            key: [m.model_dump() for m in measures] for key, measures in measures_by_type(p).items()
        },
        "shared_measures": [{"id": s.id, "name": s.name} for s in shared],
    }
