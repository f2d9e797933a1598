"""A text report that fits the terminal: the table when its words fit their columns, else
the stacked layout, one block per row and one "label: value" line per column.

A table squeezed so narrow that words break in the middle cannot be read on a projector
(at 80 columns `trend` folded partner names two letters a line). So, as kubectl shows a
narrow listing or `-o wide`, the table is drawn only when every word of every column fits
its column's width; a long hyphenated id may break after a hyphen. Otherwise each row
becomes a block of "label: value" lines, values wrapped at spaces under their own indent.

Example:
    >>> stacked(["Partner", "Status"], [["Library", "on track"]], [None], 40, False).splitlines()
    ['', 'Partner: Library', 'Status:  on track', '']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import textgrid

BESIDE_MIN = 20  # least room for a value beside its label; with less, values go under it
HANGING = 4  # indent of a value under its label
_PIECES = re.compile(r"(?<=[-/])(?=.)")  # a long id or path may break after - or /


def _cells(text: str) -> int:
    return textgrid.longest_line([text])


def fit_words(text: str, width: int, breaks: bool = True) -> str | None:
    """`text` with each word wider than `width` broken into lines after its hyphens or
    slashes; None when a piece is still too wide (it would break in the middle), or when
    a word is too wide and must not `breaks` at all (a command's file name or id)."""
    if not text or _cells(text) <= width:
        return text
    out = []
    for line in text.split("\n"):
        words = []
        for word in line.split(" "):
            if _cells(word) <= width:
                words.append(word)
                continue
            if not breaks:
                return None
            chunks = [""]
            for piece in _PIECES.split(word):
                if _cells(piece) > width:
                    return None
                if _cells(chunks[-1] + piece) > width:
                    chunks.append(piece)
                else:
                    chunks[-1] += piece
            words.append("\n".join(chunks))
        out.append(" ".join(words))
    return "\n".join(out)


def fitted(
    headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int],
    no_wrap: Sequence[bool], commands: Sequence[bool],
) -> tuple[list[str], list[list[str]]] | None:
    """Headers and rows whose every word fits its column (text widths `widths`), long ids
    broken after hyphens; None when some word would break mid-word, or any word of a
    column of `commands` at all. A column that is cut rather than wrapped (a sparkline)
    is left as it is."""
    columns = list(zip(*[headers, *rows], strict=True))
    fixed: list[list[str]] = []
    for cells, width, cut, command in zip(columns, widths, no_wrap, commands, strict=True):
        if cut:
            fixed.append(list(cells))
            continue
        column = [fit_words(cell, width, breaks=not command) for cell in cells]
        if any(cell is None for cell in column):
            return None
        fixed.append([cell or "" for cell in column])
    table = [list(row) for row in zip(*fixed, strict=True)]
    return table[0], table[1:]


def stacked(
    headers: Sequence[str], rows: Sequence[Sequence[str]], styles: Sequence[str | None],
    width: int, color: bool, commands: Sequence[bool] = (),
) -> str:
    """Each row as a block of "label: value" lines (empty values left out), a blank line
    after each block; the labels bold and the values in the row's style, with `color`.
    The value of a column of `commands` is a command to copy (`wrap_command`)."""
    labels = [f"{header}:" for header in headers]
    label_width = max(_cells(label) for label in labels) + 1
    beside = label_width <= width // 3 and width - label_width >= BESIDE_MIN
    indent = label_width if beside else HANGING
    bold = textgrid.sgr("bold", color)
    out = [""]  # a blank line between the facts and the first block
    for row, style in zip(rows, styles, strict=True):
        on = textgrid.sgr(style, color)
        for n, (label, cell) in enumerate(zip(labels, row, strict=True)):
            if not cell.strip():
                continue
            if n < len(commands) and commands[n]:
                values = wrap_command(cell, width - indent)
            else:
                values = _wrap_value(_one_line(cell), width - indent)
            heads = [line for line, _ in textgrid.wrap(label, width)]
            if beside:
                heads = [label + " " * (label_width - _cells(label))]
                first, values = values[0], values[1:]
                out.append(_paint(heads[0], bold) + _paint(first, on))
            else:
                out.extend(_paint(head, bold) for head in heads)
            out.extend(" " * indent + _paint(value, on) for value in values)
        out.append("")
    return "".join(line.rstrip(" ") + "\n" for line in out)


def _wrap_value(text: str, width: int) -> list[str]:
    """A value's lines at `width`, a list item's continuation under its text, not its bullet."""
    out = []
    for line in text.split("\n"):
        hang = 2 if line.startswith(("• ", "- ")) and width > 12 else 0
        first, *rest = [piece for piece, _ in textgrid.wrap(line, width)]
        if rest and hang:
            rest = [piece for piece, _ in textgrid.wrap(line[len(first):].lstrip(), width - hang)]
        out += [first, *(" " * hang + piece for piece in rest)]
    return out


def _one_line(cell: str) -> str:
    """A cell's lines joined by spaces ("62%", "2025-09-30" -> "62% 2025-09-30"), unless it
    is a list (a line starting with a bullet, or after a line ending with ":")."""
    lines = cell.split("\n")
    listed = any(
        line.startswith(("• ", "- ")) or before.endswith(":")
        for before, line in zip(lines, lines[1:], strict=False)
    )
    return cell if listed else " ".join(line.strip() for line in lines if line.strip())


def _paint(text: str, on: str) -> str:
    return f"{on}{text}{textgrid.RESET}" if on and text else text


def wrap_note(note: str, width: int) -> list[str]:
    """A note's lines at `width`: words wrapped at spaces, and an indented note (a command
    to copy) continued with a shell's ` \\` so that it still pastes as one command."""
    if _cells(note) <= width:
        return [note]
    if not note.startswith("  "):
        return [line.rstrip() for line, _ in textgrid.wrap(note, width)]
    return ["  " + line for line in wrap_command(note, width - 2)]


def wrap_command(command: str, width: int) -> list[str]:
    """A command to copy, at `width`: as it is when it fits, else continued with a shell's
    ` \\` at spaces on lines indented 4, so that it still pastes as one command. A file
    name, an id or a quoted name is never broken (one wider than `width` overflows it)."""
    if _cells(command) <= width:
        return [command]
    import shlex

    words = [shlex.quote(word) for word in shlex.split(command)]  # a quoted name stays whole
    lines = [words[0]]
    for word in words[1:]:
        if _cells(f"{lines[-1]} {word}") > width - 2:  # room for " \\"
            lines[-1] += " \\"
            lines.append("    " + word)
        else:
            lines[-1] += " " + word
    return lines
