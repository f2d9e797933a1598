"""Recording data points: one round of numbers added to measures' histories.

`from_csv` reads a spreadsheet export (columns measure, date, value and optionally
note) and checks every row before anything changes: an unknown measure, a bad
date, an empty value, the same measure and date twice, or a date that already has
a different point (without `replace`) are all reported together, each with its
line. `add` puts points into a worksheet; the caller saves it once.

Example:
    points = from_csv(Path("q3.csv"), worksheet)
    worksheet, added, replaced = add(worksheet, points)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import FileProblem, Problem, WorksheetInvalid
from .fieldtypes import parse_iso_date, unknown_id
from .model import Curve, Point, Worksheet
from .operations import add_points
from .saving import read_bytes
from .spreadsheet import read_table
from .values import number_or_text

COLUMNS = ("measure", "date", "value", "note")


@dataclass(frozen=True)
class NewPoint:
    measure: str  # the measure's id
    point: Point
    line: int | None = None  # in the csv, for messages


INDICATOR = "Population indicator"  # whose curve an indicator is: the whole population's
SHARED = "Shared"


def every_curve(ws: Worksheet) -> Iterator[tuple[str | None, str, Curve]]:
    """(partner id or None, whose it is, measure) for every curve, in report order:
    the result's population indicators, partners' measures (current partners first),
    then the shared measures."""
    for indicator in ws.indicators:
        yield None, INDICATOR, indicator
    for p in ws.ordered_partners():
        for m in p.measures:
            yield p.id, p.name, m
    for s in ws.shared_measures:
        yield None, SHARED, s


def measures_by_id(ws: Worksheet) -> dict[str, Curve]:
    """Every measure with a curve by its id: indicators, partners' measures, shared measures."""
    return {m.id: m for _, _, m in every_curve(ws)}


def map_curves(ws: Worksheet, change: Callable[[Any], Any]) -> Worksheet:
    """The worksheet with `change` applied to every measure, shared measure and indicator."""
    partners = [p.model_copy(update={"measures": [change(m) for m in p.measures]})
                for p in ws.partners]
    return ws.model_copy(update={
        "partners": partners,
        "shared_measures": [change(s) for s in ws.shared_measures],
        "indicators": [change(i) for i in ws.indicators],
    })


def from_csv(path: Path, ws: Worksheet, *, replace: bool = False,
             decimal_comma: bool | None = None) -> list[NewPoint]:
    """Every row of the csv as a point, or WorksheetInvalid naming every bad row.

    `decimal_comma` reads 2,5 as 2.5; left None, it follows the separator (`;`: yes).
    """
    name = str(path)
    try:
        text = read_bytes(path, "a CSV file").decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(path, "is not UTF-8 text; export the spreadsheet as CSV UTF-8") from None
    table = read_table(text, name, COLUMNS, required=3)
    if decimal_comma is None:
        decimal_comma = table.separator == ";"
    known = measures_by_id(ws)
    problems: list[Problem] = []
    points: list[NewPoint] = []
    seen: dict[tuple[str, date], int] = {}
    for row in table.rows:
        found = _row(row.cells, known, replace, decimal_comma)
        if isinstance(found, str):
            problems.append(Problem(name, found, line=row.line))
            continue
        key = (found.measure, found.point.date)
        if key in seen:
            problems.append(Problem(name, f"{found.measure} on {found.point.date} is also on "
                                    f"line {seen[key]}: one value per measure and date",
                                    line=row.line))
            continue
        seen[key] = row.line
        points.append(NewPoint(found.measure, found.point, row.line))
    if problems:
        raise WorksheetInvalid(problems)
    return points


def _row(cells: dict[str, str], known: dict[str, Curve],
         replace: bool, decimal_comma: bool) -> NewPoint | str:
    """One row as a point, or what is wrong with it."""
    ident = cells.get("measure", "")
    if ident not in known:
        return unknown_id("measure", ident, known) if ident else "the measure id is empty"
    try:
        day = parse_iso_date(cells.get("date", ""))
    except ValueError as exc:
        return f"date: {exc}"
    raw = cells.get("value", "")
    if not raw:
        return "value: empty; leave the row out to record nothing"
    try:
        value = number_or_text(raw, decimal_comma)
    except ValueError as exc:
        hint = "; with --decimal-comma a comma marks the decimals" if "," in raw else ""
        return f"value: {exc}{'' if decimal_comma else hint}"
    point = Point(date=day, value=value, note=cells.get("note") or None)
    there = next((p for p in known[ident].history if p.date == day), None)
    if there is not None and there.value != point.value and not replace:
        return (f"{ident} already has {there.value} on {day.isoformat()}; "
                "use --replace to replace it")
    return NewPoint(ident, point)


def add(ws: Worksheet, points: list[NewPoint]) -> tuple[Worksheet, int, int]:
    """The worksheet with the points in (a point on a date already there replaces it),
    with the number of points added and replaced (operations.add_points, in place)."""
    added, replaced = add_points(ws, [(new.measure, new.point) for new in points])
    return ws, added, replaced


def record_file(path: Path, csv_path: Path, *, replace: bool = False,
                decimal_comma: bool | None = None) -> tuple[bool, int, int]:
    """Add a csv's values to the worksheet at `path` and save it once, all or nothing:
    whether the file was written, and the points added and replaced."""
    from . import store
    from .locks import held

    with held(path):  # no other session writes between our read and our write
        loaded = store.load(path)
        points = from_csv(csv_path, loaded.worksheet, replace=replace,
                          decimal_comma=decimal_comma)
        worksheet, added, replaced = add(loaded.worksheet, points)
        if not added and not replaced:
            return False, 0, 0  # nothing new: no dump, no write (bench/record.py)
        # The bytes just read: the save need not parse them again. Their worksheet is the
        # one just changed in place (add_points), so none is offered: it differs anyway.
        saved = store.save(worksheet, path, known=store.OnDisk(loaded.raw, None))
    return saved.written, added, replaced
