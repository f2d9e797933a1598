"""Terminal views at any width (issue 19 item 10): at 80 columns no word is broken in the
middle and no line is wider than the terminal; a table too narrow for its words turns into
stacked blocks, one "label: value" line per column; at 120 columns the table stays.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from measurekit.core.store import load_worksheet
from measurekit.core.streams import Environment
from measurekit.reports import actions, gaps_report, shared, trend
from measurekit.reports.formats import Column, Report, to_text
from measurekit.reports.textfit import fit_words, stacked, wrap_note
from measurekit.reports.textgrid import longest_line

from .conftest import EXAMPLE
from .helpers import ENTER, interview, write_small
from .report_support import run

AS_OF = date(2026, 12, 31)
BUILDERS = {
    "trend": lambda ws: trend.build(ws, AS_OF),
    "actions": lambda ws: actions.build(ws, AS_OF),
    "shared": shared.build,
    "gaps": lambda ws: gaps_report.build(ws, str(EXAMPLE)),
}
ARGS = {"trend": ["--as-of", "2026-12-31"], "actions": ["--as-of", "2026-12-31"]}


def words_of(report: Report) -> set[str]:
    """Every word of the report's cells (the sparkline's bars are cut, not wrapped)."""
    cells = [cell for row in report.cells for i, cell in enumerate(row)
             if not report.columns[i].no_wrap]
    return {word for cell in cells for word in cell.split()}


def assert_whole_words(text: str, words: set[str], width: int) -> None:
    assert max(longest_line([line]) for line in text.splitlines()) <= width
    tokens = set(re.split(r"[\s|+]+", text))
    broken = sorted(w for w in words if w not in tokens)
    assert not broken, broken


@pytest.mark.parametrize("command", sorted(BUILDERS))
def test_at_80_columns_no_word_breaks_and_no_line_is_too_wide(command):
    result = run(command, EXAMPLE, *ARGS.get(command, []), width=80)
    assert result.exit_code == 0, result.output
    report = BUILDERS[command](load_worksheet(EXAMPLE))
    assert_whole_words(result.output, words_of(report), 80)


@pytest.mark.parametrize("command", ["trend", "actions", "shared"])
def test_too_narrow_a_table_is_stacked_one_line_per_column(command):
    text = run(command, EXAMPLE, *ARGS.get(command, []), width=80).output
    assert "+---" not in text  # no table
    report = BUILDERS[command](load_worksheet(EXAMPLE))
    first = report.columns[0].header
    assert text.count(f"\n{first}:") == len(report.cells)  # one block per row


def test_trend_at_80_columns_is_short_and_reads_whole_names():
    text = run("trend", EXAMPLE, "--as-of", "2026-12-31", width=80).output
    assert "Measure:  Referrals screened with the risk tool within 5 days\n" in text
    assert "First:    62% 2025-09-30\n" in text
    assert "Status:   on track (pace 80.88)" in text
    assert len(text.splitlines()) < 300  # 575 lines before, names two letters a line


@pytest.mark.parametrize("command", sorted(BUILDERS))
def test_at_120_columns_the_table_stays(command):
    text = run(command, EXAMPLE, *ARGS.get(command, []), width=120).output
    assert "+---" in text and "| " + BUILDERS[command](load_worksheet(EXAMPLE)).columns[0].header
    report = BUILDERS[command](load_worksheet(EXAMPLE))
    words = {w for w in words_of(report) if not w.startswith("[")}  # ids break after a hyphen
    assert_whole_words(text, words, 120)
    if command == "shared":
        assert "| [first-time-    |" in text and "| referrals-      |" in text


def test_the_gaps_commands_wrap_as_commands_that_still_paste():
    assert wrap_note("  measurekit interview a.yaml --partner x", 80) == [
        "  measurekit interview a.yaml --partner x"]
    assert wrap_note("  measurekit interview 'my file.yaml' --partner some-long-id", 40) == [
        "  measurekit interview 'my file.yaml' \\", "      --partner some-long-id"]
    assert wrap_note("a footnote of several words", 12) == ["a footnote", "of several", "words"]


def test_long_ids_break_after_hyphens_and_a_word_that_cannot_is_refused():
    assert fit_words("[first-time-referrals-diverted]", 15) == "[first-time-\nreferrals-\ndiverted]"
    assert fit_words("supercalifragilistic", 10) is None
    assert fit_words("short words", 5) == "short words"


def test_stacked_blocks_keep_lists_and_join_a_value_and_its_date():
    text = stacked(["Name", "Latest", "Partners"], [["Library", "62%\n2025-09-30", "• A\n• B"]],
                   [None], 40, color=False)
    assert text == "\nName:     Library\nLatest:   62% 2025-09-30\nPartners: • A\n          • B\n\n"


def test_stacked_in_colour_styles_labels_and_values():
    text = stacked(["Status"], [["overdue"]], ["bold red"], 40, color=True)
    assert "\x1b[1mStatus:" in text and "\x1b[1;31moverdue" in text


def test_footnotes_wrap_to_the_width():
    report = Report("T", [Column("A")], [["x"]], records=[{}], row_styles=[None],
                    notes=["pace: where the line from the first point to the target stands"])
    assert max(len(line) for line in to_text(report, width=30).splitlines()) <= 30


def test_record_s_closing_table_at_80_columns(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    env = Environment(stdin_isatty=True, stdout_isatty=False, no_color=True, width=80)
    code, asker = interview(path, [
        ("record.date", ENTER), ("record.value", "410"), ("record.note", ENTER),
        ("record.value", ENTER), ("record.value", "12"), ("record.note", ENTER),
        ("record.value", ENTER), ("finish", "save"),
    ], record_on=AS_OF, env=env)
    assert code == 0
    closing = next(text for kind, text in asker.said if "How are we doing?" in text)
    report = trend.build(load_worksheet(path), AS_OF)
    assert_whole_words(closing, words_of(report), 80)
