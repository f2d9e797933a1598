"""The agenda of what is still missing: every gap, grouped by step, with the command that fills it.

The gaps themselves come from `gaps.find_gaps` (the same list `validate` warns
about); this module only orders and presents them.
"""

from __future__ import annotations

from typing import Any

from ..core.gaps import STEP_TITLES, Gap, find_gaps
from ..core.model import Worksheet
from .formats import Column, Report

STEP_ORDER = {step: i for i, step in enumerate(STEP_TITLES)}


def ordered(gaps: list[Gap]) -> list[Gap]:
    """Grouped by step in the worksheet's order; within a step, as find_gaps found them."""
    return sorted(gaps, key=lambda g: STEP_ORDER.get(g.step, len(STEP_ORDER)))


def build(ws: Worksheet, file: str) -> Report:
    """`file` is the path as the user typed it, so each fix command can be pasted as is."""
    gaps = ordered(find_gaps(ws))
    report = Report(
        title=f"Still to do: {ws.title}",
        columns=[
            Column("Step", 2),
            Column("What is missing", 5),
            Column("Fill it with", 5, command=True),
        ],
        facts=[("Result in the center", ws.result)],
        empty="Nothing is missing: every part of the worksheet is filled in.",
        csv_header=["Step", "Partner id", "Item", "What is missing", "Fill it with"],
    )
    for gap in gaps:
        step, fix = STEP_TITLES.get(gap.step, gap.step), gap.fix(file)
        report.add(
            [step, gap.message, fix],
            _record(gap, file),
            csv=[step, gap.partner or "", gap.item or "", gap.message, fix],
        )
    if gaps:
        per_step: dict[str, int] = {}
        for gap in gaps:
            title = STEP_TITLES.get(gap.step, gap.step)
            per_step[title] = per_step.get(title, 0) + 1
        report.facts.append(
            ("Gaps", f"{len(gaps)} ({', '.join(f'{t}: {n}' for t, n in per_step.items())})")
        )
        # Each command once, on a line of its own, so it can be copied from the terminal whole.
        report.notes.append("To fill them, one command per partner or section:")
        report.notes.extend(f"  {command}" for command in dict.fromkeys(g.fix(file) for g in gaps))
    return report


def _record(gap: Gap, file: str) -> dict[str, Any]:
    return {
        **gap.as_dict(),
        "step_title": STEP_TITLES.get(gap.step, gap.step),
        "command": gap.fix(file),
    }
