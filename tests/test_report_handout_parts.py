"""The handout's sections, audiences and partner pages: every answer reaches the page."""

from __future__ import annotations

import json
import re

from .conftest import EXAMPLE
from .report_support import run, worksheet, write_worksheet
from .test_report_handout import Page, handout

AS_OF = "2026-12-15"


def _marked_worksheet() -> tuple[dict, dict[str, str]]:
    """A worksheet where every field a person types holds its own marker.

    Returns the data and marker -> where it lives (`team` markers are the ones the
    partners' handout must leave out).
    """
    markers: dict[str, str] = {}

    def mark(name: str, where: str = "all") -> str:
        text = f"MK{len(markers):02d}{name.upper().replace('_', '')}"
        markers[text] = where
        return text

    def a_measure(mid: str, mtype: str, hypothesized: bool) -> dict:
        return {
            "id": mid,
            "name": mark("measure_name"),
            "type": mtype,
            "hypothesized": hypothesized,
            "baseline": mark("baseline"),
            "target": mark("target"),
            "target_date": "2031-01-0" + str(len(markers) % 9 + 1),
            "data_source": mark("data_source"),
            "notes": mark("measure_notes", "team"),
            "story": mark("story"),
            "direction": "up",
            "history": [{"date": "2026-03-01", "value": mark("point"), "note": mark("pnote")}],
        }

    data = worksheet(
        schema_version=2,
        title=mark("title"),
        result=mark("result"),
        action_plan=mark("action_plan"),
        facilitator=mark("facilitator"),
        notes=mark("ws_notes", "team"),
        partners=[
            {
                "id": "current-one",
                "name": mark("partner_name"),
                "kind": "internal",
                "status": "current",
                "why_critical": mark("why_critical"),
                "contribution": mark("contribution"),
                "strategy": mark("strategy"),
                "measures": [
                    a_measure("m-much", "how_much", False),
                    a_measure("m-well", "how_well", True),
                ],
                "notes": mark("partner_notes", "team"),
            },
            {
                "id": "desired-one",
                "name": mark("partner_name"),
                "kind": "external",
                "status": "desired",
                "why_critical": mark("why_critical"),
                # The team's read of a partner not yet at the table (issue 19 item 2).
                "why_not_engaged": mark("why_not_engaged", "team"),
                "contribution": mark("contribution"),
                "strategy": mark("strategy"),
                "engagement_plan": mark("engagement_plan", "team"),
                "measures": [a_measure("m-off", "better_off", True)],
            },
        ],
        shared_measures=[
            {
                "id": "shared-one",
                "name": mark("shared_name"),
                "definition": mark("definition"),
                "partners": ["current-one", "desired-one"],
                "measures": ["m-much", "m-off"],
                "baseline": mark("shared_baseline"),
                "target": mark("shared_target"),
                "target_date": "2032-02-02",
                "notes": mark("shared_notes", "team"),
            }
        ],
        work_plan=[
            {
                "what": mark("work_what"),
                "lead": mark("lead"),
                "partners": ["current-one"],
                "start": "2027-03-03",
                "due": "2027-04-04",
                "notes": mark("work_notes", "team"),
            }
        ],
        next_steps=[
            {
                # A next step of the plan to engage the desired partner: the team's.
                "who": mark("who", "team"),
                "what": mark("step_what", "team"),
                "with_whom": mark("with_whom", "team"),
                "by_when": "2027-05-05",
                "partner": "desired-one",
                "step": 3,
                "notes": mark("step_notes", "team"),
            }
        ],
        reflection={
            field: mark(field, "team")
            for field in (
                "systems_challenges",
                "role_challenges",
                "conversations_needed",
                "competition",
                "fragmentation",
                "results_culture",
                "notes",
            )
        },
    )
    return data, markers


DATES = ("2027-03-03", "2027-04-04", "2027-05-05", "2032-02-02")


def test_every_marker_reaches_the_team_handout_and_the_json(tmp_path):
    data, markers = _marked_worksheet()
    path = write_worksheet(tmp_path, data)
    html, page = handout(path, "--as-of", AS_OF)
    text = page.all_text
    missing = [m for m in markers if m not in text]
    assert missing == []
    assert all(d in text for d in DATES)
    # Partner rows (ids included) in table json; the shared measure in shared json.
    table_json = run("table", path, "--format", "json").stdout
    row_markers = [m for m in markers if m in json.dumps(data["partners"])]
    assert row_markers and [m for m in row_markers if m not in table_json] == []
    assert '"partner": "current-one"' in table_json and '"id": "m-well"' in table_json
    shared_json = run("shared", path, "--format", "json").stdout
    shared_markers = [m for m in markers if m in json.dumps(data["shared_measures"])]
    assert [m for m in shared_markers if m not in shared_json] == []


def test_the_partners_handout_leaves_out_reflection_gaps_and_notes(tmp_path):
    data, markers = _marked_worksheet()
    path = write_worksheet(tmp_path, data)
    html, page = handout(path, "--as-of", AS_OF, "--audience", "partners")
    text = page.all_text
    kept = [m for m, where in markers.items() if where == "all"]
    left_out = [m for m, where in markers.items() if where == "team"]
    assert len(left_out) == 20
    assert [m for m in kept if m not in text] == []
    assert [m for m in left_out if m in html] == []
    assert "reflection" not in page.ids and "gaps" not in page.ids
    assert "Prepared for the partners on 2026-12-15." in text
    team = handout(path, "--as-of", AS_OF)[1].all_text
    assert "Prepared for the team on 2026-12-15." in team


def test_the_page_to_bring_to_a_desired_partner(tmp_path):
    data, markers = _marked_worksheet()
    path = write_worksheet(tmp_path, data)
    html, page = handout(path, "--as-of", AS_OF, "--partner", "desired-one", "--audience",
                         "partners")
    desired = data["partners"][1]
    hoped = [desired["contribution"], desired["why_critical"], desired["measures"][0]["name"]]
    assert [m for m in hoped if m not in page.all_text] == []
    assert "Hypothesized contribution" in page.all_text
    left_out = [m for m, where in markers.items() if where == "team"]
    assert [m for m in left_out if m in html] == []
    assert "external partner, desired" in page.all_text  # named, with its kind


def test_the_partners_handout_of_the_example_keeps_the_team_s_read_of_desired_partners():
    team = handout(EXAMPLE, "--as-of", AS_OF)[1].all_text
    html, page = handout(EXAMPLE, "--as-of", AS_OF, "--audience", "partners")
    private = ["short-staffed", "department heads meeting", "youth committee",
               "Ask the District Attorney to name a liaison", "Why they may not be engaged"]
    assert all(text in " ".join(team.split()) for text in private)
    shown = " ".join(page.all_text.split())
    assert [text for text in private if text in shown] == []
    for name in ("Alder City Police Department", "Tri-Valley Workforce Development Board"):
        assert name in shown  # still named, with their kind
    assert "external partner, desired" in shown
    assert "Made with measurekit from youth-justice.yaml." in shown  # a file name, no folder
    assert "worksheets/" not in html


def test_hypothesized_measures_carry_a_badge_and_the_title_shows_once(tmp_path):
    data, markers = _marked_worksheet()
    html, page = handout(write_worksheet(tmp_path, data), "--as-of", AS_OF)
    badges = [v for tag, k, v in page.attrs if tag == "span" and k == "class" and v == "badge"]
    # Two hypothesized measures, each in the summary table and in its partner's card.
    assert len(badges) == 4
    title = data["title"]
    assert html.count(title) == 2  # the page's <title> and its heading, not the chart
    assert page.tags.count("h1") == 1


def test_dates_never_break_across_lines():
    html, _ = handout(EXAMPLE, "--as-of", AS_OF)
    body = html.split("<body>", 1)[1]
    body = re.sub(r"<svg.*</svg>", "", body, flags=re.S)
    dates = re.findall(r"(.{21})\d{4}-\d{2}-\d{2}", body)
    assert dates and all(before.endswith('<span class="nowrap">') for before in dates)


def test_a_page_per_partner(tmp_path):
    data, markers = _marked_worksheet()
    path = write_worksheet(tmp_path, data)
    html, page = handout(path, "--as-of", AS_OF, "--partner", "desired-one")
    text = page.all_text
    desired = json.dumps(data["partners"][1])
    for m in markers:
        if m in desired:
            assert m in text, m
    current_name = data["partners"][0]["name"]
    assert data["partners"][0]["why_critical"] not in text
    assert data["shared_measures"][0]["definition"] in text  # its shared measure
    assert data["next_steps"][0]["what"] in text  # its next step
    assert data["work_plan"][0]["what"] not in text  # the work item is the other partner's
    assert current_name in text  # named as its partner in the shared measure
    assert [i for i in page.ids if i.startswith("partner-")] == ["partner-desired-one"]
    both = Page(run("report", path, "--partner", "desired-one", "--partner", "current-one").stdout)
    assert [i for i in both.ids if i.startswith("partner-")] == [
        "partner-desired-one",
        "partner-current-one",
    ]
    unknown = run("report", path, "--partner", "nobody")
    assert unknown.exit_code == 2
    assert "no partner has an id or name starting with 'nobody'" in unknown.stderr
    assert unknown.stdout == ""
    assert run("report", path, "--audience", "everyone").exit_code == 2


def test_since_last_time_for_partners_leaves_out_the_team_s_changes(tmp_path):
    from measurekit.core.store import load_worksheet
    from measurekit.reports import changes, handout

    data, markers = _marked_worksheet()
    old = dict(data, reflection={}, next_steps=[])
    new_ws = load_worksheet(write_worksheet(tmp_path, data))
    old_ws = load_worksheet(write_worksheet(tmp_path, old, "old.yaml"))
    since = changes.build(old_ws, new_ws, "old.yaml", "new.yaml")
    kinds = {r["change"] for r in since.records}
    assert {"reflection", "next_step_added"} <= kinds
    team = handout.build(new_ws, "new.yaml", as_of=handout.date(2026, 12, 15), since=since)
    page = handout.build(new_ws, "new.yaml", as_of=handout.date(2026, 12, 15), since=since,
                         audience="partners")
    left_out = [m for m, where in markers.items() if where == "team"]
    assert [m for m in left_out if m in page] == []
    assert data["next_steps"][0]["what"] in team and data["reflection"]["competition"] in team
