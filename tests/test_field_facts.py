"""A field is one annotation plus its wording: its facts (core/facts.py) do the rest.

A model subclass adds a field with facts, and with nothing else changed it is asked
(in the quick pass too, offering the people named so far), diffed, listed as a gap,
exported by `table` (json and csv) and written in the JSON Schema.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import Field

from measurekit.core import schema_walk
from measurekit.core.facts import Facts, Missing
from measurekit.core.fieldtypes import OptText
from measurekit.core.gaps import find_gaps
from measurekit.core.model import Measure, Partner, Point, Worksheet
from measurekit.interview import steps
from measurekit.interview import wording as w
from measurekit.interview.flow import Flow
from measurekit.reports import changes, table
from measurekit.reports.formats import Format, render

from .helpers import FakeAsker
from .report_support import partner, worksheet

SPONSOR = Facts(quick=True, person=True, wide=True,
                gap=Missing("no_sponsor", "no sponsor yet", status="current"))


class SponsoredPartner(Partner):
    sponsor: OptText = Field(None, description="Who signs off on their part.",
                             json_schema_extra=SPONSOR)


class SponsoredWorksheet(Worksheet):
    partners: list[SponsoredPartner] = Field(  # type: ignore[assignment]
        [], description="Everyone who can contribute to the result.",
        json_schema_extra=Facts(diff="partner"))


DATA = worksheet(facilitator="Ana Diaz", partners=[partner("library", contribution="Hours")],
                 next_steps=[{"who": "Sam Lee", "what": "Call", "by_when": "2027-01-01",
                              "partner": "library"}])


@pytest.fixture
def sponsored(monkeypatch):
    """The subclass in the interview's registry of models, and the question's wording."""
    monkeypatch.setitem(schema_walk.MODELS, "partner", SponsoredPartner)
    monkeypatch.setitem(schema_walk.MODELS, "worksheet", SponsoredWorksheet)
    monkeypatch.setitem(w.QUESTIONS, "SponsoredPartner.sponsor", "Who signs off?")


@pytest.mark.parametrize("quick", [False, True])
def test_the_field_is_asked_in_its_place_with_people_to_pick(sponsored, quick):
    assert schema_walk.asked("partner")[-1] == "sponsor"
    data = SponsoredWorksheet.model_validate(DATA).model_dump(mode="json", exclude_none=True)
    library = data["partners"][0]
    # Step 2's other fields are in the summary table too, so the quick pass asks them.
    asker = FakeAsker([("partner.contribution", "Hours"), ("partner.strategy", ""),
                       ("partner.sponsor", "Ana Diaz")])
    steps.partner_fields(Flow(asker, data, date(2026, 12, 1), quick=quick), library, step=2)
    assert asker.script == [] and library["sponsor"] == "Ana Diaz"
    question = asker.asked[-1]
    assert question.message.startswith("Who signs off?")
    assert list(question.suggestions) == ["Ana Diaz", "Sam Lee"]


def test_the_field_is_diffed_a_gap_and_exported():
    old = SponsoredWorksheet.model_validate(DATA)
    new = old.model_copy(deep=True)
    new.partners[0].sponsor = "Ana Diaz"

    found = changes.changes(old, new)
    assert [(c.kind, c.partner, c.field, c.old, c.new) for c in found] == [
        ("changed", "library", "sponsor", None, "Ana Diaz")]
    assert found[0].what == "Library: sponsor"

    assert [(g.kind, g.partner, g.message) for g in find_gaps(old)
            if g.kind == "no_sponsor"] == [("no_sponsor", "library", "Library: no sponsor yet")]
    assert not [g for g in find_gaps(new) if g.kind == "no_sponsor"]

    rows = json.loads(render(table.build(new), Format.json))
    assert rows[0]["sponsor"] == "Ana Diaz"
    full = table.build(new, full=True)
    assert [c.header for c in full.columns if c.header == "Sponsor"] == ["Sponsor"]
    assert next(c for c in full.columns if c.header == "Sponsor").ratio == 3  # wide
    csv_text = render(full, Format.csv)
    assert "Sponsor" in csv_text.splitlines()[0] and "Ana Diaz" in csv_text


class CountedMeasure(Measure):
    unit: OptText = Field(None, description="What one counts.")


def test_table_full_writes_a_new_measure_field_after_the_measure_s_line():
    m = CountedMeasure(id="reach", name="Reach", type="how_much", hypothesized=True, baseline=11,
                       target=22, target_date=date(2027, 1, 2), data_source="JCMS",
                       unit="children", history=[Point(date=date(2026, 9, 30), value=14)])
    line = table.measure_full_line(m)
    assert line == ("Reach [reach] (hypothesized): 11 -> 22 by 2027-01-02; data source: JCMS; "
                    "history: 2026-09-30 14; unit: children")
    # What the summary table's line shows is said by the facts, and only there.
    assert table.headline(CountedMeasure) == {
        name for name in Measure.model_fields if schema_walk.facts(Measure, name).headline}
    assert table.headline(CountedMeasure) == {"id", "name", "type", "hypothesized", "baseline",
                                              "target", "target_date"}


def test_the_json_schema_carries_the_facts():
    schema = SponsoredPartner.model_json_schema()["properties"]["sponsor"]
    assert schema["x-measurekit"] == {"quick": True, "person": True, "wide": True,
                                      "gap": "no_sponsor"}
