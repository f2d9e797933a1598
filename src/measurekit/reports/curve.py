"""A small inline SVG line chart of one measure: its points, target, pace line and forecast.

Made for the handout's "How are we doing?" section: one chart per measure, a few
centimetres wide, readable in print (no colour needed: the target is a thin solid
line, the forecast dashed, the pace line dotted). Only numeric points are drawn;
text values leave a gap.

Example:
    svg = curve(measure, as_of=date(2026, 12, 31))  # "<svg ...>...</svg>", or "" without data
"""

from __future__ import annotations

import html
from datetime import date
from fractions import Fraction

from ..core.progress import Curve, number, progress
from ..core.text import count
from .trend import figure_text


def escape(text: str) -> str:
    """Worksheet text in SVG: markup escaped, control characters shown (text.safe)."""
    from ..core.text import safe

    return html.escape(safe(text))

WIDTH, HEIGHT = 260, 110
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 10, 22  # room for the value labels and the dates


def curve(m: Curve, as_of: date) -> str:
    """The chart as an <svg> element, or "" when there is no numeric point to draw."""
    p = progress(m, as_of)
    drawn = [(pt.date, v) for pt in p.points if (v := number(pt.value)) is not None]
    if not drawn:
        return ""
    target = number(m.target)
    forecast = [(pt.date, v) for pt in m.forecast if (v := number(pt.value)) is not None]
    days = [d for d, _ in drawn + forecast]
    values = [v for _, v in drawn + forecast]
    if target is not None:
        values.append(target)
        if m.target_date is not None:
            days.append(m.target_date)
    start, end = min(days), max(days)
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    span = max((end - start).days, 1)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + inner_w * (day - start).days / span

    def y(value: Fraction) -> float:
        return TOP + inner_h * float((high - value) / (high - low))

    points = count(len(drawn), "point")
    parts = [
        f'<svg class="curve" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(m.name)}: {points}, status {p.status}">',
        f'<line class="axis" x1="{LEFT}" y1="{TOP + inner_h}" x2="{WIDTH - RIGHT}" '
        f'y2="{TOP + inner_h}" stroke="#999" stroke-width="1"/>',
        _label(LEFT - 4, y(high) + 4, figure_text(high), "end"),
        _label(LEFT - 4, y(low) + 4, figure_text(low), "end"),
        _label(LEFT, HEIGHT - 6, start.isoformat(), "start"),
        _label(WIDTH - RIGHT, HEIGHT - 6, end.isoformat(), "end"),
    ]
    if target is not None:
        parts.append(
            f'<line class="target" x1="{LEFT}" y1="{y(target):.1f}" x2="{WIDTH - RIGHT}" '
            f'y2="{y(target):.1f}" stroke="#2a7" stroke-width="1"/>'
        )
        if m.target_date is not None and len(drawn) >= 1:
            first_day, first = drawn[0]
            parts.append(
                f'<line class="pace" x1="{x(first_day):.1f}" y1="{y(first):.1f}" '
                f'x2="{x(m.target_date):.1f}" y2="{y(target):.1f}" stroke="#888" '
                f'stroke-width="1" stroke-dasharray="2 2"/>'
            )
    if forecast:
        # A single forecast point is a flat line across the chart, as the rule reads it.
        ends = forecast if len(forecast) > 1 else [(start, forecast[0][1]), (end, forecast[0][1])]
        dashes = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in ends)
        parts.append(
            f'<polyline class="forecast" points="{dashes}" fill="none" stroke="#b5651d" '
            f'stroke-width="1.5" stroke-dasharray="6 3"/>'
        )
    line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in drawn)
    parts.append(
        f'<polyline class="points" points="{line}" fill="none" stroke="#1f4e79" '
        f'stroke-width="2"/>'
    )
    parts += [
        f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="3" fill="#1f4e79"><title>'
        f"{d.isoformat()}: {escape(figure_text(v))}</title></circle>"
        for d, v in drawn
    ]
    parts.append("</svg>")
    return "".join(parts)


def _label(at_x: float, at_y: float, text: str, anchor: str) -> str:
    return (
        f'<text x="{at_x:.1f}" y="{at_y:.1f}" font-size="10" fill="#555" '
        f'text-anchor="{anchor}">{escape(text)}</text>'
    )
