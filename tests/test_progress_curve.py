"""Turning the curve: forecasts, tolerance, runs, the baseline as first point and the direction.

Every expected figure is computed by hand in the comment beside it.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from measurekit.core.model import Point
from measurekit.core.progress import forecast_value, progress, run_of

from .test_progress import JAN1, JAN11, JAN21, measure

JAN31 = date(2026, 1, 31)


def line(*pairs) -> list[Point]:
    return [Point(date=d, value=v) for d, v in pairs]


# forecast_value -------------------------------------------------------------------------

def test_a_forecast_point_exactly_at_the_latest_date_is_its_value():
    assert forecast_value(line((JAN1, 10), (JAN11, 14), (JAN21, 30)), JAN11) == 14
    assert forecast_value(line((JAN1, 10), (JAN11, 14), (JAN21, 30)), JAN21) == 30


def test_between_two_forecast_points_the_line_through_them():
    # 10 on Jan 1, 20 on Jan 21: half a unit a day, 15 on Jan 11.
    assert forecast_value(line((JAN1, 10), (JAN21, 20)), JAN11) == 15
    # 3 on Jan 1, 4 on Jan 31: day 10 of 30 -> 3 + 1/3, exactly.
    assert forecast_value(line((JAN1, 3), (JAN31, 4)), JAN11) == Fraction(10, 3)


def test_a_forecast_extended_both_ways():
    forecast = line((JAN11, 20), (JAN21, 30), (JAN31, 35))
    # Before: the first two (20 -> 30 in 10 days), 10 days back -> 10.
    assert forecast_value(forecast, JAN1) == 10
    # After: the last two (30 -> 35 in 10 days), 10 days on from Jan 31 -> 40.
    assert forecast_value(forecast, date(2026, 2, 10)) == 40


def test_a_single_forecast_point_and_no_forecast():
    assert forecast_value(line((JAN11, 7)), JAN1) == forecast_value(line((JAN11, 7)), JAN31) == 7
    assert forecast_value([], JAN11) is None


def test_a_forecast_value_that_is_not_a_number():
    assert forecast_value(line((JAN1, "about 10"), (JAN21, 20)), JAN11) is None
    assert forecast_value(line((JAN1, "n/a")), JAN11) is None
    # A text point the day does not use is no obstacle: Jan 11 to Jan 21 is 10 -> 20.
    assert forecast_value(line((JAN1, "n/a"), (JAN11, 10), (JAN21, 20)), date(2026, 1, 16)) == 15


def test_a_per_cent_forecast():
    assert forecast_value(line((JAN1, "40%"), (JAN21, "50%")), JAN11) == 45


# against_forecast -----------------------------------------------------------------------

# Up: the forecast is 10 on Jan 1 to 20 on Jan 21, so 15 on Jan 11; the tolerance is 1.
@pytest.mark.parametrize(("latest", "against"), [
    (16, "same"),  # 1 above: exactly the tolerance, no change
    (16.01, "better"),  # 1.01 above
    (14, "same"),  # 1 below
    (13.99, "worse"),
    (15, "same"),
])
def test_against_forecast_with_a_tolerance_exactly_equal_to_the_difference(latest, against):
    m = measure([(JAN1, 12), (JAN11, latest)], direction="up", tolerance=1,
                forecast=[{"date": JAN1, "value": 10}, {"date": JAN21, "value": 20}])
    p = progress(m, JAN21)
    assert (p.forecast_value, p.against_forecast) == (15, against)


# Down, in per cent: the forecast is 30% on Jan 1 to 20% on Jan 21, so 25% on Jan 11.
@pytest.mark.parametrize(("latest", "tolerance", "against"), [
    ("24%", 1, "same"), ("24%", 0.5, "better"), ("26%", 0.5, "worse"), ("26%", 1, "same"),
    ("25%", 0, "same"),
])
def test_against_forecast_down_in_per_cent(latest, tolerance, against):
    m = measure([(JAN1, "30%"), (JAN11, latest)], baseline="30%", target="10%",
                tolerance=tolerance,
                forecast=[{"date": JAN1, "value": "30%"}, {"date": JAN21, "value": "20%"}])
    p = progress(m, JAN21)
    assert (p.direction, p.forecast_value, p.against_forecast) == ("down", 25, against)


def test_no_forecast_no_comparison():
    p = progress(measure([(JAN1, 1), (JAN11, 2)], direction="up"), JAN21)
    assert (p.forecast_value, p.against_forecast) == (None, None)


def test_a_slowed_decline_is_turning_the_curve_though_off_track():
    # Falling by 5 a quarter was the forecast (100, 95, 90, 85); the decline slowed to 2.
    q = [date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1)]
    m = measure(list(zip(q, (100, 95, 90, 88), strict=True)), baseline=100, target=120,
                target_date=date(2027, 1, 1),
                forecast=[{"date": d, "value": v} for d, v in zip(q, (100, 95, 90, 85),
                                                                  strict=True)])
    p = progress(m, q[-1])
    assert (p.status, p.forecast_value, p.against_forecast) == ("off_track", 85, "better")
    assert (p.run_direction, p.run) == ("worse", 3)


# tolerance in the status rule -------------------------------------------------------------

@pytest.mark.parametrize(("latest", "tolerance", "status"), [
    (12, 2, "flat"),  # |12 - 10| = 2, exactly the tolerance
    (8, 2, "flat"),
    (12, 1.5, "better"), (8, 1.5, "worse"), (12, 0, "better"), (10, 0, "flat"),
])
def test_flat_within_the_tolerance(latest, tolerance, status):
    m = measure([(JAN1, 10), (JAN11, latest)], direction="up", tolerance=tolerance)
    assert progress(m, JAN21).status == status


# Pace: 10 on Jan 1 to 20 on Jan 21, so 15 on Jan 11.
@pytest.mark.parametrize(("latest", "tolerance", "status"), [
    (14, 1, "on_track"),  # 1 short: exactly the tolerance
    (13.99, 1, "off_track"), (14, 0, "off_track"), (15, 0, "on_track"),
])
def test_on_track_less_the_tolerance(latest, tolerance, status):
    m = measure([(JAN1, 10), (JAN11, latest)], baseline=10, target=20, target_date=JAN21,
                tolerance=tolerance)
    p = progress(m, JAN21)
    assert (p.status, p.pace) == (status, 15)


# Down in per cent: 30% to 10% on Jan 21, so 20% on Jan 11.
@pytest.mark.parametrize(("latest", "tolerance", "status"), [
    ("21%", 1, "on_track"), ("21.5%", 1, "off_track"), ("21%", 0, "off_track"),
])
def test_on_track_less_the_tolerance_going_down(latest, tolerance, status):
    m = measure([(JAN1, "30%"), (JAN11, latest)], baseline="30%", target="10%",
                target_date=JAN21, tolerance=tolerance)
    assert progress(m, JAN21).status == status


def test_a_value_just_under_the_pace_within_tolerance_is_on_track():
    # 1,000 on Jan 1 to 1,050 on Jan 31: the pace on Jan 11 is 1,000 + 50 * 10/30 = 1,016.67.
    m = measure([(JAN1, "1,000"), (JAN11, "1,016")], baseline=1000, target=1050,
                target_date=JAN31, tolerance=2)
    assert (progress(m, JAN21).status, progress(m, JAN21).pace) == ("on_track", Fraction(3050, 3))
    assert progress(m.model_copy(update={"tolerance": None}), JAN21).status == "off_track"


# run -------------------------------------------------------------------------------------

def numbers(*values):
    return [None if v is None else Fraction(v) for v in values]


@pytest.mark.parametrize(("values", "direction", "tolerance", "expected"), [
    ((10, 12, 15, 19), "up", 0, ("better", 3)),
    ((10, 12, 12, 15, 19), "up", 0, ("better", 2)),  # broken by a flat interval
    ((10, 12, "12.5", 15, 19), "up", 1, ("better", 2)),  # 0.5 is within the tolerance: flat
    ((10, 12, 15, "15.5"), "up", 1, ("flat", 1)),
    ((10, 15, "15.5", 15), "up", 1, ("flat", 2)),
    ((30, 28, 25), "down", 0, ("better", 2)),  # down: falling is better
    ((30, 28, 25, 26), "down", 0, ("worse", 1)),
    ((19, 15, 12, 10), "up", 0, ("worse", 3)),
    ((10, None, 12, 14), "up", 0, ("better", 1)),  # a text value ends the run
    ((10, 12, None), "up", 0, (None, None)),
    ((10,), "up", 0, (None, None)),
    ((10, 12), None, 0, (None, None)),  # the direction unknown: not judged
    ((10, 12, 12), None, 0, ("flat", 1)),  # but flat is flat either way
])
def test_runs(values, direction, tolerance, expected):
    assert run_of(numbers(*values), direction, Fraction(tolerance)) == expected


def test_the_run_in_progress_counts_only_points_up_to_the_date():
    m = measure([(JAN1, 10), (JAN11, 12), (JAN21, 15), (JAN31, 11)], direction="up")
    assert (progress(m, JAN21).run_direction, progress(m, JAN21).run) == ("better", 2)
    assert (progress(m, JAN31).run_direction, progress(m, JAN31).run) == ("worse", 1)


# the baseline as first point -------------------------------------------------------------

def test_the_baseline_as_first_point_gives_a_direction_after_one_round():
    m = measure([(JAN11, 14)], baseline=10, baseline_date=JAN1, target=30)
    p = progress(m, JAN21)
    assert (p.status, len(p.points), p.first.date, p.first.value) == ("better", 2, JAN1, 10)
    assert (p.run_direction, p.run) == ("better", 1)
    without = progress(m.model_copy(update={"baseline_date": None}), JAN21)
    assert without.status == "too_few_points"


def test_the_pace_line_starts_at_the_baseline_point():
    # 10 on Jan 1 to 20 on Jan 21: 15 on Jan 11.
    m = measure([(JAN11, 15)], baseline=10, baseline_date=JAN1, target=20, target_date=JAN21)
    p = progress(m, JAN21)
    assert (p.status, p.pace) == ("on_track", 15)


@pytest.mark.parametrize("baseline_date", [JAN11, JAN21])  # on or after the first point
def test_a_baseline_measured_with_or_after_the_history_is_not_a_point(baseline_date):
    m = measure([(JAN11, 14), (JAN21, 16)], baseline=10, baseline_date=baseline_date, target=30)
    assert [p.value for p in progress(m, JAN31).points] == [14, 16]


def test_the_baseline_point_follows_the_as_of_date():
    m = measure([(JAN21, 14)], baseline=10, baseline_date=JAN11, target=30)
    assert progress(m, JAN1).status == "no_data"  # before the baseline was measured
    assert progress(m, JAN11).status == "too_few_points"  # the baseline alone
    assert progress(m, JAN21).status == "better"


def test_a_text_baseline_is_not_a_point():
    m = measure([(JAN11, 14)], baseline="unknown", baseline_date=JAN1, direction="up")
    assert progress(m, JAN21).status == "too_few_points"


# the direction, never guessed (issue 17, item 14) ---------------------------------------

def test_a_lower_is_better_target_without_a_baseline_is_not_read_as_up():
    # 30 days against a 14-day target, no baseline: it used to say "met".
    assert progress(measure([(JAN1, 30)], target=14), JAN21).status == "no_direction"
    assert progress(measure([(JAN1, 34), (JAN11, 30)], target=14), JAN21).status == "no_direction"
    told = measure([(JAN1, 34), (JAN11, 30)], target=14, direction="down")
    assert progress(told, JAN21).status == "better"
    assert progress(told.model_copy(update={"history": told.history[:1]}), JAN21).status == (
        "too_few_points")


def test_without_a_direction_only_what_needs_none_is_said():
    assert progress(measure([(JAN1, 14)], target=14), JAN21).status == "met"  # exactly there
    assert progress(measure([(JAN1, 4), (JAN11, 5)], tolerance=1), JAN21).status == "flat"
    p = progress(measure([(JAN1, 4), (JAN11, 7)]), JAN21)
    assert (p.status, p.direction, p.run_direction) == ("no_direction", None, None)
