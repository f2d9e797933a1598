"""`measurekit matrix`: partners down, shared measures across, the missing links flagged."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLE, STARTER
from .report_support import (
    csv_rows,
    json_rows,
    measure,
    partner,
    run,
    worksheet,
    write_worksheet,
)


@pytest.fixture
def links(tmp_path):
    data = worksheet(
        partners=[
            partner(
                "c-clinic",
                "internal",
                "desired",
                name="C | Clinic",
                measures=[measure("c-m1", name="Clinic visits")],
            ),
            partner(
                "a-agency",
                measures=[
                    measure("a-m1", name="Agency cases"),
                    measure("a-m2", "how_much", name="Agency hours"),
                ],
            ),
            partner("d-district", "external", "desired", measures=[measure("d-m1", name="Pupils")]),
            partner("b-board", "external", measures=[measure("b-m1", name="Board seats")]),
        ],
        shared_measures=[
            {
                "id": "s1",
                "name": "Shared one",
                "partners": ["a-agency", "b-board"],
                "measures": ["a-m1", "b-m1"],
            },
            {
                "id": "s2",
                "name": "Lonely two",
                "partners": ["a-agency", "a-agency"],
                "measures": ["a-m2"],
            },
            {
                "id": "s3",
                "name": "Three",
                "partners": ["a-agency", "d-district"],
                "measures": ["d-m1", "c-m1"],
            },
        ],
    )
    return write_worksheet(tmp_path, data)


def test_json_has_one_row_per_partner_current_first(links):
    rows = json_rows(run("matrix", links, "--format", "json"))
    assert [r["partner"] for r in rows] == ["a-agency", "b-board", "c-clinic", "d-district"]
    a, b, c, d = rows
    assert a["shared_measures"] == [
        {
            "id": "s1",
            "name": "Shared one",
            "takes_part": True,
            "measures": ["a-m1"],
            "partner_count": 2,
            "fewer_than_two_partners": False,
        },
        {
            "id": "s2",
            "name": "Lonely two",
            "takes_part": True,
            "measures": ["a-m2"],
            "partner_count": 1,
            "fewer_than_two_partners": True,
        },
        {
            "id": "s3",
            "name": "Three",
            "takes_part": True,
            "measures": [],
            "partner_count": 2,
            "fewer_than_two_partners": False,
        },
    ]
    assert [s["id"] for s in b["shared_measures"]] == ["s1"]
    # The clinic's measure feeds s3, but the clinic is not listed: shown, yet it shares nothing.
    assert c["shared_measures"] == [
        {
            "id": "s3",
            "name": "Three",
            "takes_part": False,
            "measures": ["c-m1"],
            "partner_count": 2,
            "fewer_than_two_partners": False,
        },
    ]
    assert [r["shares_no_measure"] for r in rows] == [False, False, True, False]
    assert d["kind"] == "external" and d["status"] == "desired"


def test_csv_cells_marks_and_flags(links):
    rows = [row[1:] for row in csv_rows(run("matrix", links, "-f", "csv"))]  # ids, then cells
    assert rows[0] == [
        "Partner",
        "Shared one\n[2 partners]",
        "Lonely two\n[1 partner]\n(! fewer than two partners)",
        "Three\n[2 partners]",
        "Flag",
    ]
    assert rows[1] == [
        "A Agency\n(internal, current)",
        "●\n- Agency cases",
        "●\n- Agency hours",
        "●",
        "",
    ]
    assert rows[2] == ["B Board\n(external, current)", "●\n- Board seats", "", "", ""]
    assert rows[3] == [
        "C | Clinic\n(internal, desired)",
        "",
        "",
        "○ not listed as a partner\n- Clinic visits",
        "! shares no measure",
    ]
    assert rows[4][3] == "●\n- Pupils" and rows[4][4] == ""


def test_text_and_markdown_name_the_flags(links):
    text = run("matrix", links, width=140).stdout
    assert "Partners that share no measure: C | Clinic." in text
    assert "Shared measures with fewer than two partners: Lonely two." in text
    assert "○ a measure of the partner feeds the shared measure" in text
    markdown = run("matrix", links, "-f", "markdown").stdout
    assert "| C \\| Clinic<br>(internal, desired) |" in markdown
    assert "! shares no measure" in markdown


def test_example_worksheet_binds_every_partner():
    rows = json_rows(run("matrix", EXAMPLE, "-f", "json"))
    assert len(rows) == 7 and not any(r["shares_no_measure"] for r in rows)
    probation = rows[0]
    assert probation["partner"] == "juvenile-probation" and len(probation["shared_measures"]) == 4
    police = next(r for r in rows if r["partner"] == "alder-city-police")
    assert [s["id"] for s in police["shared_measures"]] == [
        "first-time-referrals-diverted",
        "no-new-referral-12-months",
    ]
    assert police["shared_measures"][0]["measures"] == ["police-juvenile-contacts-diverted"]
    assert not any(s["fewer_than_two_partners"] for r in rows for s in r["shared_measures"])


def test_starter_worksheet_shares_nothing_yet():
    rows = json_rows(run("matrix", STARTER, "-f", "json"))
    assert [r["shares_no_measure"] for r in rows] == [True, True, True]
    text = run("matrix", STARTER, width=200).stdout
    assert "No shared measures yet" in text and "--section shared-measures" in text


def test_no_partners_at_all(tmp_path):
    path = write_worksheet(tmp_path, worksheet())
    assert json_rows(run("matrix", path, "-f", "json")) == []
    assert "No partners yet" in run("matrix", path).stdout
