"""`measurekit gaps`: what is still missing, grouped by step, with the command that fills it."""

from __future__ import annotations

import shlex

import typer.main

from measurekit.cli import app
from measurekit.core.model import REFLECTION_FIELDS
from measurekit.core.vocabulary import SECTIONS

from .conftest import EXAMPLE, STARTER
from .report_support import csv_rows, json_rows, measure, partner, run, worksheet, write_worksheet

ANSWERS = {field: f"Answer about {field}" for field in REFLECTION_FIELDS}


def unfinished():
    """One complete partner and one of every gap kind but the two that need an empty file."""
    return worksheet(
        partners=[
            partner("done", contribution="Does it all", measures=[measure("done-m")]),
            partner("bare"),
            partner(
                "half",
                contribution="Half of it",
                measures=[measure("half-m", "how_much", target_date=None)],
            ),
            partner("wanted", "external", "desired"),
        ],
        shared_measures=[{"id": "alone", "name": "Alone", "partners": ["done"]}],
        next_steps=[
            {"who": "Ada", "what": "Call", "by_when": "2027-01-10", "partner": "done"},
            {"who": "Ada", "what": "Call", "by_when": "2027-01-10", "partner": "half"},
        ],
        reflection={**ANSWERS, "competition": None},
    )


def test_every_kind_grouped_by_step_with_its_item(tmp_path):
    path = write_worksheet(tmp_path, unfinished(), "team worksheet.yaml")
    rows = json_rows(run("gaps", path, "--format", "json"))
    assert [(r["step"], r["kind"], r["partner"], r["item"]) for r in rows] == [
        ("1", "no_why_not_engaged", "wanted", None),
        ("2", "no_contribution", "bare", None),
        ("2", "no_measures", "bare", None),
        ("2", "no_next_step", "bare", None),
        ("2", "no_better_off", "half", None),
        ("2", "measure_incomplete", "half", "half-m"),
        ("3", "no_engagement_plan", "wanted", None),
        ("3", "no_better_off", "wanted", None),
        ("3", "no_next_step", "wanted", None),
        ("shared", "shared_single_partner", None, "alone"),
        ("reflection", "reflection_unanswered", None, "competition"),
    ]
    assert all(
        {"kind", "partner", "item", "message", "step", "step_title", "command"} == set(r)
        for r in rows
    )
    assert rows[5]["message"] == "Half · half m: no target date"
    # The complete partner never shows up.
    assert not any(r["partner"] == "done" or "Done" in r["message"] for r in rows)


def test_each_gap_has_a_command_the_interview_accepts(tmp_path):
    path = write_worksheet(tmp_path, unfinished(), "team worksheet.yaml")
    rows = json_rows(run("gaps", path, "-f", "json"))
    interview = typer.main.get_command(app).commands["interview"]  # type: ignore[attr-defined]
    options = {opt for param in interview.params for opt in param.opts}
    for row in rows:
        argv = shlex.split(row["command"])
        assert argv[:3] == ["measurekit", "interview", str(path)]  # quoted: the path has a space
        option, value = argv[3:]
        assert option in options
        if row["partner"]:
            assert (option, value) == ("--partner", row["partner"])
        else:
            assert option == "--section" and value in SECTIONS
    assert rows[-2]["command"].endswith("--section shared-measures")
    assert rows[-1]["command"].endswith("--section reflection")


def test_text_lists_each_command_once_on_its_own_line(tmp_path):
    path = write_worksheet(tmp_path, unfinished())
    text = run("gaps", path, width=80).stdout
    assert "Gaps: 11 (Step 1 · Critical partners: 1, Step 2 · Current partners: 5," in text
    # A command wider than the terminal goes on with a shell's " \\": it still pastes whole.
    # (a path wider than the terminal on its own is the one thing left whole: it cannot fold)
    assert all(len(line) <= 80 or str(path) in line for line in text.splitlines())
    pasted = text.split("one command per partner or section:\n")[1].replace(" \\\n", " ")
    commands = [" ".join(shlex.split(line)) for line in pasted.splitlines()]
    assert commands == [
        f"measurekit interview {path} --partner {target}" for target in ("wanted", "bare", "half")
    ] + [f"measurekit interview {path} --section {s}" for s in ("shared-measures", "reflection")]


def test_at_80_columns_a_long_path_is_never_folded_and_each_command_reads_whole(tmp_path):
    folder = tmp_path / "a-rather-long-folder-name-for-the-partnership-worksheets"
    folder.mkdir()
    path = write_worksheet(folder, unfinished(), "alder-county-youth-justice-and-graduation.yaml")
    text = run("gaps", path, width=80).stdout
    rows = json_rows(run("gaps", path, "-f", "json"))
    assert "+---" not in text  # no table folding the path: a block per gap instead
    # The path is whole wherever it is shown: in every gap's block and in the list at the end.
    assert text.count(str(path)) == len(rows) + len({row["command"] for row in rows})
    blocks = text.split("one command per partner or section:")[0].split("\nFill it with:")[1:]
    shown = [" ".join(block.split("\n\n")[0].replace(" \\\n", " ").split()) for block in blocks]
    assert shown == [row["command"] for row in rows]  # each command, on lines of its own
    for row in rows:  # and no id broken across lines
        target = row["command"].split()[-1]
        assert any(line.rstrip(" \\").endswith(" " + target) for line in text.splitlines())
    assert all(len(line) <= 80 for line in text.splitlines() if str(path) not in line)


def test_csv_and_markdown(tmp_path):
    path = write_worksheet(tmp_path, unfinished())
    rows = csv_rows(run("gaps", path, "-f", "csv"))
    assert rows[0] == ["Step", "Partner id", "Item", "What is missing", "Fill it with"]
    assert rows[1] == [
        "Step 1 · Critical partners",
        "wanted",
        "",
        "Wanted: no hypothesis yet of why they are not engaged",
        f"measurekit interview {path} --partner wanted",
    ]
    assert len(rows) == 12
    assert (
        "| Reflection | reflection not answered: competition |"
        in run("gaps", path, "-f", "markdown").stdout
    )


def test_empty_worksheet_gaps(tmp_path):
    rows = json_rows(run("gaps", write_worksheet(tmp_path, worksheet()), "-f", "json"))
    assert [r["kind"] for r in rows] == ["no_partners"] + ["reflection_unanswered"] * 6
    assert [r["item"] for r in rows[1:]] == list(REFLECTION_FIELDS)
    no_shared = worksheet(partners=[partner("p")])
    kinds = [
        r["kind"]
        for r in json_rows(
            run("gaps", write_worksheet(tmp_path, no_shared, "b.yaml"), "-f", "json")
        )
    ]
    assert "no_shared_measures" in kinds


def complete():
    """A worksheet with nothing missing."""
    return worksheet(
        partners=[
            partner("one", contribution="Yes", measures=[measure("one-m")]),
            partner(
                "two",
                "external",
                "desired",
                why_not_engaged="Busy",
                engagement_plan="Invite",
                measures=[measure("two-m")],
            ),
        ],
        shared_measures=[{"id": "both", "name": "Both", "partners": ["one", "two"]}],
        next_steps=[
            {"who": "A", "what": "B", "by_when": "2027-01-01", "partner": p} for p in ("one", "two")
        ],
        reflection=ANSWERS,
    )


def test_complete_worksheet_has_no_gaps(tmp_path):
    path = write_worksheet(tmp_path, complete())
    assert json_rows(run("gaps", path, "-f", "json")) == []
    assert "Nothing is missing" in run("gaps", path).stdout


def test_a_shared_measure_listing_one_partner_twice_is_shared_by_one(tmp_path):
    data = complete()
    data["shared_measures"][0]["partners"] = ["one", "one"]
    rows = json_rows(run("gaps", write_worksheet(tmp_path, data), "-f", "json"))
    assert [(r["kind"], r["item"]) for r in rows] == [("shared_single_partner", "both")]


def test_example_worksheets():
    rows = json_rows(run("gaps", EXAMPLE, "-f", "json"))
    # The example shows a stale story and a measure waiting for its forecast.
    assert [(r["kind"], r["item"]) for r in rows[:2]] == [
        ("stale_story", "probation-informal-adjustment"),
        ("no_forecast", "riverbend-youth-enrolled"),
    ]
    rows = rows[2:]
    assert {(r["kind"], r["step"]) for r in rows} == {("measure_incomplete", "3")}
    assert [r["item"] for r in rows] == [
        "police-referral-time",
        "police-no-rearrest",
        "da-petitions-declined-to-diversion",
        "da-diverted-no-new-petition",
        "workforce-placement-completion",
        "workforce-enrolled-after-placement",
    ]
    starter = json_rows(run("gaps", STARTER, "-f", "json"))
    order = ["1", "2", "3", "shared", "reflection"]
    steps = [order.index(r["step"]) for r in starter]
    assert len(starter) == 15 and steps == sorted(steps)


def test_a_measure_with_a_target_but_no_data_is_a_gap_filled_by_record(tmp_path):
    data = worksheet(
        partners=[
            partner("court", measures=[
                measure("no-data"),
                measure("with-data", history=[{"date": "2026-06-30", "value": 12}]),
                measure("no-target", complete=False),
            ]),
            partner("later", "external", "desired", measures=[measure("guess")]),
        ],
        shared_measures=[{"id": "together", "name": "Together", "partners": ["court"],
                          "target": "60%"}],
    )
    path = write_worksheet(tmp_path, data)
    rows = [r for r in json_rows(run("gaps", path, "--format", "json")) if r["kind"] == "no_data"]
    assert [(r["partner"], r["item"]) for r in rows] == [("court", "no-data"), (None, "together")]
    text = run("gaps", path, width=200).stdout
    assert f"measurekit record {shlex.quote(str(path))} --partner court" in text
    assert f"measurekit record {shlex.quote(str(path))}\n" in text or (
        f"measurekit record {shlex.quote(str(path))} " in text)


def test_turning_the_curve_gaps(tmp_path):
    def history(*values):
        return [{"date": f"{2023 + i}-06-30", "value": v} for i, v in enumerate(values)]

    data = worksheet(
        schema_version=3,
        indicators=[
            {"id": "rate", "name": "Referral rate", "direction": "down"},  # no data
            {"id": "grad", "name": "Graduation", "history": history("80%", "81%", "83%"),
             "baseline": "80%", "target": "88%", "story": "Summer school.",
             "story_on": "2025-06-30", "forecast": history("80%")},  # written with the latest
        ],
        partners=[partner("court", contribution="Diverts", measures=[
            # 30 days against a 14-day target, no baseline: which way is better?
            measure("days", "how_well", complete=False, target=14, target_date="2027-06-30",
                    history=history(34, 30)),
            measure("told", "how_well", complete=False, target=14, direction="down"),
            measure("three", history=history(10, "n/a", 12, 15), story="Two new staff.",
                    story_on="2024-01-15"),  # before the latest point (2026-06-30)
            measure("two", history=history(10, 12)),
        ])],
        next_steps=[{"who": "Ada", "what": "Call", "by_when": "2027-01-10", "partner": "court"}],
    )
    path = write_worksheet(tmp_path, data)
    rows = json_rows(run("gaps", path, "--format", "json"))
    found = [(r["kind"], r["step"], r["item"]) for r in rows
             if r["kind"] in ("indicator_no_data", "no_direction", "stale_story", "no_forecast")]
    assert found == [
        ("indicator_no_data", "result", "rate"),
        ("no_direction", "2", "days"),
        ("stale_story", "2", "three"),
        ("no_forecast", "2", "three"),  # three numbers, the text value left out
    ]
    text = run("gaps", path, width=200).stdout
    quoted = shlex.quote(str(path))
    assert f"measurekit forecast {quoted} --measure three" in text
    assert f"measurekit record {quoted}\n" in text  # the indicator's data
    assert "The result's population indicators" in text
    [stale] = [r for r in rows if r["kind"] == "stale_story"]
    assert stale["message"] == ("Court · three: the story was written on 2024-01-15, before the "
                                "latest point (2026-06-30)")
    # Told which way is better, a measure is not asked it again.
    assert ("no_direction", "told") not in {(r["kind"], r["item"]) for r in rows}
