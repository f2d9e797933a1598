"""`record --from` reads a spreadsheet's csv as it was written (issue 17, items 2, 3, 12, 13).

A csv that does not parse cleanly is refused whole, at the physical line where the
trouble starts; notes keep their line breaks; a European export's decimal commas are
read as decimals, and the worksheet gets the numbers in its own form.
"""

from __future__ import annotations

import json

import pytest

from . import test_record
from .report_support import run
from .test_record import HEADER
from .test_record import history as points

small = test_record.small  # the fixture: the small worksheet, saved as the tool saves it


def refused(small, data, line, words):
    before = small.read_bytes()
    result = run("record", small, "--from", data)
    assert result.exit_code == 1, result.output
    assert f"{data.name}:{line}:" in result.output and words in result.output, result.output
    assert small.read_bytes() == before and not (small.parent / "small.yaml.bak").exists()
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.output


@pytest.mark.parametrize(("body", "line", "words"), [
    # A stray quote in the first note would glue every later row into it.
    ('story-time,2026-09-30,380,"Evening sessions\n'
     "story-time,2026-12-31,410,\n"
     "on-level,2026-12-31,45%,\n", 2, "never closes"),
    ("story-time,2026-12-31,410\n", 2, "3 cells, but the header names 4 columns"),
    ("story-time,2026-12-31,410,,extra\n", 2, "5 cells, but the header names 4 columns"),
    ('story-time,2026-12-31,"410"x,\n', 2, "quote"),
    ("story-time,2026-12-31,410,\nstory-time,2026-09-30,380,x,y\n", 3, "5 cells"),
    # physical lines: the quoted line break in line 2's note does not shift line 4
    ('story-time,2026-09-30,380,"two\nlines"\non-level,2026-12-31,45%\n', 4, "3 cells"),
    ("story-time,2026-12-31,410," + "n" * 131_073 + "\n", 2, "131,072 characters"),
])
def test_a_csv_that_does_not_parse_cleanly_is_refused_whole(small, tmp_path, body, line, words):
    data = tmp_path / "round.csv"
    data.write_text(HEADER + body, encoding="utf-8")
    refused(small, data, line, words)


def test_a_column_named_twice_is_refused(small, tmp_path):
    data = tmp_path / "round.csv"
    data.write_text("measure,date,value,value\nstory-time,2026-12-31,410,411\n", encoding="utf-8")
    refused(small, data, 1, "'value' is named twice")


@pytest.mark.parametrize(("value", "words"), [
    ("9" * 5000, "15 significant digits"),
    ("1" * 400 + ".5", "15 significant digits"),
])
def test_a_value_too_long_to_compute_with_is_refused_with_its_line(small, tmp_path, value, words):
    data = tmp_path / "round.csv"
    data.write_text(HEADER + "on-level,2026-12-31,45%,\nstory-time,2026-12-31," + value + ",\n",
                    encoding="utf-8")
    output = refused(small, data, 3, words)
    assert ".inf" not in output and "int_max_str_digits" not in output


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_notes_keep_their_line_breaks_and_line_separators(small, tmp_path, newline):
    data = tmp_path / "round.csv"
    rows = ['story-time,2026-09-30,380,"First line\nsecond line"', "story-time,2026-12-31,410,"
            "Kept\u2028together", "on-level,2026-12-31,45%,"]
    data.write_bytes((HEADER.strip() + newline + newline.join(rows) + newline).encode())
    result = run("record", small, "--from", data)
    assert result.exit_code == 0, result.output
    assert points(small, "story-time") == [("2026-09-30", 380, "First line\nsecond line"),
                                           ("2026-12-31", 410, "Kept\u2028together")]
    assert points(small, "on-level") == [("2026-12-31", "45%", None)]


def test_an_error_after_a_quoted_line_break_names_its_physical_line(small, tmp_path):
    data = tmp_path / "round.csv"
    data.write_text(HEADER + 'story-time,2026-09-30,380,"one\ntwo\nthree"\n'
                    "nope,2026-12-31,1,\n", encoding="utf-8")
    refused(small, data, 5, "no measure has the id 'nope'")


EUROPEAN = "measure;date;value;note\n"


@pytest.mark.parametrize(("value", "kept"), [
    ("2,5", 2.5), ("2,500", 2.5), ("1.250,5", 1250.5), ("410", 410), ("-0,75", -0.75),
    ("12,5%", "12.5%"), ("about 40", "about 40"),
])
def test_with_semicolons_a_comma_is_the_decimal_mark(small, tmp_path, value, kept):
    data = tmp_path / "export.csv"
    data.write_text(EUROPEAN + f"story-time;2026-12-31;{value};Abend; spät\n".replace(
        "Abend; spät", '"Abend; spät"'), encoding="utf-8")
    result = run("record", small, "--from", data)
    assert result.exit_code == 0, result.output
    assert points(small, "story-time") == [("2026-12-31", kept, "Abend; spät")]
    if isinstance(kept, float):  # the worksheet's own form
        assert f"value: {kept}\n" in small.read_text(encoding="utf-8")


def test_a_dot_in_a_decimal_comma_csv_is_not_guessed(small, tmp_path):
    data = tmp_path / "export.csv"
    data.write_text(EUROPEAN + "story-time;2026-12-31;3.5;\n", encoding="utf-8")
    refused(small, data, 2, "decimal comma")


def test_with_commas_a_comma_groups_thousands(small, tmp_path):
    data = tmp_path / "round.csv"
    data.write_text(HEADER + 'story-time,2026-12-31,"1,250",\n', encoding="utf-8")
    assert run("record", small, "--from", data).exit_code == 0
    assert points(small, "story-time") == [("2026-12-31", "1,250", None)]
    result = run("trend", small, "--format", "json", "--as-of", "2027-01-01")
    [row] = [r for r in json.loads(result.output) if r["measure"] == "story-time"]
    assert row["status"] == "met" and row["change_since_baseline"] == 1250 - 320, row


def test_with_commas_a_decimal_comma_is_refused_not_guessed(small, tmp_path):
    data = tmp_path / "round.csv"
    data.write_text(HEADER + 'story-time,2026-12-31,"2,5",\n', encoding="utf-8")
    output = refused(small, data, 2, "groups thousands")
    assert "--decimal-comma" in output


def test_decimal_comma_option_forces_the_european_reading(small, tmp_path):
    data = tmp_path / "round.csv"
    data.write_text(HEADER + 'story-time,2026-12-31,"2,500",\n', encoding="utf-8")
    result = run("record", small, "--from", data, "--decimal-comma")
    assert result.exit_code == 0, result.output
    assert points(small, "story-time") == [("2026-12-31", 2.5, None)]
