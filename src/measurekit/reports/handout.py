"""The handout: one self-contained HTML page to email or print after the meeting.

Everything is inline (CSS and the SVG chart) and a Content-Security-Policy forbids
loading anything or running any script, so the page works offline and a
worksheet's text can never turn into active content. Every piece of user text
goes through `html_text` (or the chart's own XML escaping).
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

from ..model import REFLECTION_FIELDS, Worksheet
from ..text import safe
from . import actions, chart, doing, gaps_report, matrix, table
from .formats import Report

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

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --accent: #1f4e79; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
  color: var(--ink); font-size: 10.5pt; line-height: 1.4; margin: 0 auto; max-width: 1040px;
  padding: 24px 28px; background: #fff; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 8px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: var(--accent);
  margin: 0 0 2px; font-weight: bold; }
h1 { font-size: 20pt; margin: 0 0 10px; line-height: 1.2; }
h2 { font-size: 13.5pt; color: var(--accent); margin: 26px 0 6px; padding-bottom: 3px;
  border-bottom: 1px solid var(--rule); break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 12px 0 2px; break-after: avoid; }
.result { background: #fff8d6; border-left: 6px solid #c9a400; padding: 8px 12px; margin: 8px 0;
  font-size: 12.5pt; font-weight: bold; }
.result .label { display: block; font-size: 8.5pt; text-transform: uppercase; letter-spacing: .08em;
  color: #7a6200; font-weight: bold; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 6px 0 0; color: var(--muted);
  font-size: 9.5pt; }
.meta b { color: var(--ink); margin-right: 4px; }
.intro { color: var(--muted); margin: 4px 0 8px; }
.nowrap { white-space: nowrap; }
.figure { break-inside: avoid; page-break-inside: avoid; text-align: center; }
.figure svg { width: 100%; height: auto; max-height: 235mm; }
table { width: 100%; border-collapse: collapse; font-size: 8.8pt; margin: 6px 0; }
thead { display: table-header-group; }
th { background: #eef3f8; text-align: left; vertical-align: bottom; }
th, td { border: 1px solid var(--rule); padding: 4px 6px; vertical-align: top;
  overflow-wrap: anywhere; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.mark { text-align: left; }
tr.overdue td { background: #fdeaea; }
tr.overdue td:first-child { color: #a40000; font-weight: bold; }
tr.due_soon td:first-child { color: #8a5300; font-weight: bold; }
tr.done td { color: #777; }
tr.flagged td:last-child, th.flagged { color: #8a5300; font-weight: bold; }
.notes { color: var(--muted); font-size: 9pt; margin: 4px 0; padding-left: 18px; }
.empty { font-style: italic; color: var(--muted); }
.answer { margin: 0 0 8px; }
footer { margin-top: 28px; border-top: 1px solid var(--rule); padding-top: 6px; color: var(--muted);
  font-size: 8.5pt; }
@page { margin: 14mm 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 10pt; }
  h2 { margin-top: 18px; }
  .figure svg { max-height: 165mm; }
}
"""


def html_text(text: str) -> str:
    """User text for HTML: control characters shown, markup characters escaped."""
    return escape(safe(text), quote=True)


def lines_html(text: str) -> str:
    return html_text(text).replace("\n", "<br>")


_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


def paragraphs_html(text: str) -> str:
    """Free text as paragraphs: a blank line starts one, a list item keeps its own line,
    and the hand-made line breaks of a `|` block are joined so the browser can reflow them."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        joined = lines[0]
        for line in lines[1:]:
            joined += ("\n" if _LIST_ITEM.match(line) else " ") + line.strip()
        out.append(f'<p class="answer">{lines_html(joined)}</p>')
    return "".join(out)


def report_table(
    report: Report,
    *,
    drop: tuple[int, ...] = (),
    row_classes: list[str] | None = None,
    header_classes: list[str] | None = None,
    notes: bool = True,
) -> str:
    """A Report's cells as an HTML table (the same cells the text and csv formats show)."""
    if not report.cells:
        return f'<p class="empty">{html_text(report.empty)}</p>'
    keep = [i for i in range(len(report.columns)) if i not in drop]
    # A column with a least width in the terminal (a date, a status) is kept on one line here too.
    nowrap = ["nowrap" if column.min_width else "" for column in report.columns]
    given = list(header_classes or [])
    given += [""] * (len(nowrap) - len(given))
    heads = [f"{h} {n}".strip() for h, n in zip(given, nowrap, strict=True)]
    head = "".join(
        f'<th scope="col"{_cls(heads, i)}>{lines_html(report.columns[i].header)}</th>' for i in keep
    )
    body = []
    for r, row in enumerate(report.cells):
        cls = f' class="{escape(row_classes[r])}"' if row_classes and row_classes[r] else ""
        tds = "".join(f"<td{_cls(nowrap, i)}>{lines_html(row[i])}</td>" for i in keep)
        body.append(f"<tr{cls}>{tds}</tr>")
    notes_html = ""
    if notes and report.notes:
        notes_html = (
            '<ul class="notes">'
            + "".join(f"<li>{html_text(n)}</li>" for n in report.notes)
            + "</ul>"
        )
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{notes_html}"
    )


def _cls(classes: list[str] | None, i: int) -> str:
    return f' class="{escape(classes[i])}"' if classes and i < len(classes) and classes[i] else ""


def build(ws: Worksheet, file: str, *, as_of: date, days: int = actions.DEFAULT_DAYS,
          since: Report | None = None) -> str:
    """The whole handout as one HTML document; `since` is diff's report for --since."""
    svg = chart.build(ws).split("\n", 1)[1]  # inline: drop the XML declaration
    matrix_data = matrix.compute(ws)
    matrix_report = matrix.build(ws)
    flagged_rows = [
        "flagged" if matrix_data.shares_nothing(p) else "" for p in matrix_data.partners
    ]
    flagged_heads = [""] + ["flagged" if matrix_data.too_few(s) else "" for s in matrix_data.shared]
    actions_report = actions.build(ws, as_of, days=days)
    statuses = [record["status"] for record in actions_report.records]
    gaps = gaps_report.build(ws, file)

    meta = [
        ("Facilitator", ws.facilitator),
        ("Worksheet updated", ws.updated and ws.updated.isoformat()),
        ("Actions as of", as_of.isoformat()),
    ]
    meta_html = "".join(f"<span><b>{k}</b>{html_text(v)}</span>" for k, v in meta if v)
    parts = [
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
        f"{lines_html(ws.result)}</div>",
        f'<div class="meta">{meta_html}</div></header>',
    ]
    parts += [
        '<section id="chart"><h2>The result in the center</h2>',
        '<p class="intro">Partners critical to the result; a line joins two partners for each '
        "measure they share.</p>",
        f'<div class="figure">{svg}</div></section>',
    ]
    if ws.action_plan:  # after the chart, so that the chart fits on the first printed page
        parts.append(f"<h3>Results action plan</h3>{paragraphs_html(ws.action_plan)}")
    parts += [
        doing.since_last_time(since),
        doing.how_are_we_doing(ws, as_of),
        '<section id="summary"><h2>Shared performance measure table</h2>',
        report_table(table.build(ws)),
        "</section>",
        '<section id="matrix"><h2>Who shares which measure</h2>',
        '<p class="intro">Partners down, shared measures across; under each mark, the '
        "partner's own measures that feed the shared one.</p>",
        report_table(
            matrix_report,
            row_classes=flagged_rows,
            header_classes=flagged_heads,
            drop=() if any(flagged_rows) else (len(matrix_report.columns) - 1,),
        ),
        "</section>",
        '<section id="actions"><h2>Next steps and work plan</h2>',
        f'<p class="intro">{html_text(_summary(actions_report))}</p>',
        report_table(actions_report, row_classes=statuses),
        "</section>",
        '<section id="gaps"><h2>Still to do on the worksheet</h2>',
        report_table(gaps, drop=(2,), notes=False),  # the fix commands are for the consultant
        "</section>",
        '<section id="reflection"><h2>Reflection</h2>',
        _reflection(ws),
        "</section>",
        f"<footer>Made with measurekit from {html_text(file)}. The Shared Performance Measures "
        "worksheet was synthesized by Jolie Bain Pillsbury.</footer>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(report: Report) -> str:
    summary = dict(report.facts).get("Summary")
    return f"Status as of {dict(report.facts)['As of']}: {summary}." if summary else ""


def _reflection(ws: Worksheet) -> str:
    out = []
    for field in (*REFLECTION_FIELDS, "notes"):
        answer = getattr(ws.reflection, field)
        if field == "notes" and answer is None:
            continue
        out.append(f"<h3>{REFLECTION_LABELS[field]}</h3>")
        out.append(
            paragraphs_html(answer) if answer else '<p class="answer empty">Not answered yet.</p>'
        )
    return "".join(out)
