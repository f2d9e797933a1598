"""Loading refuses every kind of bad input with the file, line, column and field path."""

from __future__ import annotations

import time

import pytest

from measurekit.core import store
from measurekit.core.errors import FileProblem, WorksheetInvalid
from measurekit.core.model import Worksheet

from .conftest import EXAMPLE, MINIMAL, SMALL, STARTER


def refused(write, content, name="worksheet.yaml") -> list:
    path = write(content, name)
    before = path.read_bytes()
    with pytest.raises(WorksheetInvalid) as info:
        store.load(path)
    assert path.read_bytes() == before  # loading never touches the file
    assert list(path.parent.iterdir()) == [path]  # and writes nothing beside it
    return info.value.problems


def test_examples_load():
    for path in (EXAMPLE, STARTER):
        loaded = store.load(path)
        assert isinstance(loaded.worksheet, Worksheet)
        assert not loaded.has_comments


def test_minimal_worksheet_loads(write):
    ws = store.load_worksheet(write(MINIMAL))
    assert ws.title == "Reading by third grade"
    assert ws.partners == [] and ws.reflection.systems_challenges is None


def test_wrong_enum_names_file_line_column_and_path(write):
    text = SMALL.replace("kind: external", "kind: externel")
    [problem] = refused(write, text)
    assert problem.file.endswith("worksheet.yaml")
    assert problem.path == "partners[1].kind"
    assert (problem.line, problem.column) == (19, 11)
    assert "'internal' or 'external'" in problem.message and "externel" in problem.message


def test_every_problem_is_reported_not_only_the_first(write):
    text = SMALL.replace("kind: external", "kind: externel").replace(
        "type: better_off", "type: better"
    )
    problems = refused(write, text)
    assert {p.path for p in problems} == {"partners[1].kind", "partners[0].measures[0].type"}
    measure = next(p for p in problems if "measures" in p.path)
    assert "how_much" in measure.message and "better_off" in measure.message


def test_unknown_key_suggests_the_closest(write):
    text = SMALL.replace("    contribution:", "    contributon:")
    [problem] = refused(write, text)
    assert problem.path == "partners[0].contributon"
    assert "did you mean 'contribution'?" in problem.message
    assert (problem.line, problem.column) == (9, 5)


def test_missing_required_field(write):
    [problem] = refused(write, SMALL.replace("    status: desired\n", ""))
    assert problem.path == "partners[1].status"
    assert "required" in problem.message
    assert problem.line == 17  # the partner's mapping


def test_missing_schema_version(write):
    [problem] = refused(write, MINIMAL.replace("schema_version: 1\n", ""))
    assert problem.path == "schema_version" and "schema_version: 3" in problem.message


def test_impossible_date_is_a_problem_not_a_traceback(write):
    [problem] = refused(write, SMALL.replace("2027-06-30", "2026-13-45"))
    assert problem.path == "partners[0].measures[0].target_date"
    assert "2026-13-45" in problem.message and problem.line == 16


@pytest.mark.parametrize("value", ["next week", "2026-12-01 10:00", "2026/12/01", "20261201"])
def test_dates_must_be_iso(write, value):
    [problem] = refused(write, SMALL.replace("by_when: 2026-12-15", f"by_when: {value}"))
    assert problem.path == "next_steps[0].by_when" and "YYYY-MM-DD" in problem.message


def test_newer_schema_version_asks_to_upgrade(write):
    [problem] = refused(write, MINIMAL.replace("schema_version: 1", "schema_version: 4"))
    assert "upgrade measurekit" in problem.message and problem.line == 1


def test_yaml_syntax_error_has_line_and_column(write):
    [problem] = refused(write, MINIMAL + "partners: [unclosed\n")
    assert problem.message.startswith("not valid YAML")
    assert problem.line == 5


def test_alias_bomb_is_refused_at_once(write):
    bomb = [
        "schema_version: 1",
        "title: t",
        "result: r",
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ]
    for i in range(1, 12):  # 9**12 strings if it were ever expanded
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    started = time.perf_counter()
    [problem] = refused(write, "\n".join(bomb) + "\n")
    assert time.perf_counter() - started < 5  # generous: expansion would never finish
    assert "alias" in problem.message


def test_plain_alias_refused(write):
    [problem] = refused(write, MINIMAL + "notes: &n hello\naction_plan: *n\n")
    assert "alias" in problem.message and problem.line == 4


def test_duplicate_key_refused(write):
    [problem] = refused(write, MINIMAL + "title: Another title\n")
    assert "duplicate key 'title'" in problem.message and problem.line == 4


def test_object_constructing_tags_refused(write):
    [problem] = refused(write, MINIMAL + "notes: !!python/object/apply:os.system ['echo hi']\n")
    assert "unsupported YAML tag" in problem.message


def test_non_utf8_refused_with_position(write):
    [problem] = refused(write, MINIMAL.encode() + b"notes: caf\xe9\n")
    assert "UTF-8" in problem.message and (problem.line, problem.column) == (4, 11)


@pytest.mark.parametrize("content", ["", "   \n\n", "# only a comment\n"])
def test_empty_file_refused(write, content):
    [problem] = refused(write, content)
    assert "empty" in problem.message or "no YAML document" in problem.message


@pytest.mark.parametrize("content,kind", [("- a\n- b\n", "a list"), ("just text\n", "a str")])
def test_top_level_must_be_a_mapping(write, content, kind):
    [problem] = refused(write, content)
    assert f"got {kind}" in problem.message


def test_duplicate_ids_and_dangling_references(write):
    text = SMALL.replace("id: library", "id: schools").replace(
        "partner: library", "partner: libary"
    )
    problems = refused(write, text)
    messages = {p.path: p.message for p in problems}
    assert "duplicate id 'schools'" in messages["partners[1].id"]
    assert "no partner has the id 'libary'" in messages["next_steps[0].partner"]


def test_unknown_reference_suggests_a_close_id(write):
    [problem] = refused(write, SMALL.replace("[schools, library]", "[schools, librery]"))
    assert problem.path == "shared_measures[0].partners[1]"
    assert "did you mean 'library'?" in problem.message and problem.line == 25


def test_bad_slug_and_empty_title(write):
    problems = refused(
        write,
        SMALL.replace("id: schools", "id: Riverton Schools").replace(
            "title: Reading by third grade", 'title: ""'
        ),
    )
    paths = {p.path: p.message for p in problems}
    assert "lowercase" in paths["partners[0].id"]
    assert paths["title"] == "must not be empty"


def test_shared_measure_needs_a_partner(write):
    [problem] = refused(write, SMALL.replace("partners: [schools, library]", "partners: []"))
    assert problem.path == "shared_measures[0].partners" and "at least one" in problem.message


def test_numbers_in_text_fields_are_text(write):
    ws = store.load_worksheet(write(MINIMAL.replace("title: Reading by third grade", "title: 211")))
    assert ws.title == "211"


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FileProblem, match="no such file"):
        store.load(tmp_path / "nope.yaml")
    with pytest.raises(FileProblem, match="folder"):
        store.load(tmp_path)


def test_comments_are_detected_but_hash_in_text_is_not(write):
    assert store.load(write(MINIMAL + "# a note for the team\n")).has_comments
    assert store.load(write(MINIMAL + "notes: 'item #4 of the plan'\n")).has_comments is False
    assert store.load(write(store.HEADER + MINIMAL)).has_comments is False
    crlf = (store.HEADER + MINIMAL).replace("\n", "\r\n")
    assert store.load(write(crlf)).has_comments is False
