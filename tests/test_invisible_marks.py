"""Invisible direction marks and line separators in worksheet text (issue 17, item 19).

The decision (core/text.py): U+200E, U+200F and U+061C (the left-to-right, right-to-left
and Arabic letter marks) can reorder what a reader sees as much as the bidi controls
already escaped, and U+2028/U+2029 (line and paragraph separators) break a line in some
viewers and vanish in others. All five are shown as \\u.... escapes in every output, as
the other bidi controls are; json writes them as \\u.... escapes too, so a program
still gets the worksheet's exact text. The worksheet itself keeps them as typed.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from measurekit.cli import app
from measurekit.core import store
from measurekit.core.text import safe, safe_json

from .conftest import EXAMPLE

MARKS = "\u200e\u200f\u061c\u2028\u2029"
RAW = re.compile(f"[{MARKS}]")
SHOWN = ["\\u200e", "\\u200f", "\\u061c", "\\u2028", "\\u2029"]
NAME = "Family " + "".join(f"{m}x" for m in MARKS) + " Centre"


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """The example worksheet with the marks in a partner's and a measure's name."""
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("\npartners:\n")  # the first partner and its first measure
    partner = re.compile(r"\n- id: [a-z-]+\n  name: (.+)\n").search(text, start)
    measure = re.compile(r"\n  - id: [a-z-]+\n    name: (.+)\n").search(text, start)
    assert partner and measure
    text = text.replace(partner.group(0), partner.group(0).replace(partner.group(1),
                        json.dumps(NAME)), 1)
    text = text.replace(measure.group(0), measure.group(0).replace(measure.group(1),
                        json.dumps(NAME)), 1)
    path = tmp_path_factory.mktemp("marks") / "w.yaml"
    path.write_text(text, encoding="utf-8")
    assert store.load_worksheet(path).partners[0].name == NAME  # kept as typed
    return path


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


TABULAR = ["table", "matrix", "actions", "gaps", "shared", "trend"]


@pytest.mark.parametrize("command", TABULAR)
@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
def test_marks_are_shown_escaped_in_every_text_output(marked, command, fmt):
    args = [command, marked, "--format", fmt] + (["--as-of", "2027-01-01"] if command == "trend"
                                                 else [])
    out = run(*args)
    assert not RAW.search(out), RAW.findall(out)
    if command == "table" or (command in ("matrix", "trend") and fmt != "text"):  # unwrapped
        assert all(shown in out for shown in SHOWN), out[:400]


@pytest.mark.parametrize("command", TABULAR)
def test_json_writes_marks_as_escapes_that_read_back_exactly(marked, command):
    out = run(command, marked, "--format", "json")
    assert not RAW.search(out)
    if command == "table":
        assert json.loads(out)[0]["name"] == NAME


@pytest.mark.parametrize("command", ["report", "chart"])
def test_the_handout_and_the_chart_show_them_escaped(marked, command):
    out = run(command, marked)
    assert not RAW.search(out), RAW.findall(out)
    assert "\\u200f" in out


def test_the_rule_in_one_place():
    assert safe(MARKS) == "".join(SHOWN)
    assert json.loads(f'"{safe_json(MARKS)}"') == MARKS
    assert safe("Tab\tand\nnewline") == "Tab\tand\nnewline"
