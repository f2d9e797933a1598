"""How a measure is doing: its status as of a date, its run and how it compares to its forecast.

The curve is the history on or before the date, with the baseline as its first point
when `baseline_date` comes before the history. The status rule (worksheets/README.md,
"How are we doing?"), first match wins: no_data (no point yet), not_numeric (a value
the rule needs is not a number), no_direction (which way is better is neither written
nor readable from the baseline to the target, and a judgement needs it), met (the
latest value has reached the target), too_few_points (one point), on_track / off_track
(against the pace line from the first point to the target on the target date, less the
tolerance), flat / better / worse (latest against first, a change within the
tolerance being none). Beside the status: the forecast on the latest date, the latest
value against it, and the run (how many intervals in a row moved the latest one's way).
Arithmetic is exact (fractions), so a value exactly on a line is never lost to rounding.

Example:
    progress(measure, as_of=date(2026, 12, 31)).status  ->  "on_track"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Literal

from .model import Curve, Point
from .values import number as number  # a value as an exact number: one reading for all
from .vocabulary import STATUS_TONES, Status

Direction = Literal["up", "down"]
# How one value compares to another, the tolerance counting as no change.
Comparison = Literal["better", "worse", "flat"]
Against = Literal["better", "worse", "same"]
AGAINST_FORECAST: tuple[Against, ...] = ("better", "worse", "same")
# Against the forecast, no change within the tolerance is the "same" as forecast.
SAME_AS: dict[Comparison | None, Against] = {"better": "better", "worse": "worse", "flat": "same"}
ZERO = Fraction(0)
GOOD = frozenset(s for s, tone in STATUS_TONES.items() if tone == "good")
BAD = frozenset(s for s, tone in STATUS_TONES.items() if tone == "bad")


def plain(value: Fraction | None) -> int | float | None:
    """A figure for json and tables: a whole number as an int, else a float."""
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)


@dataclass(frozen=True)
class Progress:
    """A measure's status as of a date, with the figures the rule used."""

    status: Status
    direction: Direction | None  # None: neither written nor readable from baseline to target
    points: tuple[Point, ...]  # the curve on or before the date, oldest first
    change: Fraction | None  # latest minus baseline, when both are numbers
    pace: Fraction | None  # the pace line's value at the latest point's date
    forecast_value: Fraction | None = None  # the forecast at the latest point's date
    against_forecast: Against | None = None
    run_direction: Comparison | None = None  # the way the last interval moved
    run: int | None = None  # how many intervals in a row, back from the latest, moved so

    @property
    def first(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


def direction_of(measure: Curve) -> Direction | None:
    """Which way is better: as written, else from the baseline to the target, else None.

    Never guessed: not from the first point (a first value already past the target
    would read the wrong way), and not "up" by default (30 days against a 14-day
    target would read as met).
    """
    if measure.direction is not None:
        return measure.direction
    return read_direction(measure.baseline, measure.target)


def read_direction(baseline: Any, target: Any) -> Direction | None:
    """up or down, from a numeric baseline to a different numeric target; else None."""
    target, start = number(target), number(baseline)
    if target is None or start is None or target == start:
        return None
    return "down" if target < start else "up"


def curve_points(measure: Curve, as_of: date) -> tuple[Point, ...]:
    """The points on or before `as_of`, the baseline first when it was measured before them."""
    points = tuple(p for p in measure.history if p.date <= as_of)
    day = measure.baseline_date
    if day is None or day > as_of or number(measure.baseline) is None:
        return points
    if points and points[0].date <= day:
        return points
    assert measure.baseline is not None  # a number, checked above
    return (Point(date=day, value=measure.baseline, note="baseline"), *points)


def compare(
    change: Fraction, direction: Direction | None, tolerance: Fraction
) -> Comparison | None:
    """better, worse or flat for a change (new minus old); None when only a direction could say."""
    if abs(change) <= tolerance:
        return "flat"
    if direction is None:
        return None
    return "better" if (change > 0) == (direction == "up") else "worse"


def run_of(
    values: Sequence[Fraction | None], direction: Direction | None, tolerance: Fraction
) -> tuple[Comparison | None, int | None]:
    """(the way the last interval moved, how many intervals in a row back from it moved so).

    A text value ends the run; (None, None) when the last interval cannot be judged.
    """
    way: Comparison | None = None
    run = 0
    for old, new in zip(reversed(values[:-1]), reversed(values[1:]), strict=True):
        move = None if old is None or new is None else compare(new - old, direction, tolerance)
        if move is None or (run and move != way):
            break
        way, run = move, run + 1
    return (way, run) if run else (None, None)


def progress(measure: Curve, as_of: date) -> Progress:
    """The status of `measure` on `as_of`: only points dated on or before it count."""
    points = curve_points(measure, as_of)
    direction = direction_of(measure)
    if not points:
        return Progress("no_data", direction, points, None, None)
    tolerance = number(measure.tolerance) or ZERO
    values = [number(p.value) for p in points]
    latest, first = values[-1], values[0]
    baseline, target = number(measure.baseline), number(measure.target)
    change = latest - baseline if latest is not None and baseline is not None else None
    pace = None
    if first is not None and target is not None and measure.target_date is not None:
        pace = pace_at(points[0].date, first, measure.target_date, target, points[-1].date)
    expected = forecast_value(measure.forecast, points[-1].date)
    against = None
    if expected is not None and latest is not None:
        against = SAME_AS.get(compare(latest - expected, direction, tolerance))
    run_direction, run = run_of(values, direction, tolerance)

    def result(status: Status) -> Progress:
        return Progress(
            status, direction, points, change, pace, expected,
            against, run_direction, run,
        )

    if latest is None or (measure.target is not None and target is None):
        return result("not_numeric")
    if target is not None:
        if latest == target or (direction and compare(latest - target, direction, ZERO) != "worse"):
            return result("met")
        if direction is None:
            return result("no_direction")  # met or not: only the direction can say
    if len(points) == 1:
        return result("too_few_points")
    if first is None:
        return result("not_numeric")
    if pace is not None:
        behind = compare(latest - pace, direction, tolerance) == "worse"
        return result("off_track" if behind else "on_track")
    return result(compare(latest - first, direction, tolerance) or "no_direction")


def forecast_streak(measure: Curve, p: Progress) -> tuple[Against | None, int]:
    """(the latest value against the forecast, how many points in a row back from it compare so).

    Example: (better, 3) reads "better than forecast for 3 periods".
    """
    if p.against_forecast is None:
        return None, 0
    tolerance = number(measure.tolerance) or ZERO
    count = 0
    for point in reversed(p.points):
        value, expected = number(point.value), forecast_value(measure.forecast, point.date)
        if value is None or expected is None:
            break
        if SAME_AS.get(compare(value - expected, p.direction, tolerance)) != p.against_forecast:
            break
        count += 1
    return p.against_forecast, count


def pace_at(start: date, first: Fraction, end: date, target: Fraction, day: date) -> Fraction:
    """The pace line's value on `day`: straight from `first` on `start` to `target` on `end`.

    On or after `end` (or when the target date is not after the first point) the line
    has arrived: its value is the target.
    """
    if end <= start or day >= end:
        return target
    return line_at((start, first), (end, target), day)


def line_at(a: tuple[date, Fraction], b: tuple[date, Fraction], day: date) -> Fraction:
    """The value on `day` of the straight line through a and b (two different dates)."""
    (day_a, value_a), (day_b, value_b) = a, b
    # a + (b - a) * t / u as one fraction, reduced once: exactly the same value, and a
    # quarter of the work of three Fraction operations (the handout draws thousands).
    t, u = (day - day_a).days, (day_b - day_a).days
    p, q = value_a.numerator, value_a.denominator
    r, s = value_b.numerator, value_b.denominator
    return Fraction(p * s * u + (r * q - p * s) * t, q * s * u)


def forecast_value(forecast: Sequence[Point], day: date) -> Fraction | None:
    """The forecast on `day`, or None without a forecast or when a value used is not a number.

    `forecast` is sorted by date, one point per date (the model keeps it so).
    """
    if not forecast:
        return None
    if len(forecast) == 1:
        return number(forecast[0].value)
    after = next((i for i, p in enumerate(forecast) if p.date >= day), len(forecast))
    if after < len(forecast) and forecast[after].date == day:
        return number(forecast[after].value)
    # The two points around the day; outside the forecast, the nearest two.
    i = min(max(after, 1), len(forecast) - 1)
    a, b = number(forecast[i - 1].value), number(forecast[i].value)
    if a is None or b is None:
        return None
    return line_at((forecast[i - 1].date, a), (forecast[i].date, b), day)


