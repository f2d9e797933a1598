"""Forecast proposals: a straight line fitted through a measure's history by least squares.

Where the curve goes if nothing changes, the forecast `measurekit forecast` and the
interview offer (progress.forecast_value reads a forecast). Arithmetic is exact.

Example:
    propose(measure.history, measure.target_date)  ->  [Point(...), Point(...)] or None
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

from .errors import UsageProblem
from .model import Point, Worksheet
from .progress import number
from .record import every_curve, map_curves

YEAR = timedelta(days=365)
MIN_POINTS = 3  # a line through fewer points is not worth proposing


def least_squares(points: Sequence[tuple[date, Fraction]]) -> tuple[Fraction, Fraction]:
    """(value at the first date, change per day) of the line closest to the points.

    At least two different dates are needed. The fit is exact: the values are brought
    to one denominator, so the sums are of whole numbers (a thousand measures' fits
    with fractions at every step took a second: bench/scale.py, `forecast`).
    """
    start = points[0][0]
    scale = math.lcm(*(v.denominator for _, v in points))
    xs = [(d - start).days for d, _ in points]
    ys = [v.numerator * (scale // v.denominator) for _, v in points]
    n, sx, sy = len(points), sum(xs), sum(ys)
    spread = n * sum(x * x for x in xs) - sx * sx  # n² times the variance of the dates
    moved = n * sum(x * y for x, y in zip(xs, ys, strict=True)) - sx * sy
    return Fraction(sy * spread - sx * moved, n * spread * scale), Fraction(moved, spread * scale)


def propose(history: Sequence[Point], target_date: date | None) -> list[Point] | None:
    """A straight forecast fitted through `history`, or None with fewer than 3 numeric points.

    The line starts on the first point's date and runs to the target date, or, without a
    target date after the latest point, to one year past the latest point. Values are
    written as the history writes them: per-cent stays per-cent, to one more decimal
    than the most precise point.
    """
    numeric = [(p.date, v) for p in history if (v := number(p.value)) is not None]
    if len(numeric) < MIN_POINTS:
        return None
    start, latest = numeric[0][0], numeric[-1][0]
    end = target_date if target_date is not None and target_date > latest else latest + YEAR
    at_start, per_day = least_squares(numeric)
    texts = [str(p.value) for p in history if number(p.value) is not None]
    per_cent = all(text.strip().endswith("%") for text in texts)
    places = 1 + max((_decimals(text) for text in texts), default=0)
    return [
        Point(date=day, value=_written(at_start + per_day * (day - start).days, places, per_cent))
        for day in (start, end)
    ]


def _decimals(text: str) -> int:
    found = re.search(r"\.(\d+)", text)
    return len(found.group(1)) if found else 0


def _written(value: Fraction, places: int, per_cent: bool) -> int | float | str:
    rounded = round(value, places)
    figure: int | float = int(rounded) if rounded.denominator == 1 else float(rounded)
    return f"{figure}%" if per_cent else figure


@dataclass(frozen=True)
class Proposal:
    """A forecast proposed for one measure, with what it is for (a partner's name, say)."""

    ident: str  # the measure's id
    name: str
    whose: str
    history: Sequence[Point]
    forecast: list[Point]


def proposals(ws: Worksheet, measure_id: str | None = None) -> list[Proposal]:
    """A proposal for every measure with 3 or more numeric points and no forecast yet,
    or, with `measure_id`, for that one measure (replacing its forecast).

    UsageProblem when `measure_id` names no measure or one with too few points.
    """
    found = []
    for _, whose, curve in every_curve(ws):
        if measure_id is not None and curve.id != measure_id:
            continue
        if measure_id is None and curve.forecast:
            continue
        line = propose(curve.history, curve.target_date)
        if line is not None:
            found.append(Proposal(curve.id, curve.name, whose, curve.history, line))
        elif measure_id is not None:
            raise UsageProblem(
                f"--measure {measure_id}: a forecast is fitted through {MIN_POINTS} or more "
                f"numeric points; it has {sum(number(p.value) is not None for p in curve.history)}"
            )
    if measure_id is not None and not found:
        known = ", ".join(sorted(c.id for _, _, c in every_curve(ws))) or "none yet"
        raise UsageProblem(f"--measure: no measure has the id {measure_id!r} (ids: {known})")
    return found


def keep_forecasts(path: Path, *, measure: str | None,
                   ask: Callable[[Proposal], bool] | None) -> tuple[int, int, bool]:
    """Propose, ask each (`ask` None: keep all) and save: how many forecasts were proposed
    and kept, and whether the file was written.

    The questions come first, with no lock held; the kept forecasts then go into the file
    as it is at that moment, under the save lock, so a round recorded meanwhile stays.
    The file is parsed once when nothing changed it meanwhile (the bench's case).
    """
    from . import store
    from .locks import held

    loaded = store.load(path)
    offered = proposals(loaded.worksheet, measure)
    kept = {p.ident: p.forecast for p in offered if ask is None or ask(p)}
    if not kept:
        return len(offered), 0, False
    with held(path):
        worksheet, raw = loaded.worksheet, store.read_bytes(path)
        if raw != loaded.raw:  # saved by someone else while we asked: their file it is
            worksheet = store.parse(raw, str(path), path).worksheet
            still = {p.ident for p in proposals(worksheet, measure)}
            kept = {ident: points for ident, points in kept.items() if ident in still}
        on_disk = store.OnDisk(raw, worksheet)
        saved = store.save(with_forecasts(worksheet, kept), path, known=on_disk)
    return len(offered), len(kept), saved.written


def with_forecasts(ws: Worksheet, forecasts: dict[str, list[Point]]) -> Worksheet:
    """The worksheet with each measure named in `forecasts` given that forecast."""
    return map_curves(
        ws, lambda m: m.model_copy(update={"forecast": forecasts[m.id]}) if m.id in forecasts else m
    )
