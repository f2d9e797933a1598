"""`measurekit record`: a round of values from a csv (all checked first) or asked one by one."""

from __future__ import annotations

from datetime import date

import pytest

from measurekit.core import store
from measurekit.interview.wording_curve import NOT_A_TOLERANCE

from .helpers import ENTER, SMALL, TODAY, FakeAsker, interview, write_small
from .report_support import run

HEADER = "measure,date,value,note\n"


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    return path


def history(path, measure_id):
    ws = store.load_worksheet(path)
    found = {m.id: m for p in ws.partners for m in p.measures}
    found.update((s.id, s) for s in ws.shared_measures)
    return [(p.date.isoformat(), p.value, p.note) for p in found[measure_id].history]


def test_from_csv_adds_every_row_and_saves_version_2(small, tmp_path):
    data = tmp_path / "q4.csv"
    data.write_text(HEADER + "story-time,2026-12-31,410,Evening sessions\n"
                    "story-time,2026-09-30,380,\n"
                    "on-level,2026-12-31,45%,\n"
                    "\n", encoding="utf-8")
    result = run("record", small, "--from", data)
    assert result.exit_code == 0, result.output
    assert "3 new values" in result.output
    assert history(small, "story-time") == [("2026-09-30", 380, None),
                                            ("2026-12-31", 410, "Evening sessions")]
    assert history(small, "on-level") == [("2026-12-31", "45%", None)]
    assert "schema_version: 2" in small.read_text()
    assert (small.parent / "small.yaml.bak").exists()
    # The same csv again changes nothing.
    before = small.read_bytes()
    again = run("record", small, "--from", data)
    assert again.exit_code == 0 and small.read_bytes() == before


@pytest.mark.parametrize(("rows", "line", "message"), [
    ("story-tme,2026-12-31,410,\n", 2,
     "no measure has the id 'story-tme' (did you mean 'story-time'?)"),
    ("story-time,31/12/2026,410,\n", 2, "YYYY-MM-DD"),
    ("story-time,2026-02-30,410,\n", 2, "not a real date"),
    ("story-time,2026-12-31,,\n", 2, "value: empty"),
    ("story-time,2026-12-31,410,\nstory-time,2026-12-31,420,\n", 3, "also on line 3"),
    ("on-level,2026-12-31,45%,\n,2026-12-31,1,\n", 3, "measure id is empty"),
    ("story-time,2026-12-31,410,a,b\n", 2, "5 cells"),
])
def test_a_bad_csv_names_the_line_and_writes_nothing(small, tmp_path, rows, line, message):
    data = tmp_path / "bad.csv"
    data.write_text(HEADER + "reading-level,2026-06-30,44%,fine\n" + rows, encoding="utf-8")
    before = small.read_bytes()
    result = run("record", small, "--from", data)
    assert result.exit_code == 1, result.output
    assert f"bad.csv:{line + 1}" in result.output and message in result.output, result.output
    assert small.read_bytes() == before
    assert not (small.parent / "small.yaml.bak").exists()


def test_every_bad_row_is_reported_at_once(small, tmp_path):
    data = tmp_path / "bad.csv"
    data.write_text(HEADER + "nope,2026-12-31,1,\nstory-time,soon,2,\n", encoding="utf-8")
    result = run("record", small, "--from", data)
    assert result.exit_code == 1 and "bad.csv:2" in result.output and "bad.csv:3" in result.output


def test_a_bad_header_is_refused(small, tmp_path):
    data = tmp_path / "bad.csv"
    data.write_text("id,when,value\nstory-time,2026-12-31,1\n", encoding="utf-8")
    result = run("record", small, "--from", data)
    assert result.exit_code == 1 and "measure,date,value,note" in result.output


def test_an_existing_point_is_replaced_only_with_replace(small, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(HEADER + "story-time,2026-12-31,410,\n", encoding="utf-8")
    assert run("record", small, "--from", first).exit_code == 0
    second = tmp_path / "second.csv"
    second.write_text(HEADER + "story-time,2026-12-31,415,corrected\n", encoding="utf-8")
    refused = run("record", small, "--from", second)
    assert refused.exit_code == 1
    assert "already has 410 on 2026-12-31; use --replace" in refused.output
    assert history(small, "story-time") == [("2026-12-31", 410, None)]
    replaced = run("record", small, "--from", second, "--replace")
    assert replaced.exit_code == 0 and "1 replaced" in replaced.output
    assert history(small, "story-time") == [("2026-12-31", 415, "corrected")]


def test_a_missing_csv_is_a_clear_error(small, tmp_path):
    result = run("record", small, "--from", tmp_path / "none.csv")
    assert result.exit_code == 1 and "none.csv" in result.output and "no such file" in result.output


# --- asked one by one (scripted answers; the real terminal is in test_record_terminal.py) -------

ROUND = date(2026, 12, 31)


def test_a_round_asks_current_partners_then_shared_measures(small):
    code, asker = interview(small, [
        ("record.date", ENTER),
        ("record.value", "410"), ("record.note", "Evening sessions"),  # story-time
        ("record.value", ENTER),  # reading-level: skipped
        ("record.value", "12"), ("record.note", ENTER),  # third-grade-reading
        ("record.value", "45%"), ("record.note", ENTER),  # on-level (shared)
        ("finish", "save"),
    ], record_on=ROUND)
    assert code == 0
    assert history(small, "story-time") == [("2026-12-31", 410, "Evening sessions")]
    assert history(small, "reading-level") == []
    assert history(small, "third-grade-reading") == [("2026-12-31", 12, None)]
    assert history(small, "on-level") == [("2026-12-31", "45%", None)]
    shown = asker.text()
    assert "Port Halden Library · Children at story time each month" in shown
    assert "No value recorded yet · target 500 by 2027-06-30" in shown
    asked = [text for kind, text in asker.said if kind == "note"]
    assert not [t for t in asked if t.startswith("Harbor Clinic")]  # a desired partner's: not asked
    assert "How are we doing?" in shown  # the round ends on the trend


def test_a_second_round_shows_the_last_point_and_keeps_a_value_on_enter(small):
    interview(small, [("record.date", ENTER), ("record.value", "410"), ("record.note", ENTER),
                      ("record.value", ENTER), ("record.value", ENTER), ("record.value", ENTER),
                      ("finish", "save")], record_on=ROUND)
    before = small.read_bytes()
    code, asker = interview(small, [
        ("record.date", ENTER), ("record.value", ENTER), ("record.note", ENTER),
        ("record.value", ENTER), ("record.value", ENTER), ("record.value", ENTER),
        ("finish", "save"),
    ], record_on=ROUND)
    assert code == 0 and small.read_bytes() == before
    assert "Last: 410 on 2026-12-31" in asker.text()
    assert asker.asked[1].default == "410"


def test_one_partner_and_another_date(small):
    code, asker = interview(small, [
        ("record.date", "2027-03-31"), ("record.value", "450"), ("record.note", ENTER),
        ("record.value", "47%"), ("record.note", ENTER), ("finish", "save"),
    ], record_on=ROUND, partner="library")
    assert code == 0
    assert history(small, "reading-level") == [("2027-03-31", "47%", None)]
    assert history(small, "on-level") == []


def test_a_round_interrupted_resumes_where_it_stopped(small):
    before = small.read_bytes()
    with pytest.raises(KeyboardInterrupt):
        interview(small, [("record.date", ENTER), ("record.value", "410")], interrupt=True,
                  record_on=ROUND)
    assert small.read_bytes() == before
    code, _ = interview(small, [
        ("draft", "resume"), ("record.note", "late"), ("record.value", ENTER),
        ("record.value", ENTER), ("record.value", ENTER), ("finish", "save"),
    ], record_on=ROUND)
    assert code == 0 and history(small, "story-time") == [("2026-12-31", 410, "late")]


def test_a_round_beside_an_open_interview_keeps_a_draft_of_its_own(small):
    from measurekit.core.locks import SESSION, Lock, session_lock_path
    from measurekit.interview.draft import path_for

    interviewing = Lock.acquire(session_lock_path(small), SESSION, small)  # a live interview
    try:
        with pytest.raises(KeyboardInterrupt):
            interview(small, [("record.date", ENTER), ("record.value", "410")], interrupt=True,
                      record_on=ROUND)
    finally:
        interviewing.release()
    assert path_for(small, "record").exists() and not path_for(small).exists()
    # The interview has ended meanwhile: the round resumes from its own draft all the same.
    code, asker = interview(small, [
        ("draft", "resume"), ("record.note", "late"), ("record.value", ENTER),
        ("record.value", ENTER), ("record.value", ENTER), ("finish", "save"),
    ], record_on=ROUND)
    assert code == 0 and history(small, "story-time") == [("2026-12-31", 410, "late")]
    assert not path_for(small, "record").exists()
    assert not session_lock_path(small, "record").exists()


def test_a_round_saved_after_the_interview_s_save_merges_with_it(small):
    from measurekit.core.locks import SESSION, Lock, session_lock_path

    def interview_saves(question):  # the interview saves while the round is at its end
        if question.key == "finish":
            small.write_text(small.read_text().replace("Sam Whitfield", "Sam W.", 1))

    interviewing = Lock.acquire(session_lock_path(small), SESSION, small)
    try:
        code, asker = interview(small, [
            ("record.date", ENTER), ("record.value", "410"), ("record.note", ENTER),
            ("record.value", ENTER), ("record.value", ENTER), ("record.value", ENTER),
            ("finish", "save")], record_on=ROUND, on_ask=interview_saves)
    finally:
        interviewing.release()
    assert code == 0 and "Merged with the changes made to" in asker.text()
    assert history(small, "story-time") == [("2026-12-31", 410, None)]
    assert store.load_worksheet(small).facilitator == "Sam W."


def test_an_interrupted_round_says_record_resumes_it(small):
    from measurekit.interview import run

    asker = FakeAsker([("record.date", ENTER), ("record.value", "410")], interrupt=True)
    with pytest.raises(KeyboardInterrupt):
        run(small, asker=asker, today=TODAY, record_on=ROUND)
    assert "Run `measurekit record small.yaml` to pick up" in asker.text().replace(
        str(small.parent) + "/", "")


def test_record_needs_an_existing_file(tmp_path):
    from measurekit.core.errors import UsageProblem

    with pytest.raises(UsageProblem, match="does not exist yet"):
        interview(tmp_path / "new.yaml", [], record_on=ROUND)


def test_without_a_terminal_record_refuses(small):
    result = run("record", small)
    assert result.exit_code == 2 and "measurekit record" in result.output


assert "story-time" in SMALL  # the ids these tests use


def test_the_interview_asks_the_story_after_a_measure_with_data(small):
    interview(small, [("record.date", ENTER), ("record.value", "410"), ("record.note", ENTER),
                      ("record.value", ENTER), ("record.value", ENTER), ("record.value", ENTER),
                      ("finish", "save")], record_on=ROUND)
    code, asker = interview(small, [
        ("partner.menu", "measures"), ("measures.list", "item:0"), ("measures.item", "edit"),
        ("measure.name", ENTER), ("measure.type", ENTER), ("measure.hypothesized", ENTER),
        ("measure.baseline", ENTER), ("measure.target", ENTER), ("measure.target_date", ENTER),
        ("measure.data_source", ENTER), ("measure.story", "Evening sessions from July."),
        # How big a change is noise, once there is data: a number of 0 or more.
        ("measure.tolerance", "-1"), ("measure.tolerance", "a few"), ("measure.tolerance", "2"),
        ("measures.list", "item:1"), ("measures.item", "edit"),  # no data: no story asked
        ("measure.name", ENTER), ("measure.type", ENTER), ("measure.hypothesized", ENTER),
        ("measure.baseline", ENTER), ("measure.target", ENTER), ("measure.target_date", ENTER),
        ("measure.data_source", ENTER), ("measures.list", "done"), ("partner.menu", "back"),
        ("finish", "save"),
    ], partner="library")
    assert code == 0
    [story_time, reading] = store.load_worksheet(small).partners[0].measures
    assert story_time.story == "Evening sessions from July." and reading.story is None
    assert (story_time.story_on, story_time.tolerance, reading.tolerance) == (TODAY, 2, None)
    assert [reason for _, reason in asker.refused] == [NOT_A_TOLERANCE, NOT_A_TOLERANCE]
    assert "behind the curve" in next(q for q in asker.asked if q.key == "measure.story").message
