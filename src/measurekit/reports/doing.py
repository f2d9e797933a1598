"""The handout's "How are we doing?" and "Since last time" sections.

"Is the population better off?" shows the result's population indicators, and "How are
we doing?" every partner's and shared measure, each with data as a small line chart
(curve.py) with its forecast, its status by the rule of progress.py, its run and its
comparison with the forecast in words, and the story behind the curve; each is left out
of a handout whose curves have no data yet. "Since last time" is `measurekit diff`
against an earlier version (`report --since REV`).

Example:
    html = how_are_we_doing(worksheet, as_of=date(2026, 12, 31))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from ..core.model import Indicator, Worksheet
from ..core.progress import BAD, GOOD, Curve, Progress, forecast_streak, number, progress
from ..core.record import INDICATOR, SHARED, every_curve
from .curve import Figures, curve
from .formats import Report
from .trend import label

CSS = """
.curves { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr));
  gap: 10px 14px; }
.curve-card { border: 1px solid var(--rule); padding: 6px 8px; break-inside: avoid;
  page-break-inside: avoid; }
.curve-card h3 { margin: 0 0 2px; font-size: 9.5pt; }
.curve-card .whose { color: var(--muted); font-size: 8.5pt; margin: 0; }
.curve-card .status { margin: 2px 0; font-weight: bold; font-size: 9pt; }
.curve-card .target { margin: 0 0 2px; font-size: 9pt; color: var(--muted); }
.curve-card .no-chart { font-size: 9pt; font-style: italic; color: var(--muted); margin: 4px 0; }
.curve-card.good .status { color: #1b6b3a; }
.curve-card.bad .status { color: #a40000; }
.curve-card .story { font-size: 9pt; margin: 4px 0 0; }
.curve-card .turning { margin: 2px 0; font-size: 9pt; font-style: italic; }
.curve-card svg { display: block; width: 100%; height: auto; }
"""


Card = Callable[[str, Curve, date], str]  # whose, the curve, as of: its card or ""


def how_are_we_doing(ws: Worksheet, as_of: date, card: Card | None = None) -> str:
    """The section as HTML, or "" when no measure has a data point yet.

    `card` draws one curve's card (curve_card, or the live page's, which keeps the
    cards of the curves that did not change).
    """
    measures = [(whose, m) for _, whose, m in every_curve(ws) if not isinstance(m, Indicator)]
    body = _cards(measures, as_of, card or curve_card)
    if not body:
        return ""
    return (
        '<section id="doing"><h2>How are we doing?</h2>'
        f'<p class="intro">Each measure\'s data as of {_date(as_of)}: the points, the '
        "latest with its value, the target (thin line), the forecast of where the curve goes "
        "if nothing changes (dashed) and the pace line from the first point to the target "
        "(dotted).</p>"
        f"{body}</section>"
    )


def partner_curves(ws: Worksheet, partner_id: str, as_of: date) -> str:
    """A partner's page's "How are we doing?": its own measures and the shared ones it is in."""
    shared = {s.id for s in ws.shared_measures if partner_id in s.partners}
    mine = [
        (whose, m)
        for owner, whose, m in every_curve(ws)
        if owner == partner_id or (whose == SHARED and m.id in shared)
    ]
    body = _cards(mine, as_of, curve_card)
    return f'<h3 class="doing">How are we doing?</h3>{body}' if body else ""


def population(ws: Worksheet, as_of: date, card: Card | None = None) -> str:
    """"Is the population better off?": the result's indicators, or "" without data."""
    body = _cards([(INDICATOR, i) for i in ws.indicators], as_of, card or curve_card)
    if not body:
        return ""
    return (
        '<section id="population"><h2>Is the population better off?</h2>'
        f'<p class="intro">The result\'s population indicators as of {_date(as_of)}, '
        "above what any one partner does: the curve, its forecast (dashed) and its target "
        "(thin line).</p>"
        f"{body}</section>"
    )


def _cards(curves: Sequence[tuple[str, Curve]], as_of: date, card: Card) -> str:
    """A chart card for each curve with data, and the names of those with a target but none."""
    from .html import html_text

    cards, without = [], []
    for whose, m in curves:
        drawn = card(whose, m, as_of)
        if drawn:
            cards.append(drawn)
        elif m.target is not None:
            without.append(f"{whose}: {m.name}")
    if not cards:
        return ""
    missing = ""
    if without:
        missing = '<p class="notes">No data yet for: ' + html_text("; ".join(without)) + ".</p>"
    return f'<div class="curves">{"".join(cards)}</div>{missing}'


def curve_card(whose: str, m: Curve, as_of: date) -> str:
    """One curve's card: its chart, status, run and story; "" while it has no data point."""
    from .html import html_text, lines_html, paragraphs_html

    p = progress(m, as_of)
    if not p.points:
        return ""
    tone = "good" if p.status in GOOD else "bad" if p.status in BAD else ""
    figures = Figures.of(m)
    target = ""
    if m.target is not None:
        by = f" by {m.target_date.isoformat()}" if m.target_date else ""
        aim = f"target {figures.written(m.target)}{by}"
        target = f'<p class="target">{lines_html(aim)}</p>'
    words = curve_words(m, p)
    turning = f'<p class="turning">{html_text("; ".join(words))}</p>' if words else ""
    no_chart = '<p class="no-chart">No chart: the values are not numbers.</p>'
    chart = curve(m, as_of, p, figures) or no_chart
    story = f'<div class="story">{paragraphs_html(m.story)}</div>' if m.story else ""
    return (
        # data-curve lets the live page find the indicator being asked about (live/page.py).
        f'<div class="curve-card {tone}" data-curve="{html_text(m.id)}">'
        f'<p class="whose">{html_text(whose)}</p>'
        f"<h3>{html_text(m.name)}</h3>"
        f'<p class="status">{lines_html(status_words(m, p, as_of, figures))}</p>'
        f"{target}{turning}{chart}{story}</div>"
    )


def status_words(m: Curve, p: Progress, as_of: date, figures: Figures) -> str:
    """The status in plain words, each figure with its unit.

    Example: "on track: 82% now, 80.9% needed by today"
    """
    latest, first = p.latest, p.first
    if latest is None or first is None:
        return label(p.status)
    today = latest.date == as_of
    now = f"{figures.written(latest.value)} {'now' if today else f'on {latest.date.isoformat()}'}"
    if p.status == "not_numeric":
        if number(latest.value) is None:
            return f'values are not numbers: the latest is "{latest.value}"'
        return f'the target "{m.target}" is not a number: {now}'
    if p.status in ("on_track", "off_track") and p.pace is not None:
        needed = figures.computed(float(p.pace))
        return f"{label(p.status)}: {now}, {needed} needed by {'today' if today else 'then'}"
    if p.status == "met":
        return f"met: {now}, target {figures.written(m.target)}"
    if p.status == "too_few_points":
        return f"one point so far: {now}"
    if p.status == "no_direction":
        return f"which way is better is not written: {now}"
    since = f"{figures.written(first.value)} on {first.date.isoformat()}"
    return f"{label(p.status)}: {now}, from {since}"


def _date(day: date) -> str:
    return f'<span class="nowrap">{day.isoformat()}</span>'


def _periods(n: int) -> str:
    return f"{n} period" + ("" if n == 1 else "s")


def curve_words(m: Curve, p: Progress) -> list[str]:
    """The run and the comparison with the forecast, in words.

    Example: ["better for 2 periods", "better than forecast for 3 periods: turning the curve"]
    """
    words = []
    if p.run and p.run_direction:
        way = "no change" if p.run_direction == "flat" else p.run_direction
        words.append(f"{way} for {_periods(p.run)}")
    against, count = forecast_streak(m, p)
    if against == "better":
        words.append(f"better than forecast for {_periods(count)}: turning the curve")
    elif against == "worse":
        words.append(f"worse than forecast for {_periods(count)}")
    elif against == "same":
        words.append(f"as forecast for {_periods(count)}: the curve has not turned yet")
    return words


def since_last_time(changes: Report | None) -> str:
    """The "Since last time" section from `diff`'s report, or "" without --since."""
    if changes is None:
        return ""
    from .html import html_text, report_table

    facts = dict(changes.facts)
    return (
        '<section id="since"><h2>Since last time</h2>'
        f'<p class="intro">What changed since {html_text(facts["From"])}.</p>'
        f"{report_table(changes)}</section>"
    )
