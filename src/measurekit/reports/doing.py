"""The handout's "How are we doing?" and "Since last time" sections.

"How are we doing?" shows, for every measure with data, a small line chart (curve.py),
its status by the rule of progress.py and the story behind the curve; it is left out
of a handout whose measures have no data yet. "Since last time" is `measurekit diff`
against an earlier version (`report --since REV`).

Example:
    html = how_are_we_doing(worksheet, as_of=date(2026, 12, 31))
"""

from __future__ import annotations

from datetime import date

from ..core.model import Worksheet
from ..core.progress import BAD, GOOD, progress
from .curve import curve
from .formats import Report
from .trend import figure_text, label, rows

CSS = """
.curves { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr));
  gap: 10px 14px; }
.curve-card { border: 1px solid var(--rule); padding: 6px 8px; break-inside: avoid;
  page-break-inside: avoid; }
.curve-card h3 { margin: 0 0 2px; font-size: 9.5pt; }
.curve-card .whose { color: var(--muted); font-size: 8.5pt; margin: 0; }
.curve-card .status { margin: 2px 0; font-weight: bold; font-size: 9pt; }
.curve-card.good .status { color: #1b6b3a; }
.curve-card.bad .status { color: #a40000; }
.curve-card .story { font-size: 9pt; margin: 4px 0 0; }
.curve-card svg { display: block; max-width: 100%; height: auto; }
"""


def how_are_we_doing(ws: Worksheet, as_of: date) -> str:
    """The section as HTML, or "" when no measure has a data point yet."""
    from .html import html_text, paragraphs_html

    cards, without = [], []
    for _, whose, m in rows(ws):
        p = progress(m, as_of)
        if not p.points:
            if m.target is not None:
                without.append(f"{whose}: {m.name}")
            continue
        tone = "good" if p.status in GOOD else "bad" if p.status in BAD else ""
        latest = p.latest
        facts = [label(p.status)]
        if latest is not None:
            facts.append(f"latest {latest.value} on {latest.date.isoformat()}")
        if m.target is not None:
            by = f" by {m.target_date.isoformat()}" if m.target_date else ""
            facts.append(f"target {m.target}{by}")
        if p.pace is not None and p.status in ("on_track", "off_track"):
            facts.append(f"pace {figure_text(p.pace)}")
        story = f'<div class="story">{paragraphs_html(m.story)}</div>' if m.story else ""
        cards.append(
            f'<div class="curve-card {tone}"><p class="whose">{html_text(whose)}</p>'
            f"<h3>{html_text(m.name)}</h3>"
            f'<p class="status">{html_text(" · ".join(facts))}</p>'
            f"{curve(m, as_of)}{story}</div>"
        )
    if not cards:
        return ""
    missing = ""
    if without:
        missing = (
            '<p class="notes">No data yet for: '
            + html_text("; ".join(without))
            + ".</p>"
        )
    return (
        '<section id="doing"><h2>How are we doing?</h2>'
        f'<p class="intro">Each measure\'s data as of {as_of.isoformat()}: the points, the '
        "target (dashed) and the pace line from the first point to the target (dotted).</p>"
        f'<div class="curves">{"".join(cards)}</div>{missing}</section>'
    )


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
