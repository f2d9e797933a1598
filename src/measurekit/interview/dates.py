"""Dates as the consultant types them: YYYY-MM-DD, or a few shortcuts.

    2027-06-30   that day
    today        today; `tomorrow` works too
    +3d +2w      days or weeks from today
    +6m +1y      months or years from today (the 31st becomes the month's last day)
    2026-12      a month: its LAST day, because a target or a due date "in December"
                 means "by the end of December"

Every shortcut is turned into a plain date at once, so the file (and the draft)
only ever holds YYYY-MM-DD.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

HINT = "YYYY-MM-DD, or today, +2w, +3m, 2026-12"
_RELATIVE = re.compile(r"^\+\s*(\d{1,4})\s*([dwmy])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse(text: str, today: date | None = None) -> date:
    """The date `text` stands for; ValueError with a reason a person can act on."""
    today = today or date.today()
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "tomorrow":
        return today + timedelta(days=1)
    relative = _RELATIVE.match(value)
    if relative:
        return _add(today, int(relative.group(1)), relative.group(2))
    month = _MONTH.match(value)
    if month:
        year, mon = int(month.group(1)), int(month.group(2))
        if not 1 <= mon <= 12:
            raise ValueError(f"{text.strip()} is not a real month (months go from 01 to 12)")
        return date(year, mon, calendar.monthrange(year, mon)[1])
    day = _DAY.match(value)
    if day:
        try:
            return date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
        except ValueError as exc:
            raise ValueError(f"{text.strip()} is not a real date ({exc})") from None
    raise ValueError(f"write a date as {HINT}")


def _add(start: date, amount: int, unit: str) -> date:
    if unit == "d":
        return start + timedelta(days=amount)
    if unit == "w":
        return start + timedelta(weeks=amount)
    months = amount * (12 if unit == "y" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
