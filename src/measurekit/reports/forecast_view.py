"""A proposed forecast on a small text curve, for `measurekit forecast` to show before asking.

The history's points are dots (●), the proposed line is drawn with middle dots (·)
from its first date to its last, on a grid a few lines high; the lowest and highest
values label the left edge, the first and last dates the bottom.

Example:
    print(small_curve(proposal.history, proposal.forecast))
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from fractions import Fraction

from ..core.model import Point
from ..core.progress import forecast_value, number
from .trend import figure_text

HEIGHT = 7
WIDTH = 48


def small_curve(history: Sequence[Point], forecast: Sequence[Point], width: int = WIDTH) -> str:
    """The history and the forecast as lines of text, or "" when nothing is a number."""
    points = [(p.date, v) for p in history if (v := number(p.value)) is not None]
    line = [(p.date, v) for p in forecast if (v := number(p.value)) is not None]
    if not points:
        return ""
    days = [d for d, _ in points + line]
    values = [v for _, v in points + line]
    start, end = min(days), max(days)
    low, high = min(values), max(values)
    span = max((end - start).days, 1)
    grid = [[" "] * width for _ in range(HEIGHT)]

    def row(value: Fraction) -> int:
        if high == low:
            return HEIGHT // 2
        return round((high - value) / (high - low) * (HEIGHT - 1))

    def column(day: date) -> int:
        return round((day - start).days / span * (width - 1))

    if line:
        first_day, last_day = line[0][0], line[-1][0]
        for x in range(column(first_day), column(last_day) + 1):
            day = date.fromordinal(start.toordinal() + round(x / (width - 1) * span))
            value = forecast_value(forecast, day)
            if value is not None:
                grid[row(value)][x] = "·"
    for day, value in points:
        grid[row(value)][column(day)] = "●"
    labels = [figure_text(high), *[""] * (HEIGHT - 2), figure_text(low)]
    pad = max(len(text) for text in labels)
    lines = [f"{text:>{pad}} │{''.join(cells).rstrip()}" for text, cells in zip(
        labels, grid, strict=True)]
    dates = f"{start.isoformat()}{end.isoformat():>{width - len(start.isoformat())}}"
    lines.append(f"{'':>{pad}} └{'─' * width}")
    lines.append(f"{'':>{pad}}  {dates}")
    return "\n".join(lines)
