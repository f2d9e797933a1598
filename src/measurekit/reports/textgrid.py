"""Text tables drawn directly, the way Rich draws them, at a fraction of the cost.

Rich's table layout measures and re-renders every cell through several layers of
objects: 75-85% of `table`, `actions` and `matrix` on 1,000 partners (bench/scale.py).
Our tables are always the same kind (expanded to the width, every column sized by its
ratio, cells folded, one line between rows), so their widths never depend on the cells
and each cell can be wrapped with plain string operations. This module reproduces
Rich's output for them byte for byte, plain or coloured (tests/test_textgrid.py
compares the two); `column_widths` says when a table is of that kind.

One known difference: after a zero-width joiner or an emoji variation selector at the
end of a cell's line, Rich pads one space more (it measures the joiner together with
the padding after it, as 0 cells) and may even fail (an IndexError inside rich.cells
for some joiner sequences in narrow columns); here the padding follows the text's own
width, so such a line keeps the table's border where the terminal draws it.

Example:
    >>> widths = column_widths([(1, None, False), (2, None, False)], 20)
    >>> widths
    [6, 11]
    >>> grid(["A", "B"], [["one", "two"]], [None], widths, color=False).splitlines()[1]
    '| A    | B         |'
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from math import ceil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

# The characters that take one cell in a terminal, for which Rich's cell length is the
# string's length (the ranges of rich.cells): other text is measured with Rich's tables.
_SINGLE_CELL = frozenset(
    chr(code)
    for start, end in (
        (0x20, 0x7E),
        (0xA0, 0xAC),
        (0xAE, 0x2FF),
        (0x370, 0x482),
        (0x2500, 0x25FC),
        (0x2800, 0x28FF),
    )
    for code in range(start, end + 1)
)
_WORD = re.compile(r"\s*\S+\s*")  # a word and the spaces around it, as Rich splits lines
_TRAILING_SPACE = re.compile(r"\s+$")
PADDING = 1  # spaces each side of a cell's text
TAB_SIZE = 8
RESET = "\x1b[0m"

# (top, header rule, row rule, bottom) as (left, line, divider, right), and the vertical.
_BOXES = {
    "ascii2": (("+", "-", "+", "+"), ("+", "-", "+", "+"), ("+", "-", "+", "+"),
               ("+", "-", "+", "+"), "|"),
    "square": (("┌", "─", "┬", "┐"), ("├", "─", "┼", "┤"), ("├", "─", "┼", "┤"),
               ("└", "─", "┴", "┘"), "│"),
}


# Rich's width rules (rich/table.py and rich/_ratio.py), ported as they are: the same
# rounding, and the same order of steps, so that the same widths come out.


def ratio_distribute(
    total: int, ratios: Sequence[int], minimums: Sequence[int] | None = None
) -> list[int]:
    """Share `total` cells by ratio, each share at least its minimum."""
    if minimums:
        ratios = [ratio if least else 0 for ratio, least in zip(ratios, minimums, strict=True)]
    total_ratio = sum(ratios)
    remaining = total
    shares = []
    for ratio, minimum in zip(ratios, minimums or [0] * len(ratios), strict=True):
        share = remaining
        if total_ratio > 0:
            share = max(minimum, ceil(ratio * remaining / total_ratio))
        shares.append(share)
        total_ratio -= ratio
        remaining -= share
    return shares


def ratio_reduce(
    total: int, ratios: Sequence[int], maximums: Sequence[int], values: Sequence[int]
) -> list[int]:
    """Take `total` cells off `values` by ratio, at most each one's maximum."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return list(values)
    remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            taken = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: list[bool], most: int) -> list[int]:
    """Narrow the widest wrapable columns, step by step, until the table fits in `most`."""
    total = sum(widths)
    excess = total - most
    if any(wrapable):
        while total and excess > 0:
            pairs = list(zip(widths, wrapable, strict=True))
            widest = max(w for w, ok in pairs if ok)
            second = max(w if ok and w != widest else 0 for w, ok in pairs)
            ratios = [1 if (w == widest and ok) else 0 for w, ok in pairs]
            if not any(ratios) or not widest - second:
                break
            most_taken = [min(excess, widest - second)] * len(widths)
            widths = ratio_reduce(excess, ratios, most_taken, widths)
            total = sum(widths)
            excess = total - most
    return widths


def column_widths(
    columns: Sequence[tuple[int, int | None, bool]],
    width: int,
    longest: Callable[[int], int] = lambda index: 0,
) -> list[int] | None:
    """Each column's width (its padding included, its borders not) in a table `width` wide.

    `columns` gives each column's ratio, least text width and whether it may wrap;
    `longest(i)` the widest line of column i, header included, in cells: Rich looks at
    the cells only when the least widths do not fit. None when Rich would draw cells
    narrower than their padding (then only Rich knows what it draws).
    """
    available = width - (len(columns) + 1)  # one border left of each column, one at the end
    if not columns or available < 1 or any(ratio < 1 for ratio, _, _ in columns):
        return None
    minimums = [(least or 1) + 2 * PADDING for _, least, _ in columns]
    widths = ratio_distribute(available, [ratio for ratio, _, _ in columns], minimums)
    table_width = sum(widths)
    if table_width > available:
        wrapable = [least is None and not no_wrap for _, least, no_wrap in columns]
        widths = _collapse(widths, wrapable, available)
        table_width = sum(widths)
        if table_width > available:  # Rich's last resort: every column loses alike
            widths = ratio_reduce(table_width - available, [1] * len(widths), widths, widths)
            table_width = sum(widths)
        if min(widths) <= 2 * PADDING:
            return None
        widths = [
            min(least + 2 * PADDING if least is not None else longest(i) + 2 * PADDING, w)
            for i, ((_, least, _), w) in enumerate(zip(columns, widths, strict=True))
        ]
    # Rich compares the width before the columns were measured again, as here.
    if table_width < available:
        if not sum(widths):
            return None
        pads = ratio_distribute(available - table_width, widths)
        widths = [w + pad for w, pad in zip(widths, pads, strict=True)]
    return widths


def longest_line(texts: Sequence[str]) -> int:
    """The widest line of these texts in cells, as Rich measures a column (tabs as 0)."""
    most = 0
    for text in texts:
        for line in text.splitlines():
            most = max(most, len(line) if _SINGLE_CELL.issuperset(line) else _cell_len(line))
    return most


def _cell_len(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def wrap(text: str, width: int, no_wrap: bool = False) -> list[tuple[str, int]]:
    """The lines of `text` folded to `width` cells, each with its length in cells."""
    lines = []
    for line in text.split("\n"):
        if "\t" in line:
            line = _expand_tabs(line)
        if _SINGLE_CELL.issuperset(line):
            measure: Callable[[str], int] = len
            crop: Callable[[str, int], str] = _crop
            chop: Callable[[str, int], list[str]] = _chop
        else:
            from rich.cells import cell_len, chop_cells, set_cell_size

            measure, crop, chop = cell_len, set_cell_size, chop_cells
        pieces = [line] if no_wrap else _divide(line, width, measure, chop)
        for piece in pieces:
            if not no_wrap and len(piece) > width:  # Rich counts characters here, not cells
                match = _TRAILING_SPACE.search(piece)
                if match:
                    piece = piece[: len(piece) - min(len(match.group()), len(piece) - width)]
            cells = measure(piece)
            if cells > width:
                piece, cells = crop(piece, width), width
            lines.append((piece, cells))
    return lines


def _crop(text: str, width: int) -> str:
    return text[:width]


def _chop(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _expand_tabs(line: str) -> str:
    from rich.cells import cell_len

    out, position = [], 0
    parts = line.split("\t")
    for part in parts[:-1]:
        part += " "  # the tab itself, then spaces to the next tab stop
        position += cell_len(part)
        spaces = -position % TAB_SIZE
        out.append(part + " " * spaces)
        position += spaces
    out.append(parts[-1])
    return "".join(out)


def _divide(
    line: str, width: int, measure: Callable[[str], int], chop: Callable[[str, int], list[str]]
) -> list[str]:
    """Split one line into pieces at word starts, folding words longer than `width`."""
    breaks = []
    offset = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = measure(word.rstrip())
        if width - offset >= length:
            offset += measure(word)
        elif length > width:
            folded = chop(word, width)
            for piece in folded[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = measure(folded[-1])
        elif offset and start:
            breaks.append(start)
            offset = measure(word)
    if not breaks:
        return [line]
    bounds = [0, *breaks, len(line)]
    return [line[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def sgr(style: str | None, color: bool) -> str:
    """The escape code that turns `style` on (empty without colour or style)."""
    if not (color and style):
        return ""
    from rich.color import ColorSystem
    from rich.style import Style

    return Style.parse(style).render("x", color_system=ColorSystem.STANDARD).split("x")[0]


def grid(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    row_styles: Sequence[str | None],
    widths: Sequence[int],
    *,
    color: bool,
    no_wrap: Sequence[bool] | None = None,
    header_style: str = "bold",
) -> str:
    """The table's lines: headers in bold at the top, a rule between every two rows."""
    box = _BOXES["square" if color else "ascii2"]
    vertical = box[4]
    no_wrap = no_wrap or [False] * len(widths)
    text_widths = [w - 2 * PADDING for w in widths]

    def rule(part: tuple[str, str, str, str]) -> str:
        left, line, divider, right = part
        return left + divider.join(line * w for w in widths) + right + "\n"

    out = [rule(box[0])]
    styles: dict[str | None, str] = {}
    blanks = [" " * w for w in widths]
    wrapped: dict[tuple[str, int, bool], list[tuple[str, int]]] = {}

    def draw(cells: Sequence[str], style: str | None, bottom: bool) -> None:
        on = styles.get(style)
        if on is None:
            on = styles[style] = sgr(style, color)
        columns = []
        for text, width, flat in zip(cells, text_widths, no_wrap, strict=True):
            lines = wrapped.get((text, width, flat))
            if lines is None:  # many cells repeat (a status, a step): wrap each text once
                lines = wrapped[(text, width, flat)] = wrap(text, width, flat)
            if on:
                columns.append([
                    f"{on} {RESET}{on}{line}{' ' * (width - n)}{RESET}{on} {RESET}"
                    for line, n in lines
                ])
            else:
                columns.append([f" {line}{' ' * (width - n)} " for line, n in lines])
        height = max(len(c) for c in columns)
        for c, blank in zip(columns, blanks, strict=True):
            if len(c) < height:
                filler = [f"{on}{blank}{RESET}" if on else blank] * (height - len(c))
                if bottom:  # Rich aligns header cells at the bottom, body cells at the top
                    c[:0] = filler
                else:
                    c.extend(filler)
        for parts in zip(*columns, strict=True):
            out.append(vertical + vertical.join(parts) + vertical + "\n")

    draw(headers, header_style, bottom=True)
    for index, (row, style) in enumerate(zip(rows, row_styles, strict=True)):
        out.append(rule(box[1] if index == 0 else box[2]))
        draw(row, style, bottom=False)
    out.append(rule(box[3]))
    return "".join(out)


def block(
    parts: Sequence[tuple[str, str | None]], width: int, color: bool, soft: bool = False
) -> str:
    """Text printed outside the table, as Rich's `console.print` prints it: `parts` are
    pieces of one paragraph with their styles, folded to `width` (`soft`: left whole)."""
    text = "".join(part for part, _ in parts)
    if not color and not soft:
        return "".join(line + "\n" for line, _ in wrap(text, width))
    if not color and "\t" not in text:
        return text + "\n"
    simple = "\t" not in text and _SINGLE_CELL.issuperset(text.replace("\n", " "))
    if simple and (soft or ("\n" not in text and len(text) <= width)):
        return "".join(sgr(style, color) + part + RESET if style else part
                       for part, style in parts if part) + "\n"
    from rich.text import Text

    console, buffer = rich_console(width, color)
    text_parts = [part if style is None else (part, style) for part, style in parts]
    console.print(Text.assemble(*text_parts), soft_wrap=soft)
    return buffer.getvalue()


def rich_console(width: int, color: bool) -> tuple[Console, io.StringIO]:
    """A Rich console printing into a string, as every text report is printed."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    return console, buffer
