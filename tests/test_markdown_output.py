"""Markdown shows worksheet text as typed: no emphasis, code, link, tag or entity from it
(issue 19 item 12, issue 17 item 18). Checked by rendering the output as CommonMark does.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from markdown_it import MarkdownIt

from measurekit.reports.formats import md_cell

from .report_support import measure, partner, run, worksheet, write_worksheet

NAME = "Youth *and* Families __strong__ `code` ~~gone~~ &#x202e;evil &amp; a|b <i>x</i> [l](u)"


@pytest.fixture
def marked(tmp_path):
    m = measure("m", name=NAME, history=[{"date": "2026-01-01", "value": 1}])
    data = worksheet(
        title=NAME,
        partners=[partner("p", name=NAME, measures=[m], why_critical="y")],
        shared_measures=[{"id": "s", "name": NAME, "partners": ["p"], "measures": ["m"]}],
        next_steps=[{"what": NAME, "who": NAME, "by_when": "2026-02-01", "partner": "p"}],
    )
    return write_worksheet(tmp_path, data)


@pytest.mark.parametrize("command", ["table", "trend", "actions", "shared", "matrix", "gaps"])
def test_worksheet_text_renders_as_typed(marked, command):
    as_of = ["--as-of", "2026-01-21"] if command in ("trend", "actions") else []
    out = run(command, marked, "--format", "markdown", *as_of)
    assert out.exit_code == 0, out.output
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(out.output)
    html = re.sub(r"<strong>[A-Z][a-z ]+:</strong>", "", html)  # the report's own labels
    for tag in ("<em>", "<strong>", "<code>", "<s>", "<del>", "<a ", "<i>"):
        assert tag not in html, tag
    shown = unescape(html)  # what a browser shows: entities read once
    assert "\u202e" not in shown
    if command != "gaps":
        assert NAME in shown.replace("<br>", " ")


def test_md_cell_escapes_each_markup_character_once():
    assert md_cell("Youth *and* Families") == "Youth \\*and\\* Families"
    assert md_cell("a_b `c` & <d> [e] f|g \\") == "a\\_b \\`c\\` &amp; &lt;d> \\[e] f\\|g \\\\"
    assert md_cell("one\ntwo") == "one<br>two"
