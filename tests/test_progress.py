"""The status rule: each status, each boundary, down measures, per-cent and text values."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from measurekit.core.model import Measure, SharedMeasure
from measurekit.core.progress import direction_of, number, plain, progress
from measurekit.core.vocabulary import STATUSES

JAN1, JAN11, JAN21 = date(2026, 1, 1), date(2026, 1, 11), date(2026, 1, 21)


def measure(points=(), **fields) -> Measure:
    history = [{"date": d, "value": v} for d, v in points]
    return Measure(id="m", name="M", type="how_much", history=history, **fields)


@pytest.mark.parametrize(("value", "expected"), [
    ("43%", 43), ("1,250", 1250), ("3.5", Fraction(7, 2)), (" 12 ", 12), ("-2", -2),
    ("12,345.5", Fraction(24691, 2)), (".5", Fraction(1, 2)), ("43 %", 43),
    (0.38, Fraction(38, 100)), (7, 7), ("1,25", None), ("about 40", None), ("%", None),
    ("", None), ("-", None),
    (True, None), (None, None), ("1.2.3", None), ("12,34,567", None),
])
def test_number_understands_per_cent_and_thousands(value, expected):
    assert number(value) == expected


def test_plain_figures():
    assert (plain(Fraction(4)), plain(Fraction(7, 2)), plain(None)) == (4, 3.5, None)
    assert isinstance(plain(Fraction(4)), int)


def test_no_data_without_points_or_before_the_first_one():
    assert progress(measure(target=10), JAN1).status == "no_data"
    assert progress(measure([(JAN11, 5)], target=10), JAN1).status == "no_data"


def test_only_points_on_or_before_the_date_count():
    m = measure([(JAN1, 5), (JAN11, 7), (JAN21, 12)], target=10, direction="up")
    on_the_day = progress(m, JAN11)
    assert (on_the_day.status, on_the_day.latest.value, len(on_the_day.points)) == ("better", 7, 2)
    assert progress(m, JAN21).status == "met"


@pytest.mark.parametrize(("points", "fields"), [
    ([(JAN1, "about half")], {"target": 10}),  # the latest value
    ([(JAN1, 3), (JAN11, 4)], {"target": "most of them"}),  # the target
    ([(JAN1, "n/a"), (JAN11, 4)], {"target": 10, "direction": "up"}),  # the first value
    ([(JAN1, "n/a"), (JAN11, 4)], {}),
])
def test_not_numeric_when_a_value_involved_is_text(points, fields):
    assert progress(measure(points, **fields), JAN21).status == "not_numeric"


def test_text_values_never_raise_and_a_text_baseline_only_drops_the_change():
    m = measure([(JAN1, 3), (JAN11, 4)], baseline="unknown", target=10, direction="up")
    p = progress(m, JAN21)
    assert (p.status, p.change) == ("better", None)


@pytest.mark.parametrize(("first", "latest", "fields", "status"), [
    (5, 10, {"target": 10}, "met"),  # exactly at the target: met whichever way is better
    (5, 11, {"target": 10, "direction": "up"}, "met"),
    (5, 9.99, {"target": 10, "direction": "up"}, "better"),  # no target date: latest vs first
    (8, 5, {"baseline": 8, "target": 5}, "met"),  # exactly at the target, going down
    (8, 5.01, {"baseline": 8, "target": 5}, "better"),
    (8, 5, {"target": 5, "direction": "down"}, "met"),
    ("5%", "65%", {"target": "65%"}, "met"),  # per-cent values
    ("5%", "64.9%", {"baseline": "5%", "target": "65%"}, "better"),
    (5, "1,250", {"target": 1250}, "met"),
])
def test_met_boundaries(first, latest, fields, status):
    assert progress(measure([(JAN1, first), (JAN11, latest)], **fields), JAN21).status == status


def test_met_with_a_single_point():
    assert progress(measure([(JAN1, 12)], target=10, direction="up"), JAN1).status == "met"


def test_too_few_points():
    p = progress(measure([(JAN1, 3)], baseline=1, target=10, target_date=JAN21), JAN21)
    assert (p.status, p.pace) == ("too_few_points", 3)


# The pace line: 10 on Jan 1 to the target 20 on Jan 21, so 15 on Jan 11.
@pytest.mark.parametrize(("latest", "status"), [
    (15, "on_track"), ("15.0", "on_track"), (16, "on_track"),
    (Fraction(1499, 100), "off_track"), (14, "off_track"), (9, "off_track"),
])
def test_pace_line_going_up(latest, status):
    value = float(latest) if isinstance(latest, Fraction) else latest
    m = measure([(JAN1, 10), (JAN11, value)], baseline=10, target=20, target_date=JAN21)
    p = progress(m, JAN21)
    assert (p.status, p.pace) == (status, 15)


# Going down: 30% on Jan 1 to 10% on Jan 21, so 20% on Jan 11.
@pytest.mark.parametrize(("latest", "status"), [
    ("20%", "on_track"), ("19%", "on_track"), ("20.5%", "off_track"), ("31%", "off_track"),
    ("10%", "met"), ("9%", "met"),
])
def test_pace_line_going_down_in_per_cent(latest, status):
    m = measure([(JAN1, "30%"), (JAN11, latest)], baseline="30%", target="10%", target_date=JAN21)
    p = progress(m, JAN21)
    assert (p.status, p.direction, p.pace) == (status, "down", 20)


def test_pace_line_exact_with_thirds():
    # 0 on Jan 1 to 10 thirty days later: the line is at 10/3 on day 10, exactly.
    m = measure([(JAN1, 0), (JAN11, "3.3333333")], baseline=0, target=10,
                target_date=date(2026, 1, 31))
    p = progress(m, JAN21)
    assert (p.status, p.pace) == ("off_track", Fraction(10, 3))


def test_past_the_target_date_the_pace_line_is_the_target():
    m = measure([(JAN1, 10), (JAN21, 19)], baseline=10, target=20, target_date=JAN11)
    assert (progress(m, JAN21).status, progress(m, JAN21).pace) == ("off_track", 20)
    # A target date before the first point: the line has already arrived.
    m = measure([(JAN11, 10), (JAN21, 19)], baseline=10, target=20, target_date=JAN1)
    assert progress(m, JAN21).pace == 20


@pytest.mark.parametrize(("first", "latest", "fields", "status"), [
    (5, 7, {"direction": "up"}, "better"), (7, 5, {"direction": "up"}, "worse"),
    (5, "5.0", {}, "flat"),  # flat whichever way is better
    (5, 7, {"direction": "down"}, "worse"),
    (7, 5, {"baseline": 9, "target": 2}, "better"),  # down, read from baseline to target
    ("40%", "45%", {"baseline": "38%", "target": "60%"}, "better"),
])
def test_better_worse_flat_without_a_target_date(first, latest, fields, status):
    assert progress(measure([(JAN1, first), (JAN11, latest)], **fields), JAN21).status == status


def test_change_since_the_baseline():
    p = progress(measure([(JAN1, "40%"), (JAN11, "46.5%")], baseline="38%"), JAN21)
    assert p.change == Fraction(17, 2)
    assert (p.first.value, p.latest.value) == ("40%", "46.5%")


def test_direction():
    assert direction_of(measure(baseline=10, target=5)) == "down"
    assert direction_of(measure(baseline=5, target=10)) == "up"
    assert direction_of(measure([(JAN1, 9)], target=5)) is None  # not from the first point
    assert direction_of(measure(baseline=10, target=5, direction="up")) == "up"
    assert direction_of(measure(baseline=5, target=5)) is None
    assert direction_of(measure(baseline="unknown", target=5)) is None
    assert direction_of(measure()) is None  # never guessed as up


def test_a_shared_measure_follows_the_same_rule():
    shared = SharedMeasure(id="s", name="S", partners=["p"], baseline=10, target=20,
                           target_date=JAN21,
                           history=[{"date": JAN1, "value": 10}, {"date": JAN11, "value": 15}])
    assert progress(shared, JAN21).status == "on_track"


def test_every_status_is_reachable_here():
    seen = {
        progress(m, JAN21).status
        for m in (
            measure(), measure([(JAN1, "x")]), measure([(JAN1, 9)], target=5, direction="up"),
            measure([(JAN1, 1), (JAN11, 2)], baseline=1, target=20, target_date=JAN21),
            measure([(JAN1, 1), (JAN11, 20)], baseline=1, target=30, target_date=JAN21),
            measure([(JAN1, 1), (JAN11, 2)], direction="up"),
            measure([(JAN1, 2), (JAN11, 1)], direction="up"), measure([(JAN1, 2), (JAN11, 1)]),
            measure([(JAN1, 2), (JAN11, 2)]), measure([(JAN1, 2)]),
        )
    }
    assert seen == set(STATUSES)
