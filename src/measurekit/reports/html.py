"""HTML pieces shared by the handout's sections: escaping, paragraphs, tables, badges, style.

Every piece of user text goes through `html_text` (or `lines_html`, which also keeps
dates on one line), so a worksheet's text can never turn into markup.

Example:
    >>> lines_html("due 2027-06-30\\n<b>")
    'due <span class="nowrap">2027-06-30</span><br>&lt;b&gt;'
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from ..core.text import safe
from .formats import Report

_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


# A page repeats its texts (names, dates, statuses) many times over: each is escaped once.
@lru_cache(maxsize=16384)
def html_text(text: str) -> str:
    """User text for HTML: control characters shown, markup characters escaped."""
    return escape(safe(text), quote=True)


@lru_cache(maxsize=16384)
def lines_html(text: str) -> str:
    """User text as HTML content: line breaks kept, and a date never broken across lines."""
    body = _DATE.sub(lambda m: f'<span class="nowrap">{m.group()}</span>', html_text(text))
    return body.replace("\n", "<br>")


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


def bullets(items: list[str], cls: str = "") -> str:
    """Items already made HTML, as a list; nothing when there are none."""
    if not items:
        return ""
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


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
        notes_html = bullets([html_text(n) for n in report.notes], "notes")
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{notes_html}"
    )


def _cls(classes: list[str] | None, i: int) -> str:
    return f' class="{escape(classes[i])}"' if classes and i < len(classes) and classes[i] else ""


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
h3 { font-size: 11pt; margin: 14px 0 2px; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 8.5pt; text-transform: uppercase; letter-spacing: .05em; color: var(--accent);
  margin: 8px 0 2px; break-after: avoid; page-break-after: avoid; }
div.result { background: #fff8d6; border-left: 6px solid #c9a400; padding: 8px 12px; margin: 8px 0;
  font-size: 12.5pt; font-weight: bold; }
div.result .label { display: block; font-size: 8.5pt; text-transform: uppercase;
  letter-spacing: .08em; color: #7a6200; font-weight: bold; }
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
  overflow-wrap: break-word; }
tr { break-inside: avoid; page-break-inside: avoid; }
td ul, .card ul { margin: 0 0 2px; padding-left: 16px; }
td li, .card li { margin: 0 0 2px; }
td p { margin: 0 0 4px; }
td h4:first-child { margin-top: 0; }
td .kind { display: block; color: var(--muted); font-size: 8pt; }
td .answer { margin: 0 0 4px; }
table.summary col.who, table.partners col.who { width: 21%; }
table.summary col.contribution { width: 37%; }
table.summary col.strategy { width: 21%; }
table.shared col.partners { width: 22%; }
table.shared col.fed { width: 30%; }
table.shared tr { break-inside: auto; page-break-inside: auto; }
table.shared li { break-inside: avoid; page-break-inside: avoid; }
table.work-plan col.status, table.next-steps col.status { width: 10%; }
table.work-plan col.date, table.next-steps col.date { width: 11%; }
table.work-plan col.what, table.next-steps col.what { width: 26%; }
tr.overdue td { background: #fdeaea; }
tr.overdue td:first-child { color: #a40000; font-weight: bold; }
tr.due_soon td:first-child { color: #8a5300; font-weight: bold; }
tr.done td { color: #777; }
tr.flagged td:last-child, th.flagged { color: #8a5300; font-weight: bold; }
.badge { display: inline-block; border: 1.5px dashed #7a4fa0; color: #5b2d86; background: #f3ecfa;
  border-radius: 4px; padding: 0 5px; margin-left: 4px; font-size: 7.5pt; font-weight: bold;
  text-transform: uppercase; letter-spacing: .04em; white-space: nowrap; vertical-align: 1px; }
.numbers { color: var(--ink); }
.source { color: var(--muted); font-size: 8.5pt; }
.card { border: 1px solid var(--rule); border-left: 5px solid var(--accent); padding: 6px 12px 8px;
  margin: 10px 0; break-inside: avoid; page-break-inside: avoid; }
.card.external { border-left-color: #c9a400; }
.card.desired { border-left-style: dashed; }
.card h3 { margin-top: 2px; }
.card dl { margin: 4px 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
.card dt { font-weight: bold; color: var(--muted); font-size: 9pt; }
.card dd { margin: 0; }
.partner-page + .partner-page { break-before: page; page-break-before: always; }
.notes { color: var(--muted); font-size: 9pt; margin: 4px 0; padding-left: 18px; }
.empty { font-style: italic; color: var(--muted); }
.answer { margin: 0 0 8px; }
footer { margin-top: 28px; border-top: 1px solid var(--rule); padding-top: 6px; color: var(--muted);
  font-size: 8.5pt; }
@page { margin: 14mm 12mm 16mm;
  @bottom-right { content: counter(page) " of " counter(pages); font-family: "Helvetica Neue",
    Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 8pt; color: #555; } }
@page wide { size: landscape; }
.wide { page: wide; }
.wide th, .wide td { overflow-wrap: anywhere; }  /* a long word breaks before the page cuts it */
h2 + .intro, h3 + .intro { break-after: avoid; page-break-after: avoid; break-inside: avoid;
  page-break-inside: avoid; }
@page chart { size: landscape; margin: 10mm 12mm 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 10pt; }
  h2 { margin-top: 18px; }
  .figure svg { max-height: 165mm; }
  /* The chart alone on a landscape page, as large as it goes: names print at 8 pt or more. */
  section#chart, .partner-chart { page: chart; break-before: page; break-after: page; }
  section#chart h2, .partner-chart h3 { margin-top: 0; }
  section#chart .intro { display: none; }
  section#chart .figure svg { max-height: 174mm; }
  .partner-chart .figure svg { max-height: 166mm; }
}
"""
