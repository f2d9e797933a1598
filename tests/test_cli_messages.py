"""The command line's messages for mistakes (usage errors exit 2, file errors exit 1), and its
refusal to print a page or a picture onto a terminal."""

from __future__ import annotations

import ast
import re
import shutil
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from measurekit.cli import COMMANDS, app
from measurekit.core.lookup import pick_partner
from measurekit.core.streams import Environment
from measurekit.core.text import Wording, count, possessive
from measurekit.interview import questions

from .conftest import EXAMPLE
from .helpers import interview, write_small
from .report_support import run
from .test_layers import MODULES

FORMATTED = ("table", "actions", "matrix", "gaps", "trend", "shared", "report")
FORMATS = {"table": "text, markdown, csv, json, docx", "report": "html, docx"}


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("command", FORMATTED)
def test_an_unknown_format_names_the_ones_the_command_has(command):
    result = run(command, EXAMPLE, "--format", "xlsx")
    assert result.exit_code == 2
    formats = FORMATS.get(command, "text, markdown, csv, json")
    expected = f"error: unknown format 'xlsx'; choose one of {formats}"
    assert one_line(result) == expected
    assert result.stdout == ""
    upper = "DOCX" if command == "report" else "CSV"  # any case, as before
    assert run(command, EXAMPLE, "--format", upper, "--output", "/dev/null").exit_code == 0


@pytest.mark.parametrize("argv", [["table", "FILE"], ["validate", "FILE"], ["report", "FILE"],
                                  ["diff", "FILE", "new.yaml"], ["interview", "FILE"]])
def test_a_csv_where_a_worksheet_goes_points_to_record(tmp_path, argv):
    values = tmp_path / "round2.csv"
    values.write_text("measure,date,value,note\nm1,2026-12-31,4,\n")
    before = sorted(tmp_path.iterdir())
    result = run(*[values if a == "FILE" else a for a in argv])
    assert result.exit_code == 1
    assert one_line(result) == (
        f"error: {values} is not a worksheet; to record its values: "
        f"measurekit record FILE --from {values}"
    )
    assert sorted(tmp_path.iterdir()) == before


def test_as_of_takes_the_interviews_date_shortcuts():
    def rows(as_of: str) -> str:
        result = run("actions", EXAMPLE, "--as-of", as_of, "--format", "json")
        assert result.exit_code == 0, result.output
        return result.stdout

    assert rows("2027-03") == rows("2027-03-31")  # a month means its last day
    assert rows("today") == rows(date.today().isoformat())
    assert rows("+2w") == rows((date.today() + timedelta(weeks=2)).isoformat())
    wrong = run("trend", EXAMPLE, "--as-of", "next tuesday")
    assert wrong.exit_code == 2 and "today, +2w" in wrong.stderr


def test_partner_takes_a_unique_start_of_an_id_or_name():
    pairs = [("juvenile-probation", "Alder County Juvenile Probation Department"),
             ("alder-unified-schools", "Alder Unified School District"),
             ("clinics", "Clinics")]
    assert pick_partner(pairs, "juv") == "juvenile-probation"
    assert pick_partner(pairs, "alder unified") == "alder-unified-schools"
    assert pick_partner(pairs, "CLIN") == "clinics"
    with pytest.raises(LookupError, match="could be any of: juvenile-probation .*; alder-unified"):
        pick_partner(pairs, "alder")
    page = run("report", EXAMPLE, "--partner", "riverbend", "--partner", "Alder Unified")
    assert page.exit_code == 0, page.output
    assert 'id="partner-riverbend-youth-services"' in page.stdout
    assert 'id="partner-alder-unified-schools"' in page.stdout
    ambiguous = run("report", EXAMPLE, "--partner", "alder")
    assert ambiguous.exit_code == 2 and ambiguous.stdout == ""
    message = one_line(ambiguous)
    assert message.startswith("error: --partner: 'alder' could be any of: ")
    assert "alder-unified-schools (Alder Unified School District)" in message
    assert "alder-city-police (Alder City Police Department)" in message


def test_usage_lines_name_file_without_braces():
    for command in COMMANDS:
        result = CliRunner().invoke(app, [command.__name__, "--help"])
        usage = result.stdout.splitlines()[0]
        assert usage.startswith(f"Usage: measurekit {command.__name__} [OPTIONS]")
        assert "{" not in usage and "}" not in usage, usage


def test_counts_and_possessives_read_as_english():
    assert (count(1, "partner"), count(2, "partner"), count(3, "work plan item")) == (
        "1 partner", "2 partners", "3 work plan items")
    assert (possessive("Clinics"), possessive("Juvenile Court")) == ("Clinics'", "Juvenile Court's")
    summary = Wording("{partners:partner}, {gaps:gap}").format(partners=1, gaps=1)
    assert summary == "1 partner, 1 gap"
    clinics = {"name": "Clinics", "status": "current"}
    asked = questions.build("partner", "contribution", clinics, {"partners": [clinics]},
                            date(2026, 12, 1))
    assert asked.message.startswith("Clinics' ") and "Clinics's" not in asked.message
    assert "(s)" not in questions.w.SUMMARY.format(indicators=1, partners=1, current=1,
                                                     desired=0, measures=1, shared=1, work=1,
                                                     open=1, gaps=1)


@pytest.mark.parametrize("argv", [["chart", EXAMPLE], ["report", EXAMPLE]])
def test_a_page_or_picture_is_not_printed_onto_a_terminal(tmp_path, argv):
    terminal = Environment(stdin_isatty=True, stdout_isatty=True, no_color=True, width=80)
    result = CliRunner().invoke(app, [str(a) for a in argv], obj=terminal)
    assert result.exit_code == 2 and result.stdout == ""
    line = one_line(result)
    assert line.startswith(f"error: {argv[0]}: ") and "--output FILE" in line
    piped = run(*argv)  # a pipe gets the markup, as before
    assert piped.exit_code == 0 and piped.stdout.lstrip().startswith("<")
    written = tmp_path / "out"
    to_file = CliRunner().invoke(app, [*map(str, argv), "--output", str(written)], obj=terminal)
    assert to_file.exit_code == 0 and written.read_text().lstrip().startswith("<")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_report_since_outside_git_says_so(tmp_path):
    copy = tmp_path / "ws.yaml"
    copy.write_bytes(EXAMPLE.read_bytes())
    result = run("report", copy, "--since", "HEAD")
    assert result.exit_code == 2
    assert one_line(result) == f"error: {copy} is not in a git repository; --since needs one"


def test_the_interview_opens_a_partner_by_the_start_of_its_name(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    code, asker = interview(path, [("partner.menu", "back"), ("finish", "save")],
                            partner="port halden lib")
    assert code == 0
    [menu] = [q for q in asker.asked if q.key == "partner.menu"]
    assert menu.message.startswith("Port Halden Library")


def test_no_message_writes_a_plural_as_s_in_brackets():
    """Counts go through text.count or a Wording ({n:partner}), never "partner(s)"; a
    possessive of a name through {name:'s}, so "Clinics" becomes "Clinics'"."""
    wrong = []
    for path in MODULES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings
                    and (re.search(r"[a-z]\(s\)", node.value) or "}'s" in node.value)):
                wrong.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
    assert wrong == []
