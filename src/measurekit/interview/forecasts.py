"""A proposed forecast shown on a small text curve, and kept on Enter.

`measurekit forecast` asks this for every proposal (core/forecast.py makes them);
the interview offers it after a measure's third point.

Example:
    keep_forecasts(path, measure=None, ask=lambda proposal: offer(TerminalAsker(), proposal))
"""

from __future__ import annotations

from ..core.forecast import Proposal
from ..core.model import Point
from . import wording_curve as w
from .asker import Asker, Confirm


def describe(points: list[Point]) -> str:
    """'2025-09-30: 61.4% → 2027-06-30: 97.1%': a forecast's points in one line."""
    return " → ".join(f"{p.date.isoformat()}: {p.value}" for p in points)


def offer(asker: Asker, proposal: Proposal, key: str = "forecast.keep") -> bool:
    """Show a proposal on a small curve and ask whether to keep it (Enter: keep)."""
    from ..reports.forecast_view import small_curve

    asker.say(f"{proposal.whose} · {proposal.name}", "note")
    asker.say(small_curve(proposal.history, proposal.forecast), "block")
    asker.say(w.FORECAST_LINE.format(points=describe(proposal.forecast)))
    return bool(asker.ask(Confirm(key, w.FORECAST_KEEP, default=True)))
