"""Worksheet text never acts on the terminal or the reader (issue 13, item 8).

Control characters, bidi overrides, Rich markup, markdown links and images, raw HTML
and spreadsheet formulas, in every text, markdown, csv and json output.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from measurekit.cli import app
from measurekit.core import store
from measurekit.reports import matrix as matrix_report
from measurekit.reports.formats import Format, render

from .conftest import SMALL

# YAML double-quoted escapes: ESC (clear screen), BEL, NUL, C1 NEL, DEL, RLO, LRI, PDI.
CONTROLS = r"\e[2J\a\0\x85\x7f\u202eevil\u2066x\u2069"
MARKUP = "[/] [link=https://evil.example]click[/link]"
MARKDOWN = "![x](http://e.example/i.png) [a](http://e.example) <img src=x onerror=alert(1)>"
SHARED = f"=1+2 {MARKUP} {MARKDOWN} {CONTROLS}"
PARTNER = f"Lib {CONTROLS}"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
COMMANDS = ["table", "matrix", "actions", "gaps"]


@pytest.fixture
def hostile(write):
    text = SMALL.replace("name: Children reading at grade level", f'name: "{SHARED}"')
    text = text.replace("name: Riverton Schools", f'name: "{PARTNER}"')
    text = text.replace("what: Invite the library director", f'what: "{MARKDOWN} {CONTROLS}"')
    return write(text)


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json"])
def test_no_control_character_reaches_the_output(hostile, command, fmt):
    out = run(command, hostile, "--format", fmt)
    assert not UNSAFE.search(out.replace("\r\n", "\n")), UNSAFE.findall(out)


def test_json_keeps_the_exact_text_as_inert_escapes(hostile):
    worksheet = store.load_worksheet(hostile)
    name = worksheet.partners[0].name
    assert "\u202e" in name and "\x1b" in name
    rows = json.loads(run("table", hostile, "--format", "json"))
    assert rows[0]["name"] == name
    assert "\\u202e" in run("table", hostile, "--format", "json")


def test_matrix_headers_are_text_not_markup(hostile):
    out = run("matrix", hostile)
    assert "[/]" in out and "[link=https://evil.example]" in out
    report = matrix_report.build(store.load_worksheet(hostile), str(hostile))
    coloured = render(report, Format.text, width=200, color=True)
    assert "\x1b]8;" not in coloured  # no OSC 8 hyperlink
    assert "[link=https://evil.example]" in coloured


@pytest.mark.parametrize("command", COMMANDS)
def test_csv_formula_guard_covers_every_cell_and_header(hostile, command):
    rows = list(csv.reader(io.StringIO(run(command, hostile, "--format", "csv"))))
    for cell in (cell for row in rows for cell in row):
        assert not cell or cell[0] not in "=+-@\t\r", cell
    if command == "matrix":
        assert any(h.startswith("'=1+2") for h in rows[0]), rows[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_markdown_opens_no_link_image_or_tag(hostile, command):
    out = run(command, hostile, "--format", "markdown")
    assert not re.search(r"(?<!\\)\[", out), out  # every `[` escaped
    assert "<img" not in out
    if command in ("matrix", "actions"):
        assert "!\\[x](http://e.example/i.png)" in out


def test_interview_prompts_show_bidi_overrides_escaped(tmp_path):
    import os
    import sys
    from pathlib import Path

    import pexpect

    from .helpers import write_small

    path = tmp_path / "small.yaml"
    write_small(path)
    path.write_text(path.read_text().replace("name: Port Halden Library",
                                             'name: "Library \\u202eevil"'))
    script = str(Path(sys.executable).parent / "measurekit")
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(script, ["interview", str(path)], env=env, dimensions=(24, 100),
                          encoding="utf-8", timeout=30)
    child.expect_exact("Library \\u202eevil")
    assert "\u202e" not in child.before
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_the_handout_shows_control_characters_escaped(tmp_path):
    from .conftest import EXAMPLE

    text = EXAMPLE.read_text()
    first = re.search(r"\n(    )name: (.+)\n", text)  # a measure with data, drawn as a curve
    assert first
    path = tmp_path / "w.yaml"
    path.write_text(text.replace(first.group(0), f'\n{first.group(1)}name: "{CONTROLS}"\n'))
    for command in ("report", "chart"):
        out = run(command, path)
        assert not UNSAFE.search(out), (command, UNSAFE.findall(out))
