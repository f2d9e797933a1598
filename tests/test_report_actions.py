"""`measurekit actions`: every commitment by date, with a status against --as-of."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .conftest import EXAMPLE
from .report_support import csv_rows, json_rows, partner, run, worksheet, write_worksheet

AS_OF = "2026-12-01"


def step(who, what, by_when, **fields):
    return {"who": who, "what": what, "by_when": by_when, **fields}


@pytest.fixture
def commitments(tmp_path):
    data = worksheet(
        partners=[partner("court"), partner("library", "external", "desired")],
        next_steps=[
            step("Ada", "A overdue", "2026-11-20", partner="court", step=2),
            step("Ben", "B due today", "2026-12-01", with_whom="Ada's team"),
            step("Cy", "C last day of the window", "2026-12-15"),
            step("Cy", "D just after the window", "2026-12-16"),
            step("Ada", "E done long ago", "2026-10-01", done=True),
            step("Dee", "F same day as A", "2026-11-20", partner="library", step=3),
            step("Eve", "G one day late", "2026-11-30"),
        ],
        work_plan=[
            {"what": "W1 no date yet", "lead": "Ada"},
            {
                "what": "W2 due",
                "lead": "Finn",
                "partners": ["court", "library"],
                "start": "2026-11-01",
                "due": "2026-12-10",
            },
            {"what": "W3 done, no date", "done": True},
            {
                "what": '=HYPERLINK("http://x")|pipe',
                "lead": "[bold red]Gil[/]",
                "due": "2027-01-01",
            },
        ],
    )
    return write_worksheet(tmp_path, data)


def test_open_rows_by_date_then_undated_then_done(commitments):
    rows = json_rows(run("actions", commitments, "--as-of", AS_OF, "--format", "json"))
    assert [r["what"][:2] for r in rows] == [
        "A ",
        "F ",
        "G ",
        "B ",
        "W2",
        "C ",
        "D ",
        "=H",
        "W1",
        "E ",
        "W3",
    ]
    assert [r["status"] for r in rows] == [
        "overdue",
        "overdue",
        "overdue",
        "due_soon",
        "due_soon",
        "due_soon",
        "later",
        "later",
        "no_date",
        "done",
        "done",
    ]
    assert [r["days_late"] for r in rows[:4]] == [11, 11, 1, None]


def test_json_rows_carry_both_sources_in_one_shape(commitments):
    rows = json_rows(run("actions", commitments, "--as-of", AS_OF, "-f", "json"))
    keys = {
        "status",
        "days_late",
        "by_when",
        "what",
        "who",
        "lead",
        "with_whom",
        "partner",
        "partners",
        "source",
        "step",
        "start",
        "done",
    }
    assert all(set(r) == keys for r in rows)
    first = rows[0]
    assert first == {
        "status": "overdue",
        "days_late": 11,
        "by_when": "2026-11-20",
        "what": "A overdue",
        "who": "Ada",
        "lead": None,
        "with_whom": None,
        "partner": "court",
        "partners": ["court"],
        "source": "next_step",
        "step": 2,
        "start": None,
        "done": False,
    }
    w2 = next(r for r in rows if r["what"] == "W2 due")
    assert w2["source"] == "work_plan" and w2["who"] == w2["lead"] == "Finn"
    assert w2["by_when"] == "2026-12-10" and w2["start"] == "2026-11-01"
    assert w2["partner"] is None and w2["partners"] == ["court", "library"]
    w1 = next(r for r in rows if r["what"] == "W1 no date yet")
    assert w1["by_when"] is None and w1["status"] == "no_date"


def test_days_sets_the_due_soon_window(commitments):
    rows = json_rows(run("actions", commitments, "--as-of", AS_OF, "--days", "0", "-f", "json"))
    status = {r["what"][:2]: r["status"] for r in rows}
    assert status["B "] == "due_soon"  # due on the as-of day itself
    assert status["W2"] == status["C "] == "later"
    assert run("actions", commitments, "--days", "-1").exit_code == 2


def test_who_keeps_who_lead_and_with_whom_matches_ignoring_case(commitments):
    for text in ("ada", "ADA"):
        rows = json_rows(run("actions", commitments, "--as-of", AS_OF, "--who", text, "-f", "json"))
        assert [r["what"][:2] for r in rows] == ["A ", "B ", "W1", "E "]
    rows = json_rows(run("actions", commitments, "--who", "finn", "-f", "json"))
    assert [r["what"] for r in rows] == ["W2 due"]
    result = run("actions", commitments, "--who", "nobody")
    assert result.exit_code == 0 and "mentions 'nobody'" in result.stdout
    assert json_rows(run("actions", commitments, "--who", "nobody", "-f", "json")) == []


def test_text_shows_overdue_rows_and_never_reads_markup(commitments):
    plain = run("actions", commitments, "--as-of", AS_OF, width=160)
    assert plain.exit_code == 0, plain.output
    assert "OVERDUE" in plain.stdout and "11 days late" in plain.stdout
    assert "1 day late" in plain.stdout and "\x1b[" not in plain.stdout
    assert "[bold red]Gil[/]" in plain.stdout  # shown as typed, not styled
    assert "3 overdue, 3 due soon, 2 later, 1 no date, 2 done" in plain.stdout
    coloured = run("actions", commitments, "--as-of", AS_OF, color=True, width=140)
    overdue_line = next(line for line in coloured.stdout.splitlines() if "OVERDUE" in line)
    assert "\x1b[1;31m" in overdue_line  # bold red
    later_line = next(line for line in coloured.stdout.splitlines() if "D just after" in line)
    assert "\x1b[1;31m" not in later_line


def test_csv_and_markdown_are_safe(commitments):
    rows = csv_rows(run("actions", commitments, "--as-of", AS_OF, "-f", "csv"))
    assert rows[0] == ["Status", "Days late", "By when", "Who", "What", "With whom",
                       "Partner ids", "Partners", "From", "Step"]  # one value per cell
    assert len(rows) == 12
    assert rows[1][:5] == ["overdue", "11", "2026-11-20", "Ada", "A overdue"]
    formula = next(r for r in rows if "HYPERLINK" in r[4])
    assert formula[4].startswith("'=")  # a spreadsheet shows it, never runs it
    assert rows[5][6:8] == ["court; library", "Court; Library"]  # a work item's partners
    markdown = run("actions", commitments, "--as-of", AS_OF, "-f", "markdown").stdout
    assert 'HYPERLINK("http://x")\\|pipe' in markdown


@pytest.mark.parametrize("bad", ["2026-02-30", "12/01/2026", "next week", ""])
def test_a_bad_as_of_is_a_usage_error_and_writes_nothing(commitments, tmp_path, bad):
    out = tmp_path / "out.txt"
    result = run("actions", commitments, "--as-of", bad, "--output", out)
    assert result.exit_code == 2
    assert "--as-of" in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_as_of_defaults_to_today(tmp_path):
    today = date.today()
    data = worksheet(
        next_steps=[
            step("Ada", "yesterday", (today - timedelta(days=1)).isoformat()),
            step("Ada", "today", today.isoformat()),
            step("Ada", "next month", (today + timedelta(days=40)).isoformat()),
        ]
    )
    rows = json_rows(run("actions", write_worksheet(tmp_path, data), "-f", "json"))
    assert [(r["what"], r["status"]) for r in rows] == [
        ("yesterday", "overdue"),
        ("today", "due_soon"),
        ("next month", "later"),
    ]


def test_example_worksheet(tmp_path):
    rows = json_rows(run("actions", EXAMPLE, "--as-of", "2026-12-15", "-f", "json"))
    assert [r["status"] for r in rows] == ["overdue", "due_soon"] + ["later"] * 8 + ["done"] * 2
    assert rows[0]["who"] == "Janet Price, County Administrator" and rows[0]["days_late"] == 5
    assert [r["by_when"] for r in rows[-2:]] == ["2026-11-15", "2026-11-25"]
    dates = [r["by_when"] for r in rows[:10]]
    assert dates == sorted(dates)
    tom = json_rows(
        run("actions", EXAMPLE, "--as-of", "2026-12-15", "--who", "tom reyes", "-f", "json")
    )
    assert len(tom) == 4 and all(
        "Tom Reyes" in (r["who"] or "") + (r["with_whom"] or "") for r in tom
    )


def test_output_file_and_never_over_the_worksheet(commitments, tmp_path):
    before = commitments.read_bytes()
    out = tmp_path / "actions.md"
    result = run("actions", commitments, "--as-of", AS_OF, "-f", "markdown", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Next steps: Test worksheet")
    refused = run("actions", commitments, "-o", commitments)
    assert refused.exit_code == 2 and "is the worksheet being read" in refused.stderr
    assert commitments.read_bytes() == before
