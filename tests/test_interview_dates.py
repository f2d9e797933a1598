"""Dates as typed at the prompt: YYYY-MM-DD and the shortcuts."""

from __future__ import annotations

from datetime import date

import pytest

from measurekit.interview import dates

from .helpers import TODAY


@pytest.mark.parametrize("text,expected", [
    ("2027-06-30", date(2027, 6, 30)), ("today", TODAY), ("tomorrow", date(2026, 11, 26)),
    ("+3d", date(2026, 11, 28)), ("+2w", date(2026, 12, 9)), ("+3m", date(2027, 2, 25)),
    ("+1y", date(2027, 11, 25)), ("2026-12", date(2026, 12, 31)), ("2027-02", date(2027, 2, 28)),
    (" 2027-1-5 ", date(2027, 1, 5)),
])
def test_date_shortcuts(text, expected):
    assert dates.parse(text, TODAY) == expected


def test_month_end_clamps():
    assert dates.parse("+1m", date(2027, 1, 31)) == date(2027, 2, 28)


@pytest.mark.parametrize("text,reason", [
    ("2027-02-30", "not a real date"), ("2027-13", "not a real month"), ("soon", "YYYY-MM-DD"),
    ("30/06/2027", "YYYY-MM-DD"),
])
def test_bad_dates_say_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        dates.parse(text, TODAY)
