"""Output formats shared by every tabular report: text (Rich), markdown, csv and json.

A report is built once as a `Report` (plain records for json, flattened cells for
the rest) and rendered here, so that escaping lives in one place: user text is
never read as Rich markup, terminal control codes are shown rather than sent,
markdown pipes are escaped and spreadsheet formulas are neutralised.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from ..core.text import safe, safe_json


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class TableFormat(str, Enum):
    """`table`'s formats: every report's, and an editable Word document (docx_page.py)."""

    text = "text"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    docx = "docx"


class PageFormat(str, Enum):
    """`report`'s formats: the HTML handout, or the same sections as a Word document."""

    html = "html"
    docx = "docx"


@dataclass
class Column:
    header: str
    ratio: int = 1  # relative width in the text table
    no_wrap: bool = False
    min_width: int | None = None  # characters, in the text table: a date or a status never folds
    command: bool = False  # a command to copy: in text, never folded inside a word (a file, an id)


@dataclass
class Report:
    """One report: a heading, columns, the rows as cells and the rows as records."""

    title: str
    columns: list[Column]
    cells: list[list[str]] = field(default_factory=list)  # for text, markdown and csv
    records: list[dict[str, Any]] = field(default_factory=list)  # for json
    facts: list[tuple[str, str]] = field(default_factory=list)  # label, value lines under the title
    row_styles: list[str | None] = field(default_factory=list)  # Rich style per row (text only)
    # Lines after the table (text and markdown); an indented one is a command to copy.
    notes: list[str] = field(default_factory=list)
    empty: str = "nothing to show"
    # A spreadsheet's own columns, when a cell of the table holds more than one value (a
    # value and its date): one value per cell, ids included. Without them csv has the cells.
    csv_header: list[str] = field(default_factory=list)
    csv_rows: list[list[str]] = field(default_factory=list)

    def add(
        self,
        cells: list[str],
        record: dict[str, Any],
        style: str | None = None,
        csv: list[str] | None = None,
    ) -> None:
        self.cells.append(cells)
        self.records.append(record)
        self.row_styles.append(style)
        if csv is not None:
            self.csv_rows.append(csv)


def render(report: Report, fmt: Format, *, width: int | None = None, color: bool = False) -> str:
    if fmt == Format.json:
        import json  # only here: `measurekit --help` imports this module for Format

        text = json.dumps(report.records, indent=2, ensure_ascii=False, default=_json_default)
        return safe_json(text) + "\n"
    if fmt == Format.csv:
        return to_csv(report)
    if fmt == Format.markdown:
        return to_markdown(report)
    return to_text(report, width=width, color=color)


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_csv(report: Report) -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = report.csv_header or [c.header for c in report.columns]
    # Every cell, headers included (a shared measure's name heads a matrix column).
    writer.writerow([neutralise_formula(safe(h)) for h in header])
    for row in report.csv_rows if report.csv_header else report.cells:
        writer.writerow([neutralise_formula(safe(cell)) for cell in row])
    return out.getvalue()


def neutralise_formula(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (OWASP's CSV-injection advice)."""
    if cell and cell[0] in "=+-@\t\r":
        return "'" + cell
    return cell


# Each character that markdown could read as markup, written so it shows as typed: a
# backslash escape for inline markup (`*`/`_` emphasis, `` ` `` code, `~` strike, `[` links
# and images, `|` a cell's end), an entity for `&` (an entity in the file, `&#x202e;`, stays
# text and never becomes the character) and `<` (a tag). A `>` inside a cell is plain text.
_MARKDOWN = str.maketrans(
    {c: "\\" + c for c in "\\|*_`~["} | {"&": "&amp;", "<": "&lt;", "\n": "<br>"}
)


def md_cell(text: str) -> str:
    """Worksheet text for a markdown line or table cell: shown as typed, never as markup.

    Example: md_cell("Youth *and* Families") == "Youth \\*and\\* Families"
    """
    return safe(text).translate(_MARKDOWN)


def to_markdown(report: Report) -> str:
    lines = [f"# {md_cell(report.title)}", ""]
    for label, value in report.facts:
        lines.append(f"**{label}:** {md_cell(value)}  ")
    if report.facts:
        lines.append("")
    if report.cells:
        lines.append("| " + " | ".join(md_cell(c.header) for c in report.columns) + " |")
        lines.append("|" + "|".join(" --- " for _ in report.columns) + "|")
        for row in report.cells:
            lines.append("| " + " | ".join(md_cell(cell) for cell in row) + " |")
    else:
        lines.append(f"_{md_cell(report.empty)}_")
    if report.notes:
        lines.append("")
        lines.extend(f"- {md_cell(note)}" for note in report.notes)
    return "\n".join(lines) + "\n"


def to_text(report: Report, *, width: int | None = None, color: bool = False) -> str:
    """The report for a terminal `width` columns wide: a table when every word fits its
    column, else stacked (one block per row, a "label: value" line per column); no line
    wider than `width`, the notes wrapped to it (textfit.py)."""
    from . import textfit, textgrid

    width = width or 100
    headers = [safe(c.header) for c in report.columns]
    rows = [[safe(cell) for cell in row] for row in report.cells]
    widths = _widths(report, headers, rows, width)
    fits = None
    if rows and widths is not None:
        text_widths = [w - 2 * textgrid.PADDING for w in widths]
        fits = textfit.fitted(headers, rows, text_widths, [c.no_wrap for c in report.columns],
                              [c.command for c in report.columns])
    if not rows or fits is not None:
        if fits is not None:
            headers, rows = fits
        shown = Report(report.title, report.columns, rows, facts=report.facts,
                       row_styles=report.row_styles, empty=report.empty)
        parts = [table_text(shown, width=width, color=color, headers=headers)]
    else:
        parts = _heading(report, width, color)
        parts.append(textfit.stacked(headers, rows, report.row_styles, width, color,
                                     [c.command for c in report.columns]))
    for note in report.notes:
        lines = textfit.wrap_note(safe(note), width)
        parts.append(textgrid.block([("\n".join(lines), None)], width, color, soft=True))
    return "".join(parts)


def _widths(
    report: Report, headers: list[str], rows: list[list[str]], width: int
) -> list[int] | None:
    from . import textgrid

    return textgrid.column_widths(
        [(c.ratio, c.min_width, c.no_wrap) for c in report.columns],
        width,
        lambda i: textgrid.longest_line([headers[i], *(row[i] for row in rows)]),
    )


def _heading(report: Report, width: int, color: bool) -> list[str]:
    """The title and the facts, each folded to `width`."""
    from . import textgrid

    parts = [textgrid.block([(safe(report.title), "bold")], width, color)]
    for label, value in report.facts:
        parts.append(textgrid.block([(f"{label}: ", "bold"), (safe(value), None)], width, color))
    return parts


def table_text(
    report: Report, *, width: int, color: bool = False, headers: list[str] | None = None
) -> str:
    """The report's title, facts and table (not its notes) wrapped to `width`, drawn as Rich
    draws it.

    Drawn by textgrid, which gives the same bytes as Rich at a fraction of the cost (the
    table is most of `table` on a big worksheet); by Rich itself when the columns' least
    widths do not fit the width and Rich would draw cells narrower than their padding, or
    when a column is left no room for text at all (Rich then merges and drops the styles of
    the padding in ways not worth copying: such a table is a few characters wide).
    """
    from . import textgrid

    headers = headers or [safe(c.header) for c in report.columns]
    rows = [[safe(cell) for cell in row] for row in report.cells]
    widths = _widths(report, headers, rows, width)
    if rows and (widths is None or min(widths) <= 2 * textgrid.PADDING):
        return _rich_text(report, width, color)
    parts = _heading(report, width, color)
    if not rows:
        parts.append(textgrid.block([(report.empty, "italic")], width, color))
    else:
        assert widths is not None
        no_wrap = [c.no_wrap for c in report.columns]
        parts.append(
            textgrid.grid(headers, rows, report.row_styles, widths, color=color, no_wrap=no_wrap)
        )
    return "".join(parts)


def _rich_text(report: Report, width: int, color: bool) -> str:
    """The report as a Rich table, rendered to a string (wrapped to `width`), without notes."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .textgrid import rich_console

    console, buffer = rich_console(width, color)
    console.print(Text(safe(report.title), style="bold"))
    for label, value in report.facts:
        console.print(Text.assemble((f"{label}: ", "bold"), safe(value)))
    if not report.cells:
        console.print(Text(report.empty, style="italic"))
    else:
        table = Table(box=box.SQUARE if color else box.ASCII2, show_lines=True, expand=True)
        for column in report.columns:
            # With a ratio, Rich reads `width` as the column's least width.
            table.add_column(
                Text(safe(column.header)),
                ratio=column.ratio,
                no_wrap=column.no_wrap,
                width=column.min_width,
                overflow="fold",
            )
        for row, style in zip(report.cells, report.row_styles, strict=True):
            table.add_row(*(Text(safe(cell)) for cell in row), style=style if color else None)
        console.print(table)
    return buffer.getvalue()
