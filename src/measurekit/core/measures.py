"""A measure and its curve: partners' own measures, shared measures, the result's population
indicators, their dated points and forecasts.

The numbers (baseline, target, target date) are a gap while missing and "moved" in `diff`;
the story is asked once the measure has data; which way is better is read, not asked.
"""

# No `from __future__ import annotations`: pydantic reads these annotations at import.
from collections.abc import Callable
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field

from .facts import Facts, Missing
from .fieldtypes import (
    FREE_NOTES,
    ID_HELP,
    NOTES_HELP,
    QUICK,
    SET_BY_MEASUREKIT,
    Direction,
    IsoDate,
    MeasureId,
    ModelBase,
    OptText,
    PartnerId,
    PointValue,
    Slug,
    Text,
    Tolerance,
    Value,
)
from .vocabulary import MEASURE_TYPE_QUESTIONS, MeasureType, one_of

_BASELINE = "The current value: a number, or a short phrase such as '38%'."
_TARGET = "The value aimed for: a number, or a short phrase."
_TARGET_DATE = "When the target should be reached (YYYY-MM-DD)."
# A measure's numbers: gaps lists the measure until it has them; diff says they "moved";
# the summary table's line for the measure shows them.
_NUMBERS = Facts(gap=Missing("measure_incomplete", "no {fields}"), diff="moved", headline=True)
_MOVED = Facts(diff="moved")
# No curve yet, no story behind it: asked once the measure has data.
_STORY_FACTS = Facts(only="with_data", diff="story", stamps="story_on")
# Which way is better is read from baseline to target; asked when it cannot be.
_DIRECTION_FACTS = Facts(only="no_direction", diff="moved")


class Point(ModelBase):
    """One data point of a measure's history: the value measured on a date."""

    date: IsoDate = Field(description="The day the value was measured (YYYY-MM-DD).",
                          json_schema_extra=Facts(key=True))
    value: PointValue = Field(
        description="The value: a number (43%, 1,250 and 3.5 count as numbers) or a short text.",
        json_schema_extra=Facts(diff="data_point_changed", shown=True),
    )
    note: OptText = Field(None, description="What to remember about this value.")


def _one_per_date(name: str) -> Callable[[list[Point]], list[Point]]:
    def check(points: list[Point]) -> list[Point]:
        """One point per date, kept sorted by date (a file may list them in any order)."""
        first: dict[date, int] = {}
        for i, point in enumerate(points):
            if point.date in first:
                raise ValueError(
                    f"{name}[{first[point.date]}] and {name}[{i}] are both dated "
                    f"{point.date.isoformat()}: keep one point per date"
                )
            first[point.date] = i
        return sorted(points, key=lambda point: point.date)

    return check


History = Annotated[list[Point], AfterValidator(_one_per_date("history"))]
Forecast = Annotated[list[Point], AfterValidator(_one_per_date("forecast"))]
_STORY = "The story behind the curve: why the numbers move as they do, and what helps."
_DIRECTION = (
    "Which way is better: up or down. Left out, it is read from the baseline to the target."
)
_HISTORY = "The values measured so far, one point per date, sorted by date."
# Format version 3: turning the curve (worksheets/README.md).
_FORECAST = (
    "Where the curve goes if nothing changes: dated points {date, value}; between and beyond "
    "them, the straight line through the nearest two."
)
_TOLERANCE = (
    "How big a change is just noise, in the measure's unit: a difference at or under it "
    "counts as no change (default 0)."
)
_BASELINE_DATE = (
    "When the baseline was measured (YYYY-MM-DD); before the first point of history, the "
    "baseline is then the curve's first point."
)
_STORY_ON = "When the story was last written (YYYY-MM-DD); measurekit sets it."
# Bookkeeping beside the story: not asked, and a change of story is reported as one.
_STORY_ON_FACTS = Facts(asked=False, diff=None)
# Proposed by `measurekit forecast` (or after a measure's third point), not asked field by field.
_FORECAST_FACTS = Facts(asked=False, diff="forecast_point")
# How big a change is noise: asked once the measure has data to judge it by.
_TOLERANCE_FACTS = Facts(only="with_data", diff="moved")
_BASELINE_DATE_FACTS = Facts(asked=False, diff="moved")


# A curve's fields are declared once, in the blocks below, and each model lists the blocks
# it has as its bases. Pydantic takes the bases' fields from the LAST base to the first,
# then the class's own (a field declared again keeps its place): so `Measure(_Curve,
# _DataSource, _Numbers, _MeasureHead)` has its head's fields first and `notes` last, the
# order a saved file writes them in and the interview asks them. The blocks are private:
# the interview's wording is keyed by the public model (schema_walk.wording_key).


class _Numbers(ModelBase):
    """Where the curve starts and where it aims."""

    baseline: Value = Field(None, description=_BASELINE, json_schema_extra=_MOVED)
    baseline_date: IsoDate | None = Field(
        None, description=_BASELINE_DATE, json_schema_extra=_BASELINE_DATE_FACTS
    )
    target: Value = Field(None, description=_TARGET, json_schema_extra=_MOVED)
    target_date: IsoDate | None = Field(None, description=_TARGET_DATE, json_schema_extra=_MOVED)


class _DataSource(ModelBase):
    data_source: OptText = Field(None, description="Where the numbers come from.")


class _Curve(ModelBase):
    """The curve itself: its story, which way is better, its points and its forecast."""

    story: OptText = Field(None, description=_STORY, json_schema_extra=_STORY_FACTS)
    story_on: IsoDate | None = Field(None, description=_STORY_ON, json_schema_extra=_STORY_ON_FACTS)
    direction: Direction | None = Field(
        None, description=_DIRECTION, json_schema_extra=_DIRECTION_FACTS
    )
    tolerance: Tolerance = Field(None, description=_TOLERANCE, json_schema_extra=_TOLERANCE_FACTS)
    history: History = Field([], description=_HISTORY, json_schema_extra=Facts(diff="data_point"))
    forecast: Forecast = Field([], description=_FORECAST, json_schema_extra=_FORECAST_FACTS)
    notes: OptText = Field(None, description=NOTES_HELP, json_schema_extra=FREE_NOTES)


class _MeasureHead(ModelBase):
    """The summary table's line for a measure shows these (its type by the column it is in)."""

    id: Slug = Field(description=ID_HELP, json_schema_extra=Facts(asked=False, headline=True))
    name: Text = Field(description="What is counted or rated.",
                       json_schema_extra=Facts(quick=True, headline=True))
    type: MeasureType = Field(
        description="The question it answers: "
        + one_of([f"{t} ({q[0].lower()}{q[1:-1]}?)" for t, q in MEASURE_TYPE_QUESTIONS.items()])
        + ".",
        json_schema_extra=Facts(quick=True, headline=True),
    )
    hypothesized: bool = Field(
        False, description="true while it is a guess not yet confirmed with the partner.",
        json_schema_extra=Facts(headline=True),
    )


class Measure(_Curve, _DataSource, _Numbers, _MeasureHead):
    """A performance measure that drives one partner's work."""

    # A partner's measure is a gap until it has its numbers (in their places above).
    baseline: Value = Field(None, description=_BASELINE, json_schema_extra=_NUMBERS)
    target: Value = Field(None, description=_TARGET, json_schema_extra=_NUMBERS)
    target_date: IsoDate | None = Field(
        None, description=_TARGET_DATE, json_schema_extra=_NUMBERS
    )


class _SharedHead(ModelBase):
    id: Slug = Field(description=ID_HELP, json_schema_extra=SET_BY_MEASUREKIT)
    name: Text = Field(description="What is measured.", json_schema_extra=QUICK)
    definition: OptText = Field(
        None, description="How it is counted: who is included, over what period, from what data."
    )
    partners: list[PartnerId] = Field(
        min_length=1, description="Ids of the partners who share it (one alone is a gap).",
        json_schema_extra=QUICK,
    )
    measures: list[MeasureId] = Field(
        [], description="Ids of the partners' own measures that feed it.", json_schema_extra=QUICK
    )


class SharedMeasure(_Curve, _Numbers, _SharedHead):
    """A measure that partners share to create aligned action (template column 4)."""


class _IndicatorHead(ModelBase):
    id: Slug = Field(description=ID_HELP, json_schema_extra=SET_BY_MEASUREKIT)
    name: Text = Field(description="What is measured across the whole population.")


class Indicator(_Curve, _DataSource, _Numbers, _IndicatorHead):
    """A population indicator of the result in the center: is the population better off?"""


# Anything with a curve: a partner's measure, a shared measure or a population indicator.
Curve = Measure | SharedMeasure | Indicator
