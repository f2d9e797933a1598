"""The handout: one self-contained HTML page to email or print after the meeting.

Everything is inline (CSS and the SVG chart) and a Content-Security-Policy forbids
loading anything or running any script, so the page works offline and a
worksheet's text can never turn into active content. Every piece of user text
goes through `html.html_text` (or the chart's own XML escaping).

The page is the list SECTIONS, in the worksheet's order: each section is one function
of the Context returning its HTML (or "" to leave it out), so adding a section is one
function and one line. `audience="partners"` leaves out the reflection, the gaps,
every free-text note and the team's read of the desired partners (audience.py);
`partner_ids` makes one page per partner instead.

Example:
    >>> page = build(worksheet, "ws.yaml", as_of=date(2026, 12, 15), audience="partners")
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..core.model import Worksheet
from . import actions, chart, doing, gaps_report, matrix
from .audience import AUDIENCES, changes_for_partners, for_partners
from .formats import Report
from .handout_parts import (
    REFLECTION_LABELS,
    Context,
    next_steps_table,
    partner_card,
    partners_table,
    shared_table,
    summary_table,
    work_plan_table,
)
from .html import CSS, html_text, lines_html, paragraphs_html, report_table

PORTRAIT_COLUMNS = 5  # shared measures the matrix fits across a portrait page
__all__ = ["AUDIENCES", "REFLECTION_LABELS", "SECTIONS", "Context", "build", "paragraphs_html"]


def _section(ident: str, title: str, body: str, intro: str = "") -> str:
    intro_html = f'<p class="intro">{intro}</p>' if intro else ""
    return f'<section id="{ident}"><h2>{title}</h2>{intro_html}{body}</section>'


def result_section(ctx: Context) -> str:
    ws = ctx.ws
    body = paragraphs_html(ws.action_plan) if ws.action_plan else ""
    if ctx.team and ws.notes:
        body += f"<h3>Notes</h3>{paragraphs_html(ws.notes)}"
    if not body:
        return ""
    return _section("result", "The result and its action plan", body)


def chart_figure(ws: Worksheet, highlight: str | None = None) -> str:
    """The chart inline, `highlight`'s lines picked out."""
    return f'<div class="figure">{chart.build(ws, inline=True, highlight=highlight)}</div>'


def chart_section(ctx: Context) -> str:
    intro = (
        "Partners critical to the result; each measure they share is a line joining its partners."
    )
    return _section("chart", "The result in the center", chart_figure(ctx.ws), intro)


def since_section(ctx: Context) -> str:
    return doing.since_last_time(ctx.since)


def population_section(ctx: Context) -> str:
    return doing.population(ctx.ws, ctx.as_of)


def doing_section(ctx: Context) -> str:
    return doing.how_are_we_doing(ctx.ws, ctx.as_of)


def summary_section(ctx: Context) -> str:
    return _section("summary", "Shared performance measure table", summary_table(ctx.ws))


def partners_section(ctx: Context) -> str:
    intro = "Everyone critical to the result, engaged or not yet."
    return _section("partners", "Step 1: the critical partners", partners_table(ctx.ws), intro)


def _cards(ctx: Context, status: str) -> str:
    cards = [partner_card(ctx.ws, p, team=ctx.team) for p in ctx.ws.partners if p.status == status]
    return "".join(cards) or '<p class="empty">None yet.</p>'


def current_section(ctx: Context) -> str:
    intro = "For each partner already in the work: its contribution, strategy and measures."
    return _section("current", "Step 2: current partners", _cards(ctx, "current"), intro)


def shared_section(ctx: Context) -> str:
    ws = ctx.ws
    data = matrix.compute(ws)
    report = matrix.build(ws)
    rows = ["flagged" if data.shares_nothing(p) else "" for p in data.partners]
    heads = [""] + ["flagged" if data.too_few(s) else "" for s in data.shared]
    grid = report_table(
        report,
        row_classes=rows,
        header_classes=heads,
        drop=() if any(rows) else (len(report.columns) - 1,),
    )
    body = shared_table(ws, team=ctx.team)
    if ws.shared_measures:
        matrix_html = (
            '<h3 id="matrix">Who shares which measure</h3><p class="intro">Partners down, '
            "shared measures across; under each mark, the partner's own measures that feed "
            f"the shared one.</p>{grid}"
        )
        # Past a few shared measures the columns only fit across a landscape page.
        wide = len(data.shared) > PORTRAIT_COLUMNS
        body += f'<div class="wide">{matrix_html}</div>' if wide else matrix_html
    return _section("shared", "Shared measures", body)


def work_plan_section(ctx: Context) -> str:
    return _section("work-plan", "Work plan", work_plan_table(ctx))


def next_steps_section(ctx: Context) -> str:
    report = actions.build(ctx.ws, ctx.as_of, days=ctx.days)
    summary = dict(report.facts).get("Summary")
    intro = lines_html(f"Status as of {ctx.as_of.isoformat()}: {summary}.") if summary else ""
    return _section("next-steps", "Next steps", next_steps_table(ctx), intro)


def desired_section(ctx: Context) -> str:
    intro = (
        "Partners not yet engaged: what we think they could bring, and how to engage them."
        if ctx.team
        else "Partners not yet at the table, and what we hope they could bring."
    )
    return _section("desired", "Step 3: desired partners", _cards(ctx, "desired"), intro)


def reflection_section(ctx: Context) -> str:
    if not ctx.team:
        return ""
    out = []
    for field, label in REFLECTION_LABELS.items():
        answer = getattr(ctx.ws.reflection, field)
        if field == "notes" and answer is None:
            continue
        out.append(f"<h3>{label}</h3>")
        out.append(
            paragraphs_html(answer) if answer else '<p class="answer empty">Not answered yet.</p>'
        )
    return _section("reflection", "Reflection", "".join(out))


def gaps_section(ctx: Context) -> str:
    if not ctx.team:
        return ""
    gaps = gaps_report.build(ctx.ws, ctx.file)
    # The fix commands are for the consultant at the terminal, not for the page.
    return _section(
        "gaps", "Still to do on the worksheet", report_table(gaps, drop=(2,), notes=False)
    )


Section = Callable[[Context], str]
SECTIONS: list[Section] = [
    result_section,
    since_section,
    population_section,  # the population's curves above what any one partner does
    doing_section,
    chart_section,  # printed on a landscape page of its own: not first, to leave none empty
    summary_section,
    partners_section,
    current_section,
    shared_section,
    work_plan_section,
    next_steps_section,
    desired_section,
    reflection_section,
    gaps_section,
]


def partner_page(ctx: Context, partner_id: str) -> str:
    """One partner's page: its rows, the shared measures it is in, its commitments."""
    p = ctx.ws.partner(partner_id)
    assert p is not None  # checked by build
    shared = [s for s in ctx.ws.shared_measures if p.id in s.partners]
    own = ctx.ws.model_copy(update={"shared_measures": shared})
    place = ""
    if p.status == "current":
        place = (
            '<div class="partner-chart"><h3>Its place in the result in the center</h3>'
            '<p class="intro">Its lines are picked out in colour: the measures it shares; '
            f"the others are grey.</p>{chart_figure(ctx.ws, highlight=p.id)}</div>"
        )
    return (  # the chart last: in print it has a landscape page of its own
        f'<section class="partner-page" id="partner-{p.id}">'
        f"{partner_card(ctx.ws, p, team=ctx.team, step1=True)}"
        f"{doing.partner_curves(ctx.ws, p.id, ctx.as_of)}"
        f"<h3>Shared measures</h3>{shared_table(own, team=ctx.team)}"
        f"<h3>Work plan</h3>{work_plan_table(ctx, p.id)}"
        f"<h3>Next steps</h3>{next_steps_table(ctx, p.id)}{place}</section>"
    )


def build(
    ws: Worksheet,
    file: str,
    *,
    as_of: date,
    days: int = actions.DEFAULT_DAYS,
    since: Report | None = None,
    audience: str = "team",
    partner_ids: list[str] | None = None,
    sections: list[Section] | None = None,
) -> str:
    """The whole handout as one HTML document; with `partner_ids`, a page per partner;
    with `sections`, only those (the Word table is the summary alone)."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience: expected one of {AUDIENCES}, got {audience!r}")
    known = {p.id for p in ws.partners}
    unknown = [pid for pid in partner_ids or [] if pid not in known]
    if unknown:
        raise ValueError(f"partner_ids: no partner has the id {unknown[0]!r}")
    if audience == "partners":  # the team's own read stays with the team
        ws, since = for_partners(ws), since and changes_for_partners(since, ws)
    ctx = Context(ws, file, as_of, days, audience, since)
    if partner_ids:
        body = [partner_page(ctx, pid) for pid in dict.fromkeys(partner_ids)]
    else:
        body = [html for section in sections or SECTIONS if (html := section(ctx))]
    return "\n".join([*_head(ctx), *body, _footer(ctx), "</body></html>"]) + "\n"


def _head(ctx: Context) -> list[str]:
    ws = ctx.ws
    meta = [
        ("Facilitator", ws.facilitator),
        ("Worksheet updated", ws.updated and ws.updated.isoformat()),
        ("Actions as of", ctx.as_of.isoformat()),
    ]
    meta_html = "".join(f"<span><b>{k}</b>{lines_html(v)}</span>" for k, v in meta if v)
    return [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="generator" content="measurekit">',
        f"<title>{html_text(ws.title)}</title>",
        f"<style>{CSS}{doing.CSS}</style></head><body>",
        '<header><p class="kicker">Shared Performance Measures worksheet</p>',
        f"<h1>{html_text(ws.title)}</h1>",
        '<div class="result"><span class="label">Result in the center</span>',
        f"{html_text(ws.result).replace(chr(10), '<br>')}</div>",
        f'<div class="meta">{meta_html}</div></header>',
    ]


def _footer(ctx: Context) -> str:
    readers = "the team" if ctx.team else "the partners"
    return (
        f'<footer><p class="made-for">Prepared for {readers} on '
        f'<span class="nowrap">{ctx.as_of.isoformat()}</span>.</p>'
        f"<p>Made with measurekit from {html_text(Path(ctx.file).name)}. The Shared "
        "Performance Measures worksheet was synthesized by Jolie Bain Pillsbury.</p></footer>"
    )
