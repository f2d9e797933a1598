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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core.fieldtypes import SLUG_RE
from ..core.model import Worksheet
from ..reports import doing, handout
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
# The item being asked about, by its kind: the attribute that marks it in a block, and
# the block it is in when that is not its section's (an indicator, asked among the
# worksheet's details, stands on its own curve; without data yet, the header shows).
ITEM_MARKS = {"partner": "data-partner", "measure": "data-measure", "shared": "data-shared",
              "indicator": "data-curve"}
ITEM_BLOCKS = {"indicator": "population"}
Section = Callable[[handout.Context], str]
_SECTIONS: tuple[tuple[str, Section], ...] = (
    ("chart", handout.chart_section),
    ("plan", handout.result_section),
    ("population", handout.population_section),  # is the population better off?
    ("summary", handout.summary_section),
    ("shared", handout.shared_section),
    ("next-steps", handout.next_steps_section),
    ("doing", handout.doing_section),
)


# The sections made of curve cards: the same functions the handout's sections call, with
# the Renderer's memory of cards.
_CARDS = {"population": doing.population, "doing": doing.how_are_we_doing}


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


# A section is drawn again only when what it may show changed. Its key is the worksheet
# without what it never reads (pydantic's `exclude`), so that a field added to the model
# is in every key, and the worst a mistake here costs is speed. tests/test_live.py changes
# each field left out and sees the section unchanged. The curves are most of a render (a
# chart per measure); the other sections never read the measures' points, which are most
# of the file, so recording a round of data draws only the curves again.
_TEXT = {"title": True, "action_plan": True, "facilitator": True, "updated": True,
         "notes": True, "reflection": True}
_POINTS = {"history", "forecast"}
CURVES_IGNORE: dict[str, Any] = {
    **_TEXT, "result": True, "work_plan": True, "next_steps": True,
    "partners": {"__all__": {"why_critical", "why_not_engaged", "contribution", "strategy",
                             "engagement_plan", "notes"}},
}
SHAPE_IGNORE: dict[str, Any] = {  # the chart's title is the result
    **_TEXT, "indicators": True,
    "partners": {"__all__": {"measures": {"__all__": _POINTS}}},
    "shared_measures": {"__all__": _POINTS},
}
KEPT = {"chart": SHAPE_IGNORE, "summary": SHAPE_IGNORE, "shared": SHAPE_IGNORE,
        "next-steps": SHAPE_IGNORE, "doing": CURVES_IGNORE}


class Renderer:
    """Renders a worksheet's blocks, keeping each section while what it shows stays the same."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[Any, str]] = {}  # block id -> (key, html)
        # Within the curves, each card is kept while its curve is the same: recording a
        # round of data draws the cards of the curves it changed, not every card again.
        # A section's memory holds the cards of its last drawing only.
        self.cards: dict[str, dict[tuple[Any, ...], str]] = {}  # block id -> cards

    def _draw(self, bid: str, section: Section, ctx: handout.Context) -> str:
        if bid not in _CARDS:
            return section(ctx)
        before, drawn = self.cards.get(bid, {}), {}

        def card(whose: str, curve: Any, as_of: date) -> str:
            key = (whose, as_of, type(curve).__name__, curve.model_dump_json())
            html = before.get(key)
            drawn[key] = doing.curve_card(whose, curve, as_of) if html is None else html
            return drawn[key]

        html = _CARDS[bid](ctx.ws, ctx.as_of, card)
        self.cards[bid] = drawn
        return html

    def blocks(self, ws: Worksheet, file: str, as_of: date,
               audience: str = "team") -> list[tuple[str, str]]:
        """The page's blocks for the worksheet, in order; empty sections are left out."""
        ctx = handout.Context(ws, file, as_of, audience=audience)
        dumps: dict[int, str] = {}  # one dump per ignore set, shared by its sections
        out = [("head", _head(ws))]
        for bid, section in _SECTIONS:
            ignore = KEPT.get(bid)
            if ignore is None:
                html = self._draw(bid, section, ctx)
            else:
                if id(ignore) not in dumps:
                    dumps[id(ignore)] = ws.model_dump_json(exclude=ignore)
                key = (as_of, audience, dumps[id(ignore)])
                kept = self.kept.get(bid)
                if kept is None or kept[0] != key:
                    kept = self.kept[bid] = (key, self._draw(bid, section, ctx))
                html = kept[1]
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
    if kind in ITEM_BLOCKS:
        out["near"], out["block"] = out.get("block", ""), ITEM_BLOCKS[kind]
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
