"""The fast text renderer draws exactly what Rich draws, plain and coloured."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from measurekit.core.store import load_worksheet
from measurekit.reports import actions, matrix, table
from measurekit.reports.formats import Column, Report, _rich_text, table_text
from measurekit.reports.textgrid import column_widths, wrap

from .conftest import EXAMPLE

# Letters and the characters that make wrapping hard: spaces of several kinds, tabs,
# newlines, wide (two-cell) and combining characters, accents, the matrix's marks. Not
# the zero-width joiner: there the two differ on purpose (see textgrid's docstring).
ALPHABET = "ab cdefghij  \t\n\u00a0é漢字●○😀\u0301\u2028-/:"
texts = st.text(st.sampled_from(list(ALPHABET)), max_size=60)
STYLES = [None, "bold red", "yellow", "dim"]


@st.composite
def reports(draw) -> Report:
    count = draw(st.integers(1, 6))
    columns = [
        Column(
            draw(texts),
            draw(st.integers(1, 6)),
            no_wrap=draw(st.booleans()),
            min_width=draw(st.none() | st.integers(1, 12)),
        )
        for _ in range(count)
    ]
    report = Report(draw(texts), columns, empty=draw(texts))
    report.facts = draw(st.lists(st.tuples(texts, texts), max_size=2))
    for _ in range(draw(st.integers(0, 4))):
        report.add([draw(texts) for _ in columns], {}, draw(st.sampled_from(STYLES)))
    report.notes = draw(st.lists(texts, max_size=2))
    return report


def same_as_rich(report: Report, width: int, color: bool) -> None:
    assert table_text(report, width=width, color=color) == _rich_text(report, width, color)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.integers(10, 130), st.booleans())
@example(
    Report("t", [Column("a", 1), Column("b", 2, min_width=6)], [["one two", "x\n\nfour  five"]],
           row_styles=["bold red"], records=[{}]),
    40,
    True,
)
@example(  # every column squeezed to its padding: Rich's own drawing
    Report("", [Column("", r) for r in (1, 1, 1, 1, 2, 1)], [[""] * 6], row_styles=[None],
           records=[{}]),
    25,
    True,
)
def test_any_small_table_is_drawn_as_rich_draws_it(report: Report, width: int, color: bool):
    same_as_rich(report, width, color)


def test_the_reports_of_the_example_are_drawn_as_rich_draws_them():
    from datetime import date

    ws = load_worksheet(EXAMPLE)
    built = [
        table.build(ws),
        actions.build(ws, date(2026, 12, 1)),
        matrix.build(ws, str(EXAMPLE)),
    ]
    for report in built:
        for width in (80, 100, 160):
            for color in (False, True):
                same_as_rich(report, width, color)


def test_widths_follow_the_ratios_then_rich_s_rules_for_squeezing():
    assert column_widths([(1, None, False), (1, None, False)], 23) == [10, 10]
    assert column_widths([(r, None, False) for r in (2, 4, 3, 3)], 100) == [16, 32, 24, 23]
    # Least widths that do not fit: the wrapable columns give way, then are measured
    # (here an empty one shrinks to its padding)...
    assert column_widths([(1, None, False), (1, 12, False)], 20, lambda i: 0) == [2, 14]
    # ...and when none may wrap, every column loses alike.
    assert column_widths([(1, 12, False), (1, 12, False)], 20) == [8, 9]
    # Cells narrower than their padding: left to Rich.
    assert column_widths([(1, None, False)] * 6, 12) is None


def test_wrapping_folds_long_words_and_keeps_cell_widths():
    assert wrap("abcdefgh ij", 3) == [("abc", 3), ("def", 3), ("gh ", 3), ("ij", 2)]
    assert wrap("漢字漢", 4) == [("漢字", 4), ("漢", 2)]
    assert wrap("a\n\nb", 5) == [("a", 1), ("", 0), ("b", 1)]
