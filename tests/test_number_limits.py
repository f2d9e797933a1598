"""Numbers too large to compute with are refused where they are typed (issue 17, items 11-12).

A worksheet, a csv and the record prompt all refuse a value that is not finite or has
more than 15 significant digits, with the line (and column) where it was written; so no
command further on (trend, report) meets one.
"""

from __future__ import annotations

import pytest

from measurekit.core.values import number_or_text

from .helpers import ENTER, SMALL, interview, write_small
from .report_support import run

HUGE = "9" * 401


def worksheet_with(tmp_path, old: str, new: str):
    assert old in SMALL
    path = tmp_path / "ws.yaml"
    path.write_text(SMALL.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "where", "words"), [
    ("baseline: 320", "baseline: 1.0e+309", "ws.yaml:16:15", "15 significant digits"),
    ("target: 500", f"target: {HUGE}", "ws.yaml:17:13", "15 significant digits"),
    ("target: 500", f"target: '{HUGE}'", "ws.yaml:17:13", "15 significant digits"),
    ("target: 500", "target: 1234567890123456.5", "ws.yaml:17:13", "15 significant digits"),
    ("baseline: 43%", f"baseline: {HUGE}%", "ws.yaml:22:15", "15 significant digits"),
    ("baseline: 320", "baseline: " + "9" * 5000, "ws.yaml:16:15", "15 significant digits"),
    ("baseline: 320", "baseline: 1.0e+300", "ws.yaml:16:15", "15 significant digits"),
    ("baseline: 320", "baseline: 0.30000000000000004", "ws.yaml:16:15", "significant digits"),
])
@pytest.mark.parametrize("command", ["validate", "trend", "report", "table"])
def test_a_number_too_large_is_refused_with_its_line_and_column(tmp_path, old, new, where,
                                                                 words, command):
    path = worksheet_with(tmp_path, old, new)
    result = run(command, path)
    assert result.exit_code == 1, result.output
    assert where in result.output and words in result.output, result.output
    assert ("partners[0].measures[0]" in result.output or "partners[0].measures[1]"
            in result.output), result.output  # the field's path
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("value", ["123456789012345", "0.000000000000001", "-1.5", "1,250",
                                   "99.9%", "1.0e-300", "1.5e+3"])
def test_numbers_within_the_limit_still_load(tmp_path, value):
    path = worksheet_with(tmp_path, "baseline: 320", f"baseline: {value}")
    assert run("trend", path).exit_code == 0


@pytest.mark.parametrize("text", [HUGE, "9" * 5000, "1" * 400 + ".5", "1234567890123456"])
def test_the_prompt_refuses_a_huge_number_in_its_own_words(text):
    with pytest.raises(ValueError) as refused:
        number_or_text(text)
    message = str(refused.value)
    assert "15 significant digits" in message and "int_max_str_digits" not in message


def test_the_record_prompt_asks_again_after_a_huge_number(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    from datetime import date

    code, asker = interview(path, [
        ("record.date", ENTER),
        ("record.value", "9" * 5000), ("record.value", "410"), ("record.note", ENTER),
        ("record.value", ENTER), ("record.value", ENTER), ("record.value", ENTER),
        ("finish", "save"),
    ], record_on=date(2026, 12, 31))
    assert code == 0
    [(raw, reason)] = asker.refused
    assert raw == "9" * 5000 and "15 significant digits" in reason
    assert "int_max_str_digits" not in reason


@pytest.mark.parametrize("written", ["9" * 20, "1.0e+309", "0.30000000000000004"])
def test_a_long_number_in_a_text_field_is_the_text_as_written(tmp_path, written):
    from measurekit.core import store

    path = worksheet_with(tmp_path, "title: Reads by Eight", f"title: {written}")
    assert store.load_worksheet(path).title == written


def test_a_float_that_cannot_be_kept_is_refused_by_the_model_too():
    from pydantic import ValidationError

    from measurekit.core.model import Point

    for value in (float("inf"), float("nan"), 1e15, 0.1 + 0.2):
        with pytest.raises(ValidationError):
            Point(date="2026-12-31", value=value)
    assert Point(date="2026-12-31", value=0.3).value == 0.3
