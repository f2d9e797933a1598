"""How a measure is doing: its status as of a date, from its history and its target.

The rule (worksheets/README.md, "How are we doing?"), first match wins:
no_data (no point yet), not_numeric (a value the rule needs is not a number), met
(the latest value has reached the target), on_track / off_track (against the pace
line from the first point to the target on the target date), better / worse / flat
(latest against first), too_few_points (one point). Arithmetic is exact (fractions),
so a value exactly on the pace line or exactly at the target is never lost to rounding.

Example:
    progress(measure, as_of=date(2026, 12, 31)).status  ->  "on_track"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Literal

from .model import Measure, Point, SharedMeasure
from .vocabulary import Status

# Good news first, then what needs a look, then what cannot be judged (colours in trend).
GOOD = frozenset({"met", "on_track", "better"})
BAD = frozenset({"off_track", "worse"})

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?$")


def number(value: Any) -> Fraction | None:
    """A value as an exact number, or None when it is not one.

    Example: number("43%") == 43, number("1,250") == 1250, number("3.5") == Fraction(7, 2),
    number("about 40") is None.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))  # the decimal as written, not the binary float
    if not isinstance(value, str):
        return None
    text = value.strip().removesuffix("%").strip()
    if not text or not _NUMBER.match(text) or not any(c.isdigit() for c in text):
        return None
    return Fraction(text.replace(",", ""))


def plain(value: Fraction | None) -> int | float | None:
    """A figure for json and tables: a whole number as an int, else a float."""
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)


@dataclass(frozen=True)
class Progress:
    """A measure's status as of a date, with the figures the rule used."""

    status: Status
    direction: Literal["up", "down"]
    points: tuple[Point, ...]  # the points on or before the date, oldest first
    change: Fraction | None  # latest minus baseline, when both are numbers
    pace: Fraction | None  # the pace line's value at the latest point's date

    @property
    def first(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


def direction_of(measure: Measure | SharedMeasure) -> Literal["up", "down"]:
    """Which way is better: as written, else from the baseline to the target, else up.

    Not from the first point: a first value already past the target would read as "down".
    """
    if measure.direction is not None:
        return measure.direction
    target, start = number(measure.target), number(measure.baseline)
    if target is not None and start is not None and target < start:
        return "down"
    return "up"


def progress(measure: Measure | SharedMeasure, as_of: date) -> Progress:
    """The status of `measure` on `as_of`: only points dated on or before it count."""
    points = tuple(p for p in measure.history if p.date <= as_of)
    direction = direction_of(measure)
    if not points:
        return Progress("no_data", direction, points, None, None)
    latest, first = number(points[-1].value), number(points[0].value)
    baseline, target = number(measure.baseline), number(measure.target)
    change = latest - baseline if latest is not None and baseline is not None else None
    pace = None
    if first is not None and target is not None and measure.target_date is not None:
        pace = pace_at(points[0].date, first, measure.target_date, target, points[-1].date)

    def result(status: Status) -> Progress:
        return Progress(status, direction, points, change, pace)

    if latest is None or (measure.target is not None and target is None):
        return result("not_numeric")

    def at_least_as_good(value: Fraction, mark: Fraction) -> bool:
        return value >= mark if direction == "up" else value <= mark

    if target is not None and at_least_as_good(latest, target):
        return result("met")
    if len(points) == 1:
        return result("too_few_points")
    if first is None:
        return result("not_numeric")
    if pace is not None:
        return result("on_track" if at_least_as_good(latest, pace) else "off_track")
    if latest == first:
        return result("flat")
    return result("better" if at_least_as_good(latest, first) else "worse")


def pace_at(start: date, first: Fraction, end: date, target: Fraction, day: date) -> Fraction:
    """The pace line's value on `day`: straight from `first` on `start` to `target` on `end`.

    On or after `end` (or when the target date is not after the first point) the line
    has arrived: its value is the target.
    """
    span = (end - start).days
    if span <= 0 or day >= end:
        return target
    return first + (target - first) * Fraction((day - start).days, span)
