"""A small inline SVG line chart of one measure: its points, target, pace line and forecast.

Made for the handout's "How are we doing?" section: one chart per measure, readable in
print without colour (the target a thin solid line carrying its value, the forecast
dashed, the pace line dotted). The y axis reads in the measure's unit ("%" for per-cent
values) with a gridline at its middle; the latest point carries its value. Only numeric
points are drawn; text values leave a gap. The drawing is in floats: the status rule's
exact arithmetic (core/progress.py) decides, the picture only has to look right.

Example:
    svg = curve(measure, as_of=date(2026, 12, 31))  # "<svg ...>...</svg>", or "" without data
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape as _escape
from typing import NamedTuple

from ..core.progress import Curve, Progress, number, progress
from ..core.text import count, safe

WIDTH, HEIGHT = 300, 150
RIGHT, TOP, BOTTOM = 12, 18, 26  # room for the latest value above, the dates below
FONT = 12  # in the drawing's units; a card two to a printed page draws them at about 8 pt
CHAR = 0.56 * FONT  # an average figure's width, to leave room for the axis labels
NICE_STEPS = (1, 2, 2.5, 5, 10)
_DECIMALS = re.compile(r"\.(\d+)")


def escape(text: str) -> str:
    """Worksheet text in SVG: markup escaped, control characters shown (text.safe)."""
    return _escape(safe(text))


@dataclass(frozen=True)
class Figures:
    """How a measure's numbers are written: per cent or not, and to how many decimals.

    Written values keep their own decimals; computed ones (the pace, the axis) get one
    more than the most precise written value. Every figure has thousands separators.

    Example: Figures.of(m).computed(80.875) == "80.9%" for a measure written "82%".
    """

    per_cent: bool
    places: int  # decimals of the most precise written value

    @classmethod
    def of(cls, m: Curve) -> Figures:
        per_cent, places = False, 0
        for value in (m.baseline, m.target, *(p.value for p in m.history)):
            if isinstance(value, (str, int, float)) and (facts := _facts(value)) is not None:
                per_cent, places = per_cent or facts[1], max(places, facts[2])
        return cls(per_cent, places)

    @property
    def unit(self) -> str:
        return "%" if self.per_cent else ""

    def written(self, value: object) -> str:
        """A value as written in the worksheet, with separators: "1,250", "60%", "0.125"."""
        if isinstance(value, (str, int, float)):
            return _written(value, self.unit)
        return str(value)

    def computed(self, value: float) -> str:
        return figure(value, self.places + 1, self.unit)

    def figure(self, value: float, places: int) -> str:
        return figure(value, places, self.unit)


def figure(value: float, places: int, unit: str = "") -> str:
    """A number to at most `places` decimals, with thousands separators and its unit."""
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("0" if text in ("-0", "") else text) + unit


# A worksheet repeats few distinct values, drawn and written many times: each is read once.
@lru_cache(maxsize=4096, typed=True)
def _facts(value: str | int | float) -> tuple[float, bool, int] | None:
    """A value's number as a float for drawing, whether it is written per cent, and its
    decimals; None when it is not a number."""
    exact = number(value)
    if exact is None:
        return None
    text = str(value).strip()
    found = _DECIMALS.search(text)
    return float(exact), text.endswith("%"), len(found[1]) if found else 0


def _float(value: object) -> float | None:
    facts = _facts(value) if isinstance(value, (str, int, float)) else None
    return None if facts is None else facts[0]


@lru_cache(maxsize=4096, typed=True)
def _written(value: str | int | float, unit: str) -> str:
    facts = _facts(value)
    return str(value) if facts is None else figure(facts[0], facts[2], unit)


def axis(low: float, high: float) -> tuple[float, float, float]:
    """Three round values from below `low` to above `high`: the bottom, middle and top ticks.

    Example: axis(61.4, 97.1) == (60.0, 80.0, 100.0)
    """
    if high == low:
        spread = max(abs(low) * 0.1, 1.0)
        low, high = low - spread, high + spread
    power = 10.0 ** math.floor(math.log10((high - low) / 2))
    for scale in (power, power * 10):
        for step in (n * scale for n in NICE_STEPS):
            bottom = math.floor(low / step) * step
            if bottom + 2 * step >= high:
                return bottom, bottom + step, bottom + 2 * step
    raise AssertionError("a step of ten times the range always fits")  # pragma: no cover


def _places(step: float) -> int:
    """Decimals a tick needs: 0 for 20, 1 for 2.5, 2 for 0.25."""
    for places in range(6):
        if abs(round(step, places) - step) < 1e-9 * max(1.0, abs(step)):
            return places
    return 6


def curve(
    m: Curve, as_of: date, p: Progress | None = None, figures: Figures | None = None
) -> str:
    """The chart as an <svg> element, or "" when there is no numeric point to draw.

    `p` and `figures`, when the caller has them already, save working them out again.
    """
    p = p or progress(m, as_of)
    numeric = [(pt, v) for pt in p.points if (v := _float(pt.value)) is not None]
    if not numeric:
        return ""
    drawn = [(pt.date, v) for pt, v in numeric]
    figures = figures or Figures.of(m)
    target = _float(m.target)
    forecast = [(pt.date, v) for pt in m.forecast if (v := _float(pt.value)) is not None]
    days = [d for d, _ in drawn + forecast]
    values = [v for _, v in drawn + forecast]
    if target is not None:
        values.append(target)
        if m.target_date is not None:
            days.append(m.target_date)
    start, end = min(days), max(days)
    bottom, middle, top = axis(min(values), max(values))
    step_places = _places(middle - bottom)
    ticks = [figures.figure(v, step_places) for v in (top, middle, bottom)]
    left = 8 + CHAR * max(len(t) for t in ticks)
    inner_w, inner_h = WIDTH - left - RIGHT, HEIGHT - TOP - BOTTOM
    span = (end - start).days

    def x(day: date) -> float:
        # One date only: the point in the middle, not at an edge.
        return left + (inner_w * (day - start).days / span if span else inner_w / 2)

    def y(value: float) -> float:
        return TOP + inner_h * (top - value) / (top - bottom)

    latest_point, latest = numeric[-1]
    points = count(len(drawn), "point")
    parts = [
        f'<svg class="curve" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(m.name)}: {points}, status {p.status.replace("_", " ")}">',
        _line("grid", left, y(middle), WIDTH - RIGHT, y(middle), "#ddd", "1"),
        _line("axis", left, TOP, left, TOP + inner_h, "#999", "1"),
        _line("axis", left, TOP + inner_h, WIDTH - RIGHT, TOP + inner_h, "#999", "1"),
        *(_text(left - 4, y(v) + FONT * 0.35, t, "end", "tick") for v, t in zip(
            (top, middle, bottom), ticks, strict=True)),
    ]
    if span:
        parts.append(_text(left, HEIGHT - 7, start.isoformat(), "start", "date"))
        parts.append(_text(WIDTH - RIGHT, HEIGHT - 7, end.isoformat(), "end", "date"))
    else:
        parts.append(_text(x(start), HEIGHT - 7, start.isoformat(), "middle", "date"))
    # The latest value beside its point: to the left of it when the point is on the right.
    on_right = x(latest_point.date) > left + inner_w * 0.6
    value = Label(x(latest_point.date) + (-5 if on_right else 5), y(latest) - 6,
                  figures.written(latest_point.value), "end" if on_right else "start")
    if target is not None:
        parts.append(_line("target", left, y(target), WIDTH - RIGHT, y(target), "#2a7", "1"))
        # The target's own words above its line, else below it, else at its left end:
        # wherever they stay inside the drawing and clear of the latest value.
        words = f"target {figures.written(m.target)}"
        places = [Label(WIDTH - RIGHT, y(target) - 3, words, "end"),
                  Label(WIDTH - RIGHT, y(target) + FONT + 1, words, "end"),
                  Label(left + 4, y(target) - 3, words, "start"),
                  Label(left + 4, y(target) + FONT + 1, words, "start")]
        fits = (at for at in places if at.inside(TOP + inner_h) and not at.overlaps(value))
        parts.append(next(fits, places[0]).svg("target-label", "#1b6b3a"))
        if m.target_date is not None:
            first_day, first = drawn[0]
            parts.append(_line("pace", x(first_day), y(first), x(m.target_date), y(target),
                               "#888", "1", ' stroke-dasharray="2 2"'))
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
        f'<circle cx="{x(pt.date):.1f}" cy="{y(v):.1f}" r="3" fill="#1f4e79"><title>'
        f"{pt.date.isoformat()}: {figures.written(pt.value)}</title></circle>"
        for pt, v in numeric
    ]
    parts.append(value.svg("latest", "#1f4e79", bold=True))
    parts.append("</svg>")
    return "".join(parts)


class Label(NamedTuple):
    """A line of text in the drawing, placed by its anchor point (SVG's text-anchor)."""

    x: float
    y: float  # the baseline
    text: str
    anchor: str  # start | middle | end

    @property
    def box(self) -> tuple[float, float, float, float]:
        width = CHAR * len(self.text)
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return left, self.y - FONT, left + width, self.y + 2

    def inside(self, floor: float) -> bool:
        left, top, right, bottom = self.box
        return left >= 0 and right <= WIDTH and top >= 0 and bottom <= floor + 2

    def overlaps(self, other: Label) -> bool:
        a, b = self.box, other.box
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    def svg(self, cls: str, colour: str = "#555", bold: bool = False) -> str:
        return _text(self.x, self.y, self.text, self.anchor, cls, colour, bold)


def _line(cls: str, x1: float, y1: float, x2: float, y2: float, colour: str, width: str,
          extra: str = "") -> str:
    return (f'<line class="{cls}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{colour}" stroke-width="{width}"{extra}/>')


def _text(at_x: float, at_y: float, text: str, anchor: str, cls: str, colour: str = "#555",
          bold: bool = False) -> str:
    """A label of figures and dates, which need no escaping (the measure's name is escaped
    where it is used, in the drawing's aria-label)."""
    # A white halo under the letters keeps them readable where a line runs through them.
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text class="{cls}" x="{at_x:.1f}" y="{at_y:.1f}" font-size="{FONT}" fill="{colour}" '
        f'text-anchor="{anchor}" stroke="#fff" stroke-width="3" paint-order="stroke"'
        f"{weight}>{text}</text>"
    )
