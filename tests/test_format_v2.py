"""Format version 2: history, story and direction on measures, done_on on next steps."""

from __future__ import annotations

from datetime import date

import pytest

from measurekit.core import store
from measurekit.core.errors import WorksheetInvalid

from .conftest import SMALL

V2 = SMALL.replace("schema_version: 1", "schema_version: 2").replace(
    "        target_date: 2027-06-30\n",
    """\
        target_date: 2027-06-30
        story: Coaches reached every school in the spring.
        direction: up
        history:
          - date: 2026-06-30
            value: 52%
            note: spring test
          - date: 2025-06-30
            value: 48%
""",
).replace("    partner: library\n",
          "    partner: library\n    done: true\n    done_on: 2026-12-10\n")


def refused(write, content) -> list:
    path = write(content)
    with pytest.raises(WorksheetInvalid) as info:
        store.load(path)
    return info.value.problems


def test_version_2_fields_load_and_history_is_sorted(write):
    ws = store.load_worksheet(write(V2))
    measure = ws.partners[0].measures[0]
    assert [(p.date, p.value, p.note) for p in measure.history] == [
        (date(2025, 6, 30), "48%", None), (date(2026, 6, 30), "52%", "spring test")]
    assert measure.direction == "up"
    assert measure.story == "Coaches reached every school in the spring."
    assert ws.next_steps[0].done_on == date(2026, 12, 10)


def test_unsorted_history_is_saved_sorted_after_the_data(write, tmp_path):
    ws = store.load_worksheet(write(V2))
    out = tmp_path / "out.yaml"
    store.save(ws, out, today=date(2026, 12, 1))
    text = out.read_text()
    assert text.index("2025-06-30") < text.index("2026-06-30")
    keys = [line.split(":")[0].strip() for line in text.splitlines()
            if line.startswith("    ") and not line.startswith("     ")]
    assert keys[keys.index("target_date"):][:4] == ["target_date", "story", "direction", "history"]
    assert store.load_worksheet(out) == ws.model_copy(update={"updated": date(2026, 12, 1)})


def test_a_duplicate_date_is_refused_with_its_field_path(write):
    [problem] = refused(write, V2.replace("date: 2025-06-30", "date: 2026-06-30"))
    assert problem.path == "partners[0].measures[0].history"
    assert "history[0] and history[1]" in problem.message and "2026-06-30" in problem.message
    assert problem.line == 20  # the history's first point


@pytest.mark.parametrize(("old", "new", "path", "expected"), [
    ("value: 48%", "value:", "partners[0].measures[0].history[1].value", "value measured"),
    ("date: 2025-06-30", "date: 2025-06-31", "partners[0].measures[0].history[1].date",
     "not a real date"),
    ("direction: up", "direction: higher", "partners[0].measures[0].direction", "'up' or 'down'"),
    ("done_on: 2026-12-10", "done_on: last week", "next_steps[0].done_on", "YYYY-MM-DD"),
    ("            note: spring test\n", "            notes: spring test\n",
     "partners[0].measures[0].history[0].notes", "did you mean 'note'?"),
])
def test_bad_version_2_fields_are_refused_with_the_field_path(write, old, new, path, expected):
    [problem] = refused(write, V2.replace(old, new))
    assert problem.path == path and expected in problem.message, problem


def test_history_on_a_shared_measure(write):
    text = SMALL.replace("    measures: [third-grade-reading]\n", """\
    measures: [third-grade-reading]
    target: 70
    history:
      - {date: 2026-03-31, value: "1,250"}
""")
    [point] = store.load_worksheet(write(text)).shared_measures[0].history
    assert point.value == "1,250"


def test_done_alone_stays_valid(write):
    ws = store.load_worksheet(write(SMALL.replace("    partner: library\n",
                                                  "    partner: library\n    done: true\n")))
    assert ws.next_steps[0].done and ws.next_steps[0].done_on is None


def test_an_unchanged_version_1_file_is_not_rewritten(write):
    path = write(SMALL.replace("schema_version: 1\n", store.HEADER + "schema_version: 1\n"))
    ws = store.load_worksheet(path)
    store.save(ws, path)  # canonical already, nothing changed: stays version 1, byte for byte
    before = path.read_bytes()
    assert not store.save(ws, path).written and path.read_bytes() == before
    assert b"schema_version: 1" in before


def test_a_changed_version_1_file_is_saved_as_version_2(write):
    path = write(SMALL)
    ws = store.load_worksheet(path)
    store.save(ws.model_copy(update={"title": "Reading at grade level"}), path)
    assert store.load_worksheet(path).schema_version == 2
    assert "schema_version: 2\n" in path.read_text()
