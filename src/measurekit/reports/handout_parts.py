"""The typeset pieces of the handout: the Context every piece is made for, the summary
table, partner cards, and the tables of step 1, the shared measures, the work plan and
the next steps.

Each takes the worksheet (and whether the team's free-text notes may be shown) and
returns HTML; user text goes through `html.lines_html` or `html.paragraphs_html`.

Example:
    >>> measure_item(measure, team=False)
    'Youth diverted<span class="badge">Hypothesized</span> ...'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.model import Measure, Partner, Worksheet
from ..core.vocabulary import MEASURE_TYPE_LABELS as TYPE_LABELS
from . import actions
from .formats import Report
from .html import bullets, lines_html, paragraphs_html
from .shared import feeding
from .table import measures_by_type, numbers_text, shared_by_partner


@dataclass
class Context:
    """What every section needs: the worksheet, the date the page is made for, its readers."""

    ws: Worksheet
    file: str
    as_of: date
    days: int = actions.DEFAULT_DAYS
    audience: str = "team"
    since: Report | None = None  # diff's report, for `report --since REV`

    @property
    def team(self) -> bool:
        """True when the page may carry the team's own notes, gaps and reflection."""
        return self.audience == "team"


# Our own words for the worksheet's reflection questions.
REFLECTION_LABELS = {
    "systems_challenges": "Challenges that come from the systems",
    "role_challenges": "Challenges that come from roles",
    "conversations_needed": "Conversations that would support high action and high alignment",
    "competition": "Where competition shows up",
    "fragmentation": "Where the pull toward fragmentation shows up",
    "results_culture": "How the results culture can support the work",
    "notes": "Other notes",
}
BADGE = '<span class="badge" title="a guess not yet confirmed with the partner">Hypothesized</span>'


def numbers_html(baseline: object, target: object, when: object) -> str:
    text = numbers_text(baseline, target, when)  # type: ignore[arg-type]
    return lines_html(text).replace(" -&gt; ", " → ")


def measure_item(m: Measure, *, team: bool, detail: bool = True) -> str:
    """A measure as one list item: name, badge, numbers; data source and notes with `detail`."""
    # data-* ids let the live page find the item being asked about (live/page.py).
    out = f'<span data-measure="{m.id}"><b>{lines_html(m.name)}</b></span>'
    out += BADGE if m.hypothesized else ""
    numbers = numbers_html(m.baseline, m.target, m.target_date)
    if numbers:
        out += f' <span class="numbers">{numbers}</span>'
    if detail and m.data_source:
        out += f' <span class="source">Data: {lines_html(m.data_source)}</span>'
    if detail and m.direction:
        out += f' <span class="source">Better when it goes {m.direction}.</span>'
    if detail and m.history:
        points = ", ".join(
            f"{p.value} on {p.date.isoformat()}" + (f" ({p.note})" if p.note else "")
            for p in m.history
        )
        out += f' <span class="source">Measured: {lines_html(points)}</span>'
    if detail and m.story:
        out += f' <span class="source">Story: {lines_html(m.story)}</span>'
    if detail and team and m.notes:
        out += f' <span class="source">Notes: {lines_html(m.notes)}</span>'
    return out


def measures_html(p: Partner, *, team: bool, detail: bool = True) -> str:
    """The partner's measures under a heading per type (how much, how well, better off)."""
    out = ""
    for key, ms in measures_by_type(p).items():
        if ms:
            items = [measure_item(m, team=team, detail=detail) for m in ms]
            out += f"<h4>{TYPE_LABELS[key]}</h4>" + bullets(items)
    return out


def _table(cls: str, widths: list[str], heads: list[str], rows: list[tuple[str, list[str]]]) -> str:
    cols = "".join(f'<col class="{w}">' for w in widths)
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    body = "".join(
        f"<tr{f' class={chr(34)}{c}{chr(34)}' if c else ''}>"
        + "".join(f"<td>{cell}</td>" for cell in cells)
        + "</tr>"
        for c, cells in rows
    )
    return (
        f'<table class="{cls}"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _flow(text: str | None) -> str:
    """Free text in a cell: reflowed paragraphs, or nothing."""
    return paragraphs_html(text) if text else ""


def _who(p: Partner) -> str:
    return (f'<span data-partner="{p.id}"><b>{lines_html(p.name)}</b></span>'
            f'<span class="kind">{p.kind}, {p.status}</span>')


def summary_table(ws: Worksheet) -> str:
    """The template's four columns, typeset: measure types as headings, lists as bullets."""
    if not ws.partners:
        return '<p class="empty">No partners yet.</p>'
    shared_of = shared_by_partner(ws)
    rows: list[tuple[str, list[str]]] = []
    for p in ws.ordered_partners():
        contribution = (
            paragraphs_html(p.contribution)
            if p.contribution
            else '<p class="empty">No contribution yet.</p>'
        )
        shared = [lines_html(s.name) for s in shared_of.get(p.id, [])]
        strategy = paragraphs_html(p.strategy) if p.strategy else ""
        cells = [_who(p), contribution + measures_html(p, team=False, detail=False), strategy]
        rows.append((p.status, [*cells, bullets(shared)]))
    return _table(
        "summary",
        ["who", "contribution", "strategy", "shared"],
        [
            "Who can contribute?",
            "Their contribution and performance measures",
            "Strategy to leverage the contribution",
            "Measures shared for aligned action",
        ],
        rows,
    )


def partners_table(ws: Worksheet) -> str:
    """Step 1: each critical partner, its kind and status, why it is critical (and not engaged)."""
    if not ws.partners:
        return '<p class="empty">No partners yet.</p>'
    desired = any(p.status == "desired" and p.why_not_engaged for p in ws.partners)
    rows = []
    for p in ws.ordered_partners():
        cells = [_who(p), _flow(p.why_critical)]
        if desired:
            cells.append(_flow(p.why_not_engaged))
        rows.append(("", cells))
    heads = ["Partner", "Why the result needs them"]
    heads += ["Why they may not be engaged yet"] if desired else []
    return _table("partners", ["who", "why", "why-not"][: len(heads)], heads, rows)


def partner_card(ws: Worksheet, p: Partner, *, team: bool, step1: bool = False) -> str:
    """Steps 2 and 3 for one partner (and step 1 too with `step1`): a card with its answers."""
    guess = p.status == "desired"
    fields: list[tuple[str, str | None]] = []
    if step1:
        fields += [("Why the result needs them", p.why_critical)]
        fields += [("Why they may not be engaged", p.why_not_engaged)] if guess else []
    fields += [
        ("Hypothesized contribution" if guess else "Contribution", p.contribution),
        ("Strategy", p.strategy),
    ]
    fields += [("Plan to engage them", p.engagement_plan)] if guess else []
    fields += [("Notes", p.notes)] if team else []
    dl = "".join(f"<dt>{k}</dt><dd>{_flow(v)}</dd>" for k, v in fields if v)
    measures = measures_html(p, team=team) or '<p class="empty">No measures yet.</p>'
    return (
        f'<article class="card {p.kind} {p.status}" id="card-{p.id}">'
        f'<h3>{lines_html(p.name)}</h3><p class="intro">{p.kind} partner, {p.status}</p>'
        f"{f'<dl>{dl}</dl>' if dl else ''}<h4>Performance measures</h4>{measures}</article>"
    ).replace("<h4>Performance measures</h4><h4>", "<h4>")


def shared_table(ws: Worksheet, *, team: bool) -> str:
    """Each shared measure: definition, numbers, partners and the measures feeding it."""
    if not ws.shared_measures:
        return '<p class="empty">No measures shared across partners yet.</p>'
    names = {p.id: p.name for p in ws.partners}
    fed = feeding(ws)
    rows = []
    for s in ws.shared_measures:
        # The team's notes go under the definition: a column of its own is mostly empty.
        notes = f'<p class="source">Notes: {lines_html(s.notes)}</p>' if team and s.notes else ""
        cells = [
            f'<span data-shared="{s.id}"><b>{lines_html(s.name)}</b></span>',
            _flow(s.definition) + notes,
            numbers_html(s.baseline, s.target, s.target_date),
            bullets([lines_html(names.get(pid, pid)) for pid in s.partners]),
            bullets(
                [
                    f"{lines_html(fed[m][0].name)} ({lines_html(fed[m][1].name)})"
                    for m in s.measures
                    if m in fed
                ]
            ),
        ]
        rows.append(("", cells))
    heads = ["Shared measure", "Definition", "Baseline → target", "Partners", "Fed by"]
    return _table("shared", ["name", "definition", "numbers", "partners", "fed"], heads, rows)


def _status_cell(a: actions.Action, ctx: Context) -> tuple[str, str]:
    status = a.status(ctx.as_of, ctx.days)
    return status, lines_html(actions.status_label(status, a, ctx.as_of))


def work_plan_table(ctx: Context, partner_id: str | None = None) -> str:
    """The work plan: what, lead, partners, start, due, and whether it is done (or late)."""
    ws = ctx.ws
    names = {p.id: p.name for p in ws.partners}
    first = len(ws.next_steps)  # collect() numbers work items after the next steps
    rows = []
    for a in actions.collect(ws):
        if a.source != "work_plan" or (partner_id and partner_id not in a.partners):
            continue
        status, label = _status_cell(a, ctx)
        notes = ws.work_plan[a.order - first].notes
        what = lines_html(a.what) + (
            f'<br><span class="source">{lines_html(notes)}</span>' if ctx.team and notes else ""
        )
        dates = [lines_html(d.isoformat()) if d else "" for d in (a.start, a.by_when)]
        partners = bullets([lines_html(names.get(pid, pid)) for pid in a.partners])
        rows.append((status, [label, what, lines_html(a.lead or ""), partners, *dates]))
    if not rows:
        return '<p class="empty">No work-plan items.</p>'
    heads = ["Status", "What", "Lead", "Partners", "Start", "Due"]
    return _table("work-plan", ["status", "what", "lead", "partners", "date", "date"], heads, rows)


def next_steps_table(ctx: Context, partner_id: str | None = None) -> str:
    """Who will do what, with whom, by when: open ones first by date, then the done ones."""
    ws = ctx.ws
    names = {p.id: p.name for p in ws.partners}
    rows = []
    for a in actions.collect(ws):
        if a.source != "next_step" or (partner_id and a.partner != partner_id):
            continue
        status, label = _status_cell(a, ctx)
        notes = ws.next_steps[a.order].notes
        what = lines_html(a.what) + (
            f'<br><span class="source">{lines_html(notes)}</span>' if ctx.team and notes else ""
        )
        partner = lines_html(names.get(a.partner, a.partner)) if a.partner else ""
        step = f" (step {a.step})" if a.step else ""
        by_when = lines_html(a.by_when.isoformat()) if a.by_when else ""
        cells = [label, by_when, lines_html(a.who or ""), what, lines_html(a.with_whom or "")]
        rows.append((status, [*cells, partner + step]))
    if not rows:
        return '<p class="empty">No next steps.</p>'
    heads = ["Status", "By when", "Who", "What", "With whom", "Partner"]
    widths = ["status", "date", "who", "what", "with", "partner"]
    return _table("next-steps", widths, heads, rows)
