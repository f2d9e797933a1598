"""Properties: any valid worksheet the strategies can build saves and loads back equal;
a version 1 file read and saved as version 2 loses nothing, nor does a version 1 or 2
file read and saved as version 3."""

from __future__ import annotations

from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from measurekit.core import store
from measurekit.core.fieldtypes import clean_text, slugify
from measurekit.core.integrity import integrity_problems
from measurekit.core.model import (
    Indicator,
    Measure,
    NextStep,
    Partner,
    Point,
    Reflection,
    SharedMeasure,
    WorkItem,
    Worksheet,
)
from measurekit.core.values import number_problem

# Any unicode text but surrogates, normalised the way the model normalises it.
raw_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
text = raw_text.map(clean_text).filter(bool)
optional_text = st.none() | text
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
# A number is finite with at most 15 significant digits (core/values.py): any decimal of
# up to 15 digits, which a float holds exactly; text that reads as a longer number is refused.
floats = st.builds(lambda digits, places: digits / 10**places,
                   st.integers(-(10**15) + 1, 10**15 - 1), st.integers(0, 20))
value_text = text.filter(lambda t: number_problem(t) is None)
values = st.none() | st.integers(-(10**9), 10**9) | floats | value_text


point_values = st.integers(-(10**6), 10**6) | floats | value_text
points = st.builds(Point, date=dates, value=point_values, note=optional_text)
histories = st.lists(points, max_size=4, unique_by=lambda p: p.date)


tolerances = st.none() | st.integers(0, 10**6) | floats.map(abs)


def over_time(draw, version: int) -> dict:
    """The version 2 and 3 fields of a measure, as far as the version has them."""
    fields = {}
    if version >= 2:
        fields.update(history=draw(histories), story=draw(optional_text),
                      direction=draw(st.sampled_from([None, "up", "down"])))
    if version >= 3:
        fields.update(forecast=draw(histories), tolerance=draw(tolerances),
                      baseline_date=draw(st.none() | dates), story_on=draw(st.none() | dates))
    return fields


@st.composite
def worksheets(draw, version: int = 3) -> Worksheet:
    v2 = version >= 2
    taken: set[str] = set()

    def new_id(name: str) -> str:
        ident = slugify(name, taken)
        taken.add(ident)
        return ident

    partners = []
    for _ in range(draw(st.integers(0, 4))):
        name = draw(text)
        measures = []
        for _ in range(draw(st.integers(0, 3))):
            mname = draw(text)
            measures.append(
                Measure(
                    id=new_id(mname),
                    name=mname,
                    type=draw(st.sampled_from(["how_much", "how_well", "better_off"])),
                    hypothesized=draw(st.booleans()),
                    baseline=draw(values),
                    target=draw(values),
                    target_date=draw(st.none() | dates),
                    data_source=draw(optional_text),
                    notes=draw(optional_text),
                    **over_time(draw, version),
                )
            )
        partners.append(
            Partner(
                id=new_id(name),
                name=name,
                kind=draw(st.sampled_from(["internal", "external"])),
                status=draw(st.sampled_from(["current", "desired"])),
                why_critical=draw(optional_text),
                why_not_engaged=draw(optional_text),
                contribution=draw(optional_text),
                strategy=draw(optional_text),
                engagement_plan=draw(optional_text),
                measures=measures,
                notes=draw(optional_text),
            )
        )
    partner_ids = [p.id for p in partners]
    measure_ids = [m.id for p in partners for m in p.measures]
    shared = []
    if partner_ids:
        for _ in range(draw(st.integers(0, 2))):
            name = draw(text)
            shared.append(
                SharedMeasure(
                    id=new_id(name),
                    name=name,
                    definition=draw(optional_text),
                    partners=draw(st.lists(st.sampled_from(partner_ids), min_size=1, max_size=3)),
                    measures=draw(st.lists(st.sampled_from(measure_ids), max_size=2))
                    if measure_ids
                    else [],
                    baseline=draw(values),
                    target=draw(values),
                    target_date=draw(st.none() | dates),
                    **over_time(draw, version),
                )
            )
    indicators = []
    for _ in range(draw(st.integers(0, 2)) if version >= 3 else 0):
        name = draw(text)
        indicators.append(Indicator(
            id=new_id(name), name=name, baseline=draw(values), target=draw(values),
            target_date=draw(st.none() | dates), data_source=draw(optional_text),
            notes=draw(optional_text), **over_time(draw, version)))
    partner_ref = st.sampled_from(partner_ids) if partner_ids else st.nothing()
    work = draw(
        st.lists(
            st.builds(
                WorkItem,
                what=text,
                lead=optional_text,
                partners=st.lists(partner_ref, max_size=2) if partner_ids else st.just([]),
                start=st.none() | dates,
                due=st.none() | dates,
                done=st.booleans(),
                notes=optional_text,
            ),
            max_size=3,
        )
    )
    steps = draw(
        st.lists(
            st.builds(
                NextStep,
                who=text,
                what=text,
                with_whom=optional_text,
                by_when=dates,
                partner=st.none() | partner_ref if partner_ids else st.none(),
                step=st.sampled_from([None, 2, 3]),
                done=st.booleans(),
                done_on=st.none() | dates if v2 else st.none(),
            ),
            max_size=3,
        )
    )
    reflection = draw(
        st.builds(
            Reflection,
            systems_challenges=optional_text,
            role_challenges=optional_text,
            conversations_needed=optional_text,
            competition=optional_text,
            fragmentation=optional_text,
            results_culture=optional_text,
            notes=optional_text,
        )
    )
    return Worksheet(
        schema_version=version,
        title=draw(text),
        result=draw(text),
        indicators=indicators,
        action_plan=draw(optional_text),
        facilitator=draw(optional_text),
        updated=draw(st.none() | dates),
        notes=draw(optional_text),
        partners=partners,
        shared_measures=shared,
        work_plan=work,
        next_steps=steps,
        reflection=reflection,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worksheets())
def test_any_valid_worksheet_saves_and_loads_back_equal(ws):
    assert list(integrity_problems(ws)) == []
    text = store.dumps(ws)
    loaded = store.parse(text.encode("utf-8"), "generated.yaml")
    assert loaded.worksheet == ws
    assert not loaded.has_comments
    assert store.dumps(loaded.worksheet) == text  # idempotent


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worksheets(version=1))
def test_a_version_1_file_saved_as_version_2_loses_nothing(tmp_path_factory, ws):
    v1_text = store.dumps(ws)
    assert v1_text.splitlines()[1] == "schema_version: 1"
    path = tmp_path_factory.mktemp("v1") / "old.yaml"
    path.write_text(v1_text, encoding="utf-8")
    loaded = store.load(path).worksheet
    # Any change is saved as version 2; here a new note on the worksheet.
    store.save(loaded.model_copy(update={"notes": "changed"}), path, today=date(2026, 12, 1))
    v2_text = path.read_text(encoding="utf-8")
    old, new = yaml.safe_load(v1_text), yaml.safe_load(v2_text)
    assert (old.pop("schema_version"), new.pop("schema_version")) == (1, 2)
    assert (new.pop("notes"), new.pop("updated")) == ("changed", date(2026, 12, 1))
    old.pop("notes", None)
    old.pop("updated", None)
    assert new == old
    again = store.load(path).worksheet
    assert again.model_copy(update={"schema_version": 1, "notes": ws.notes,
                                    "updated": ws.updated}) == ws


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([1, 2]).flatmap(lambda version: worksheets(version=version)))
def test_a_version_1_or_2_file_saved_as_version_3_loses_nothing(tmp_path_factory, ws):
    old_text = store.dumps(ws)
    path = tmp_path_factory.mktemp("old") / "old.yaml"
    path.write_text(old_text, encoding="utf-8")
    loaded = store.load(path).worksheet
    # A version 3 field makes it a version 3 file: here a population indicator.
    indicator = Indicator(id="indicator-added-here", name="Children on grade level",
                          forecast=[Point(date=date(2027, 6, 30), value="60%")])
    store.save(loaded.model_copy(update={"indicators": [indicator]}), path,
               today=date(2026, 12, 1))
    old, new = yaml.safe_load(old_text), yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (old.pop("schema_version"), new.pop("schema_version")) == (ws.schema_version, 3)
    assert new.pop("indicators") == [{"id": "indicator-added-here",
                                      "name": "Children on grade level",
                                      "forecast": [{"date": date(2027, 6, 30), "value": "60%"}]}]
    assert new.pop("updated") == date(2026, 12, 1)
    old.pop("updated", None)
    assert new == old
    again = store.load(path).worksheet
    assert again.model_copy(update={"schema_version": ws.schema_version, "indicators": [],
                                    "updated": ws.updated}) == ws


def test_the_format_version_a_changed_file_is_saved_in(tmp_path):
    from .helpers import write_small

    path = tmp_path / "small.yaml"
    write_small(path)  # version 1
    loaded = store.load(path).worksheet
    store.save(loaded.model_copy(update={"notes": "changed"}), path)
    assert store.load(path).worksheet.schema_version == 2  # no version 3 field: 2, as before
    measure = loaded.partners[0].measures[0].model_copy(update={"tolerance": 2})
    partner = loaded.partners[0].model_copy(
        update={"measures": [measure, *loaded.partners[0].measures[1:]]})
    store.save(loaded.model_copy(update={"partners": [partner, *loaded.partners[1:]]}), path)
    assert store.load(path).worksheet.schema_version == 3
    store.save(loaded.model_copy(update={"notes": "the tolerance gone again"}), path)
    assert store.load(path).worksheet.schema_version == 3  # never written back down
