"""`measurekit forecast`: a least-squares line proposed for each measure, kept on Enter."""

from __future__ import annotations

import os
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path

import pexpect
import pytest

from measurekit.core import store
from measurekit.core.forecast import least_squares, proposals, propose
from measurekit.core.model import Point

from .report_support import measure, partner, run, worksheet, write_worksheet

JAN1, JAN11, JAN21, JAN31 = (date(2026, 1, d) for d in (1, 11, 21, 31))
MEASUREKIT = str(Path(sys.executable).parent / "measurekit")


def history(*pairs) -> list[Point]:
    return [Point(date=d, value=v) for d, v in pairs]


def test_the_least_squares_line_by_hand():
    # x = 0, 10, 20 days; y = 10, 14, 15: means 10 and 13, slope (30 + 20) / 200 = 1/4,
    # so 13 - 10/4 = 10.5 on the first day.
    points = [(JAN1, Fraction(10)), (JAN11, Fraction(14)), (JAN21, Fraction(15))]
    assert least_squares(points) == (Fraction(21, 2), Fraction(1, 4))


def test_a_proposal_runs_to_the_target_date():
    line = propose(history((JAN1, 10), (JAN11, 14), (JAN21, 15)), JAN31)
    # On Jan 31 (day 30): 10.5 + 30/4 = 18.
    assert [(p.date, p.value) for p in line] == [(JAN1, 10.5), (JAN31, 18)]


def test_without_a_later_target_date_a_year_past_the_latest_point():
    # 2027-01-21 is day 385: 10.5 + 385/4 = 106.75, to one decimal (half to even) 106.8.
    for target_date in (None, JAN11):
        line = propose(history((JAN1, 10), (JAN11, 14), (JAN21, 15)), target_date)
        assert [(p.date, p.value) for p in line] == [(JAN1, 10.5), (date(2027, 1, 21), 106.8)]


def test_per_cent_stays_per_cent_and_text_values_are_left_out():
    # y = 40, 42.5, 47: slope 10 * 7 / 200 = 0.35 a day; mean 129.5 / 3, less 3.5 on day 0
    # = 39.666..., 50.166... on day 30: to two decimals (one more than the points).
    line = propose(history((JAN1, "40%"), (date(2026, 1, 5), "n/a"), (JAN11, "42.5%"),
                           (JAN21, "47%")), JAN31)
    assert [p.value for p in line] == ["39.67%", "50.17%"]


def test_fewer_than_three_numbers_no_proposal():
    assert propose(history((JAN1, 10), (JAN11, "n/a"), (JAN21, 15)), JAN31) is None


def points(*values, start=2024):
    return [{"date": f"{start + i}-06-30", "value": v} for i, v in enumerate(values)]


@pytest.fixture
def three(tmp_path):
    data = worksheet(
        schema_version=2,
        partners=[partner("library", measures=[
            measure("visits", history=points(10, 12, 15)),
            measure("loans", history=points(5, 6)),  # too few points
            measure("waits", history=points(9, 8, 6),
                    forecast=[{"date": "2024-06-30", "value": 9}]),  # has one already
        ])],
        shared_measures=[{"id": "reading", "name": "Reading", "partners": ["library"],
                          "history": points("40%", "44%", "47%")}],
    )
    return write_worksheet(tmp_path, data)


def test_proposals_for_measures_with_three_points_and_no_forecast(three):
    ws = store.load_worksheet(three)
    assert [(p.whose, p.ident) for p in proposals(ws)] == [
        ("Library", "visits"), ("Shared", "reading")]
    assert [p.ident for p in proposals(ws, "waits")] == ["waits"]  # --measure replaces


def test_yes_keeps_every_proposal_and_saves_version_3(three):
    result = run("forecast", three, "--yes")
    assert result.exit_code == 0, result.output
    assert "saved" in result.stderr and "2 of 2 forecasts kept" in result.stderr
    ws = store.load_worksheet(three)
    library = ws.partners[0]
    assert [p.date.isoformat() for p in library.measures[0].forecast] == ["2024-06-30",
                                                                         "2027-06-30"]
    assert library.measures[1].forecast == [] and len(library.measures[2].forecast) == 1
    assert ws.shared_measures[0].forecast[0].value.endswith("%")
    assert ws.schema_version == 3
    again = run("forecast", three, "--yes")
    assert again.exit_code == 0 and "no forecast to propose" in again.stderr


def test_without_a_terminal_it_asks_for_yes_and_writes_nothing(three):
    before = three.read_bytes()
    result = run("forecast", three)
    assert result.exit_code == 2 and "--yes keeps every proposal" in result.stderr
    assert three.read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["--measure", "nope"], "no measure has the id 'nope'"),
    (["--measure", "loans"], "3 or more numeric points; it has 2"),
])
def test_measure_option_errors(three, args, message):
    before = three.read_bytes()
    result = run("forecast", three, "--yes", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert three.read_bytes() == before


@pytest.mark.skipif(not os.path.exists(MEASUREKIT), reason="measurekit not installed")
def test_in_a_terminal_enter_keeps_and_n_skips(three):
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(MEASUREKIT, ["forecast", three.name], cwd=str(three.parent), env=env,
                          dimensions=(24, 80), encoding="utf-8", timeout=30)
    child.expect_exact("Library · visits")
    child.expect_exact("Keep this forecast?")
    child.send("\r")
    child.expect_exact("Shared · Reading")
    child.expect_exact("●")  # the small curve
    child.expect_exact("Keep this forecast?")
    child.send("n\r")
    child.expect_exact("1 of 2 forecasts kept")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    ws = store.load_worksheet(three)
    assert len(ws.partners[0].measures[0].forecast) == 2 and ws.shared_measures[0].forecast == []


def test_a_round_recorded_while_asking_is_kept(three):
    from measurekit.core.forecast import keep_forecasts
    from measurekit.core.record import NewPoint, add

    def ask(proposal) -> bool:
        if proposal.ident == "visits":  # meanwhile, someone records a round and saves
            ws = store.load_worksheet(three)
            ws, _, _ = add(ws, [NewPoint("loans", Point(date=date(2027, 6, 30), value=7))])
            store.save(ws, three)
        return True

    assert keep_forecasts(three, measure=None, ask=ask) == (2, 2, True)
    ws = store.load_worksheet(three)
    assert [p.value for p in ws.partners[0].measures[1].history] == [5, 6, 7]
    assert ws.partners[0].measures[0].forecast and ws.shared_measures[0].forecast
