"""The live page's content: the handout's own sections, as blocks the page patches in place.

A view is a list of blocks (an id and its HTML) in the order they stand on the page:
the result in the center, the chart, the population's indicators, the four-column
summary table, the shared measures, the next steps and, once there is data, the
curves. Each is rendered by the handout's section function (reports/handout.py), so
its escaping and its choice of what partners see are the handout's:
`audience="partners"` leaves out what the handout leaves out for them. The page sends
the browser only the blocks that changed.

Example:
    >>> blocks(worksheet, "ws.yaml", date(2027, 1, 15))[0][0]
    'head'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core.fieldtypes import SLUG_RE
from ..core.model import Worksheet
from ..reports import handout
from ..reports.html import html_text, lines_html
from .view import item_fields, item_id

# Where each part of the interview shows on the page: a heading key -> a block.
SECTION_BLOCKS = {
    "details": "head",
    "partners": "summary",
    "current": "summary",
    "desired": "summary",
    "shared": "shared",
    "next": "next-steps",
}
# The item being asked about, by its kind: the attribute that marks it in a block.
ITEM_MARKS = {"partner": "data-partner", "measure": "data-measure", "shared": "data-shared"}
_SECTIONS = (
    ("chart", handout.chart_section),
    ("plan", handout.result_section),
    ("population", handout.population_section),  # is the population better off?
    ("summary", handout.summary_section),
    ("shared", handout.shared_section),
    ("next-steps", handout.next_steps_section),
    ("doing", handout.doing_section),
)


@dataclass(frozen=True)
class View:
    """One state of the page: blocks in order, a banner (a problem), where the interview is."""

    version: int = 0
    blocks: tuple[tuple[str, str], ...] = ()
    banner: str = ""
    focus: dict[str, str] = field(default_factory=dict)
    now: str = ""

    def state(self, sent: dict[str, str] | None = None) -> dict[str, Any]:
        """The view as the browser takes it; a block already `sent` as it is now goes as null."""
        sent = sent or {}
        return {
            "version": self.version,
            "blocks": [[bid, None if sent.get(bid) == html else html]
                       for bid, html in self.blocks],
            "banner": self.banner,
            "focus": self.focus,
            "now": self.now,
        }


# The curves are most of a render (a chart per measure): they are drawn again only when
# what they show may have changed. Their key is the worksheet without what they never
# read (the worksheet's own text, the plans and steps, the partners' free text), so that
# a field added to the model is in the key, and the worst a mistake here costs is speed.
# tests/test_live.py changes each field left out and sees the curves unchanged.
CURVES_IGNORE: dict[str, Any] = {
    "title": True, "result": True, "action_plan": True, "facilitator": True, "updated": True,
    "notes": True, "work_plan": True, "next_steps": True, "reflection": True,
    "partners": {"__all__": {"why_critical", "why_not_engaged", "contribution", "strategy",
                             "engagement_plan", "notes"}},
}


class Renderer:
    """Renders a worksheet's blocks, keeping the curves while what they show stays the same."""

    def __init__(self) -> None:
        self._curves: tuple[Any, str] | None = None

    def doing(self, ctx: handout.Context) -> str:
        key = (ctx.as_of, ctx.audience, ctx.ws.model_dump_json(exclude=CURVES_IGNORE))
        if self._curves is None or self._curves[0] != key:
            self._curves = (key, handout.doing_section(ctx))
        return self._curves[1]

    def blocks(self, ws: Worksheet, file: str, as_of: date,
               audience: str = "team") -> list[tuple[str, str]]:
        """The page's blocks for the worksheet, in order; empty sections are left out."""
        ctx = handout.Context(ws, file, as_of, audience=audience)
        out = [("head", _head(ws))]
        for bid, section in _SECTIONS:
            html = self.doing(ctx) if section is handout.doing_section else section(ctx)
            if html:
                out.append((bid, html))
        return out


def blocks(ws: Worksheet, file: str, as_of: date,
           audience: str = "team") -> list[tuple[str, str]]:
    """The page's blocks for the worksheet, in order (without a Renderer's memory)."""
    return Renderer().blocks(ws, file, as_of, audience)


def _head(ws: Worksheet) -> str:
    return (
        '<header><p class="kicker">Shared Performance Measures worksheet</p>'
        f"<h1>{html_text(ws.title)}</h1>"
        '<div class="result"><span class="label">Result in the center</span>'
        f"{lines_html(ws.result)}</div></header>"
    )


def focus(section: str, kind: str, item: Any) -> dict[str, str]:
    """What the browser highlights: a block, and within it the item asked about, if shown."""
    out: dict[str, str] = {}
    if section in SECTION_BLOCKS:
        out["block"] = SECTION_BLOCKS[section]
    ident = item_id(item)
    if kind in ITEM_MARKS and isinstance(ident, str) and SLUG_RE.match(ident):
        out["select"] = f'[{ITEM_MARKS[kind]}="{ident}"]'  # a slug: safe in a selector
        out["key"] = f"{kind}:{ident}"
    else:
        out["key"] = section
    return out


def now_panel(heading: str, question: str, item: Any, audience: str = "team") -> str:
    """The bar at the foot of the page: the part, the question, the answers typed so far.

    Partners in the room see the part and the item's name only: the answers may be the
    team's own read of them (why a partner is not engaged, the plan to engage it).
    """
    answers = item_fields(item)
    if audience != "team":
        answers = [(k, v) for k, v in answers if k == "name"]
    parts = [f'<span class="where">{html_text(heading)}</span>'] if heading else []
    if question:
        parts.append(f'<span class="question">{html_text(_plain(question))}</span>')
    if answers:
        shown = " · ".join(f"<b>{html_text(k)}</b> {html_text(_short(v))}" for k, v in answers)
        parts.append(f'<span class="answers">{shown}</span>')
    return "".join(parts)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _short(text: str, room: int = 90) -> str:
    text = _plain(text)
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"
