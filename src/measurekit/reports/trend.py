"""How every measure is doing: one row per measure with its curve, its figures and its status.

The result's population indicators come first, then partners' measures (current
partners, then desired ones, in file order), then the shared measures. The status
follows progress.py's rule as of a date. In json each row has `measure` (its id),
`partner` (the partner's id, or null for a shared measure or an indicator),
`indicator` (true for a population indicator), `status` (one of vocabulary.STATUSES),
the rule's figures, the forecast and the run.

Example:
    render(build(worksheet, date(2026, 12, 31)), Format.text)
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from ..core.model import Indicator, Point, Worksheet
from ..core.progress import Curve, Progress, number, plain, progress
from ..core.record import every_curve
from ..core.vocabulary import STATUS_TONES, STATUSES
from .formats import Column, Report

BARS = "▁▂▃▄▅▆▇█"
SPARK_POINTS = 24  # the latest points a sparkline shows: a quarterly row stays short
TONE_STYLES = {"good": "green", "bad": "bold red", "steady": "", "watch": "yellow", "none": "dim"}
# From the one vocabulary of statuses: a status cannot be left without a colour.
STATUS_STYLES = {status: TONE_STYLES[tone] for status, tone in STATUS_TONES.items()}
# The run's arrow shows which way the values moved: up is better only for an "up" measure.
ARROWS = {"up": "↑", "down": "↓", "flat": "→"}


def sparkline(points: tuple[Point, ...] | list[Point]) -> str:
    """One block character per point, scaled between the lowest and highest value.

    A point whose value is not a number is a middle dot. Example: "▁▃▅█".
    """
    values = [number(p.value) for p in points[-SPARK_POINTS:]]
    numbers = [v for v in values if v is not None]
    if not numbers:
        return "·" * len(values)
    low, high = min(numbers), max(numbers)
    top = len(BARS) - 1

    def bar(v: Fraction) -> str:
        return BARS[top // 2 if high == low else round((v - low) / (high - low) * top)]

    return "".join("·" if v is None else bar(v) for v in values)


def label(status: str) -> str:
    return status.replace("_", " ")


def _point(point: Point | None) -> str:
    return "" if point is None else f"{point.value}\n{point.date.isoformat()}"


def _value_and_date(value: object, when: date | None = None) -> tuple[str, str]:
    """A point (or a target and its date) as two csv cells: the value, the date."""
    if isinstance(value, Point):
        return str(value.value), value.date.isoformat()
    return ("" if value is None else str(value), when.isoformat() if when else "")


def _target(m: Curve) -> str:
    if m.target is None:
        return ""
    return f"{m.target}" + (f"\nby {m.target_date.isoformat()}" if m.target_date else "")


def figure_text(value: Fraction) -> str:
    """A computed figure for people: whole numbers as they are, others to two decimals."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def run_arrow(p: Progress) -> str:
    """The run as an arrow and a count of periods: "↑3" (rose three times), "→1", or ""."""
    if p.run is None or p.run_direction is None:
        return ""
    if p.run_direction == "flat":
        return f"{ARROWS['flat']}{p.run}"
    rose = (p.run_direction == "better") == (p.direction == "up")
    return f"{ARROWS['up' if rose else 'down']}{p.run}"


def against_text(p: Progress, between: str = " ") -> str:
    """"better than forecast 85", "same as forecast 85", or "" without a forecast."""
    if p.against_forecast is None or p.forecast_value is None:
        return ""
    how = "same as" if p.against_forecast == "same" else f"{p.against_forecast} than"
    return f"{how}{between}forecast {figure_text(p.forecast_value)}"


def _status_cell(p: Progress) -> str:
    lines = [label(p.status)]
    if p.pace is not None and p.status in ("on_track", "off_track"):
        lines.append(f"(pace {figure_text(p.pace)})")
    if against_text(p):
        lines.append(against_text(p, "\n"))  # two short lines: the column is narrow
    return "\n".join(lines)


def build(ws: Worksheet, as_of: date) -> Report:
    report = Report(
        title=f"How are we doing? {ws.title}",
        columns=[
            Column("Partner", 3),
            Column("Measure", 4),
            Column("Trend", 2, no_wrap=True, min_width=8),
            Column("First", 2, min_width=10),
            Column("Latest", 2, min_width=10),
            Column("Baseline", 2),
            Column("Target", 2, min_width=10),
            Column("Status", 2, min_width=12),
        ],
        facts=[("Result in the center", ws.result), ("As of", as_of.isoformat())],
        empty="No measures yet.",
        csv_header=["Measure id", "Partner id", "Partner", "Measure", "First", "First date",
                    "Latest", "Latest date", "Baseline", "Target", "Target date", "Status",
                    "Pace", "Run", "Forecast", "Against forecast"],
    )
    counts = dict.fromkeys(STATUSES, 0)
    for partner_id, partner_name, m in every_curve(ws):
        p = progress(m, as_of)
        counts[p.status] += 1
        baseline = "" if m.baseline is None else str(m.baseline)
        report.add(
            [partner_name, m.name, _trend_cell(p), _point(p.first), _point(p.latest),
             baseline, _target(m), _status_cell(p)],
            record(partner_id, m, p),
            STATUS_STYLES[p.status],
            csv=[m.id, partner_id or "", partner_name, m.name,
                 *_value_and_date(p.first), *_value_and_date(p.latest), baseline,
                 *_value_and_date(m.target, m.target_date), label(p.status),
                 "" if p.pace is None else figure_text(p.pace), run_arrow(p),
                 "" if p.forecast_value is None else figure_text(p.forecast_value),
                 p.against_forecast or ""],
        )
    if report.records:
        summary = ", ".join(f"{n} {label(s)}" for s, n in counts.items() if n)
        report.facts.append(("Summary", summary))
        report.notes.append(
            "pace: where the line from the first point to the target on its target date "
            "stands on the latest point's date."
        )
        report.notes.append(
            "↑3 / ↓3 / →3: the values rose, fell or held (within the tolerance) for the "
            "last 3 periods; forecast: where the curve was expected to be without a change."
        )
    return report


def _trend_cell(p: Progress) -> str:
    arrow = run_arrow(p)
    return f"{sparkline(p.points)} {arrow}" if arrow else sparkline(p.points)


def _figure(value: Any) -> Any:
    return {"date": value.date, "value": value.value} if isinstance(value, Point) else None


def record(partner_id: str | None, m: Curve, p: Progress) -> dict[str, Any]:
    """One json row: the measure, its partner, its status and the figures of the rule."""
    return {
        "measure": m.id,
        "partner": partner_id,
        "name": m.name,
        "status": p.status,
        "direction": p.direction,
        "first": _figure(p.first),
        "latest": _figure(p.latest),
        "points": len(p.points),
        "baseline": m.baseline,
        "target": m.target,
        "target_date": m.target_date,
        "change_since_baseline": plain(p.change),
        "pace": plain(p.pace),
        "forecast_value": plain(p.forecast_value),
        "against_forecast": p.against_forecast,
        "run": p.run,
        "run_direction": p.run_direction,
        "indicator": isinstance(m, Indicator),
        "story": m.story,
    }
