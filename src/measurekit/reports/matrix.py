"""The shared-measure matrix: partners down, shared measures across.

A cell is marked where the partner takes part in the shared measure, with the
partner's own measures that feed it. Two things are flagged because they break
aligned action: a partner that shares no measure, and a shared measure with
fewer than two partners. A partner whose measure feeds a shared measure it is not
listed in is shown too (a half-made link the worksheet should settle).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from typing import Any

from ..core.model import Partner, SharedMeasure, Worksheet
from ..core.vocabulary import partner_label
from .formats import Column, Report

MARK = "●"  # takes part
FEEDS_ONLY = "○"  # one of its measures feeds it, but it is not listed as a partner
NO_SHARED = "shares no measure"
FEW_PARTNERS = "fewer than two partners"


@dataclass
class Cell:
    takes_part: bool
    feeding: list[str] = field(default_factory=list)  # the partner's measure ids that feed it

    @property
    def marked(self) -> bool:
        return self.takes_part or bool(self.feeding)


@dataclass
class Matrix:
    """The matrix as data, for every rendering (table, json, HTML)."""

    partners: list[Partner]
    shared: list[SharedMeasure]
    cells: dict[tuple[str, str], Cell]  # (partner id, shared measure id)
    partner_counts: dict[str, int]  # distinct partners per shared measure

    def cell(self, p: Partner, s: SharedMeasure) -> Cell:
        return self.cells[(p.id, s.id)]

    def shares_nothing(self, p: Partner) -> bool:
        return not any(self.cell(p, s).takes_part for s in self.shared)

    def too_few(self, s: SharedMeasure) -> bool:
        return self.partner_counts[s.id] < 2


def compute(ws: Worksheet) -> Matrix:
    partners = ws.ordered_partners()
    owner = {m.id: p.id for p in ws.partners for m in p.measures}
    cells: dict[tuple[str, str], Cell] = {}
    for s in ws.shared_measures:
        members = set(s.partners)
        for p in partners:
            cells[(p.id, s.id)] = Cell(p.id in members)
        for mid in dict.fromkeys(s.measures):
            if mid in owner:
                cells[(owner[mid], s.id)].feeding.append(mid)
    counts = {s.id: len(set(s.partners)) for s in ws.shared_measures}
    return Matrix(partners, list(ws.shared_measures), cells, counts)


def cell_text(cell: Cell, measure_names: dict[str, str]) -> str:
    if not cell.marked:
        return ""
    mark = MARK if cell.takes_part else FEEDS_ONLY + " not listed as a partner"
    return "\n".join([mark] + [f"- {measure_names.get(mid, mid)}" for mid in cell.feeding])


def header(s: SharedMeasure, matrix: Matrix) -> str:
    n = matrix.partner_counts[s.id]
    flag = f"\n(! {FEW_PARTNERS})" if matrix.too_few(s) else ""
    return f"{s.name}\n[{n} partner{'s' if n != 1 else ''}]{flag}"


def build(ws: Worksheet, file: str | None = None) -> Report:
    """`file` names the worksheet in the hint on how to add shared measures (none without)."""
    matrix = compute(ws)
    names = {m.id: m.name for p in ws.partners for m in p.measures}
    columns = [Column("Partner", 3)]
    columns += [Column(header(s, matrix), 3) for s in matrix.shared]
    columns.append(Column("Flag", 2))
    report = Report(
        title=f"Shared measures: {ws.title}",
        columns=columns,
        facts=[("Result in the center", ws.result)],
        empty="No partners yet.",
        csv_header=["Partner id", *(c.header for c in columns)],
    )
    for p in matrix.partners:
        row = [partner_label(p.name, p.kind, p.status, between="\n")]
        row += [cell_text(matrix.cell(p, s), names) for s in matrix.shared]
        lonely = matrix.shares_nothing(p)
        row.append(f"! {NO_SHARED}" if lonely else "")
        report.add(row, _record(p, matrix, names), "yellow" if lonely else None, [p.id, *row])
    report.notes.extend(notes(matrix, file))
    return report


def notes(matrix: Matrix, file: str | None = None) -> list[str]:
    """The legend and the flags, in words, under the table."""
    lines = []
    if matrix.shared:
        lines.append(
            f"{MARK} takes part in the shared measure; the lines under it are its own "
            "measures that feed it."
        )
    elif file is None:
        lines.append("No shared measures yet.")
    else:
        lines.append(
            f"No shared measures yet: `measurekit interview {shlex.quote(file)} --section "
            "shared-measures` adds them."
        )
    if any(not c.takes_part and c.marked for c in matrix.cells.values()):
        lines.append(
            f"{FEEDS_ONLY} a measure of the partner feeds the shared measure, but the "
            "partner is not listed in it."
        )
    lonely = [p.name for p in matrix.partners if matrix.shares_nothing(p)]
    if lonely:
        lines.append(f"Partners that share no measure: {'; '.join(lonely)}.")
    few = [s.name for s in matrix.shared if matrix.too_few(s)]
    if few:
        lines.append(f"Shared measures with fewer than two partners: {'; '.join(few)}.")
    return lines


def _record(p: Partner, matrix: Matrix, names: dict[str, str]) -> dict[str, Any]:
    shared = []
    for s in matrix.shared:
        cell = matrix.cell(p, s)
        if cell.marked:
            shared.append(
                {
                    "id": s.id,
                    "name": s.name,
                    "takes_part": cell.takes_part,
                    "measures": list(cell.feeding),
                    "partner_count": matrix.partner_counts[s.id],
                    "fewer_than_two_partners": matrix.too_few(s),
                }
            )
    return {
        "partner": p.id,
        "name": p.name,
        "kind": p.kind,
        "status": p.status,
        "shared_measures": shared,
        "shares_no_measure": matrix.shares_nothing(p),
    }
