"""Reading a spreadsheet's csv export strictly: every row as written, or a refusal.

A csv that does not parse cleanly is refused whole rather than read in part: a quote
that never closes would glue every later row into one cell. Each row keeps the
physical line it starts on (a line break inside a quoted cell, as Alt+Enter makes in
Excel, is part of the cell and does not shift the lines after it). The separator is
read from the header line: `;` (a European export, where a comma marks the decimals)
or `,`.

Example:
    table = read_table(text, "q4.csv", ("measure", "date", "value", "note"), required=3)
    for row in table.rows: row.line, row.cells["value"]
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .errors import Problem, WorksheetInvalid

FIELD_LIMIT = csv.field_size_limit()  # characters in one cell: csv's own limit, 131,072


@dataclass(frozen=True)
class Row:
    line: int  # the physical line the row starts on
    cells: dict[str, str]  # column -> cell, stripped


@dataclass(frozen=True)
class Table:
    separator: str  # "," or ";"
    rows: list[Row]


def separator_of(header_line: str) -> str:
    """`;` when the header is separated by semicolons (a European export), else `,`."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_table(text: str, name: str, columns: tuple[str, ...], required: int) -> Table:
    """The csv's rows under its header, or WorksheetInvalid at the first line that is wrong.

    The header must name the first `required` columns and may name the others. Rows
    with no text at all (spreadsheets leave them at the end) are left out.
    """
    separator = separator_of(text[: text.find("\n")] if "\n" in text else text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    start = 1
    rows: list[Row] = []
    header: list[str] | None = None
    try:
        for cells in reader:
            if header is None:
                header = _header(cells, name, columns, required)
            elif any(cell.strip() for cell in cells):
                if len(cells) != len(header):
                    raise _refuse(name, start, f"{len(cells)} cells, but the header names "
                                  f"{len(header)} columns; each row needs one cell per column")
                rows.append(Row(start, dict(zip(header, (c.strip() for c in cells),
                                                strict=True))))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _refuse(name, start, _why(str(exc))) from None
    if header is None:
        _header([], name, columns, required)
    return Table(separator, rows)


def _header(cells: list[str], name: str, columns: tuple[str, ...], required: int) -> list[str]:
    header = [cell.strip().lower() for cell in cells]
    missing = [c for c in columns[:required] if c not in header]
    unknown = [h for h in header if h not in columns]
    if missing or unknown:
        raise _refuse(name, 1, f"the first line must name the columns {','.join(columns)} "
                      f"({', '.join(columns[required:])} optional); "
                      f"got {','.join(header) or 'nothing'}")
    twice = next((h for i, h in enumerate(header) if h in header[:i]), None)
    if twice is not None:
        raise _refuse(name, 1, f"the column {twice!r} is named twice; keep one")
    return header


def _why(error: str) -> str:
    """csv's complaint in the user's terms."""
    if "unexpected end of data" in error:
        return ("a quote opens in this row and never closes, so every line after it would "
                "be read into one cell; close the quote (or remove it) and import again")
    if "field larger than field limit" in error:
        return (f"a cell in this row is longer than {FIELD_LIMIT:,} characters; "
                "shorten it (a note belongs in a few lines)")
    if "expected after" in error:
        return ("a quote in the middle of a cell; a cell with a quote in it is written in "
                'quotes, with the quote doubled: "say ""hi"""')
    return f"this row cannot be read as csv ({error})"


def _refuse(name: str, line: int, message: str) -> WorksheetInvalid:
    return WorksheetInvalid([Problem(name, message, line=line)])
