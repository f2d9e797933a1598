"""Issue 20's "done means", where the other curve tests stop short of a boundary: a run's
interval exactly the tolerance, a story written on the latest point's day, a forecast
proposed from three numbers and not two; and the examples, which must give every new view
something real to show. Every expected figure is computed by hand beside it.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from measurekit.core import store
from measurekit.core.gaps import find_gaps
from measurekit.core.model import Worksheet
from measurekit.core.progress import progress, run_of

from .conftest import EXAMPLE
from .report_support import json_rows, run

JUN30, SEP30, DEC31 = date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)


@pytest.mark.parametrize(("values", "direction", "expected"), [
    ((10, 12, 13, 15), "up", ("better", 1)),  # 12 -> 13 is exactly the tolerance: flat
    ((30, 28, 27, 25), "down", ("better", 1)),  # 28 -> 27 the same, going down
    ((10, 12, 13), "up", ("flat", 1)),  # the last interval flat: the run is flat
    ((10, 12, "14.01", 16), "up", ("better", 3)),  # 2.01 is over the tolerance: better
])
def test_an_interval_exactly_the_tolerance_is_flat_and_breaks_a_run(values, direction, expected):
    assert run_of([Fraction(v) for v in values], direction, Fraction(1)) == expected


def _worksheet(story_on: date | None, values: tuple[object, ...]) -> Worksheet:
    days = [date(2026, 3, 31), JUN30, SEP30][:len(values)]
    return Worksheet.model_validate({
        "title": "T", "result": "R",
        "partners": [{"id": "court", "name": "Court", "kind": "external", "status": "current",
                      "measures": [{"id": "m", "name": "M", "type": "how_much",
                                    "baseline": 10, "target": 20, "target_date": DEC31,
                                    "story": "Why it moves", "story_on": story_on,
                                    "history": [{"date": d, "value": v}
                                                for d, v in zip(days, values, strict=True)]}]}],
    })


@pytest.mark.parametrize(("story_on", "stale"), [
    (SEP30, False),  # written on the latest point's day: up to date
    (date(2026, 9, 29), True),  # the day before it: stale
    (None, False),  # never dated (a version 2 file): nothing to compare
])
def test_a_story_is_stale_only_when_written_before_the_latest_point(story_on, stale):
    kinds = [g.kind for g in find_gaps(_worksheet(story_on, (11, 12, 13)))]
    assert ("stale_story" in kinds) is stale


@pytest.mark.parametrize(("values", "wanted"), [
    ((11, 12, 13), True),  # three numbers: a line to propose
    ((11, "n/a", 13), False),  # two numbers and a text: not yet
])
def test_a_forecast_is_wanted_from_the_third_number(values, wanted):
    kinds = [g.kind for g in find_gaps(_worksheet(SEP30, values))]
    assert ("no_forecast" in kinds) is wanted


def test_the_example_gives_every_new_view_something_to_show():
    ws = store.load_worksheet(EXAMPLE)
    assert len(ws.indicators) == 2
    assert all(i.history and i.forecast for i in ws.indicators)
    assert any(m.forecast for p in ws.partners for m in p.measures)
    assert "stale_story" in {g.kind for g in find_gaps(ws)}
    # Judged against their forecasts, as `trend` shows them, as of the latest round.
    judged = [progress(i, DEC31).against_forecast for i in ws.indicators]
    assert None not in judged
    rows = json_rows(run("trend", EXAMPLE, "--format", "json"))
    assert [r["measure"] for r in rows if r["indicator"]] == [i.id for i in ws.indicators]
    assert all(r["partner"] is None for r in rows if r["indicator"])
    assert "Is the population better off?" in run("report", EXAMPLE).stdout
