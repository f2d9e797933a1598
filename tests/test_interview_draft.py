"""The draft: one line appended per answer, damage caught, one session per file, a full disk."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pytest

from measurekit.core import saving, store
from measurekit.core.errors import FileProblem
from measurekit.core.locks import Owner, SessionRunning
from measurekit.core.locks import session_lock_path as lock_path
from measurekit.interview import draft as drafts
from measurekit.interview import run
from measurekit.interview.draft import DamagedDraft, Draft, path_for

from .helpers import ENTER, REFLECTION, TODAY, FakeAsker, interview, keys_and_values, write_small

ANSWERS = [(f"reflection.{k}", f"answer {i}") for i, k in enumerate(REFLECTION)]


def reflect(path, script, **kw):
    return interview(path, script, section="reflection", **kw)


def draft_states(path):
    """The draft's bytes as each question is asked: what a kill -9 at that moment leaves."""
    states: list[bytes] = []

    def look(question):
        draft = path_for(path)
        states.append(draft.read_bytes() if draft.exists() else b"")

    return states, look


def stopped_after(tmp_path, answers: int) -> bytes:
    """A draft as a kill -9 leaves it after `answers` reflection answers."""
    path = tmp_path / "small.yaml"
    write_small(path)
    states, look = draft_states(path)
    with pytest.raises(KeyboardInterrupt):
        reflect(path, ANSWERS[:answers], interrupt=True, on_ask=look)
    return states[answers]


def test_each_answer_appends_one_line_and_rewrites_nothing(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    states, look = draft_states(path)
    reflect(path, ANSWERS + [("finish", "save")], on_ask=look)
    header = states[0]
    assert header.count(b"\n") == 1 and b"Port Halden Library" in header  # the file at the start
    for before, after in zip(states, states[1:], strict=False):
        assert after.startswith(before)
        added = after[len(before):]
        assert added.count(b"\n") == 1 and len(added) < 300  # one short line per answer
    assert b'"value":"answer 5"' in states[-1]
    assert store.load(path).worksheet.reflection.results_culture == "answer 5"
    assert not path_for(path).exists()


def test_a_kill_between_two_appended_answers_resumes_with_every_answer(tmp_path):
    path = tmp_path / "small.yaml"
    path_for(path).write_bytes(stopped_after(tmp_path, 3))
    code, asker = reflect(path, [("draft", "resume"), *ANSWERS[3:], ("finish", "save")])
    assert code == 0 and "Resumed: 3 earlier answers restored." in asker.text()
    assert store.load(path).worksheet.reflection.systems_challenges == "answer 0"


def test_a_last_line_cut_short_is_dropped_and_said(tmp_path):
    path = tmp_path / "small.yaml"
    whole = stopped_after(tmp_path, 4)
    last = whole[:-1].rfind(b"\n") + 1
    path_for(path).write_bytes(whole[:last + 20])  # the fourth answer, half written
    code, asker = reflect(path, [("draft", "resume"), *ANSWERS[3:], ("finish", "save")])
    assert "Resumed: 3 earlier answers restored." in asker.text()
    assert "cut short" in asker.text()


def test_a_bit_flipped_draft_is_kept_aside_and_never_written(tmp_path):
    path = tmp_path / "small.yaml"
    damaged = bytearray(stopped_after(tmp_path, 3))
    damaged[damaged.index(b"Port Halden Library")] ^= 0x01  # 'P' becomes 'Q' in the base text
    path_for(path).write_bytes(bytes(damaged))
    before = path.read_bytes()
    with pytest.raises(DamagedDraft):
        reflect(path, [("draft.damaged", "stop")])
    assert path.read_bytes() == before
    aside = path_for(path).with_name(".small.yaml.draft.damaged")
    assert aside.read_bytes() == bytes(damaged) and not path_for(path).exists()


def test_an_edited_answer_offers_the_answers_before_it(tmp_path):
    path = tmp_path / "small.yaml"
    lines = stopped_after(tmp_path, 4).split(b"\n")
    lines[3] = lines[3].replace(b"answer 2", b"answer X")
    path_for(path).write_bytes(b"\n".join(lines))
    code, asker = reflect(path, [("draft.damaged", "intact"), *ANSWERS[2:], ("finish", "save")])
    assert "line 4 does not match its checksum" in asker.text()
    assert "Resumed: 2 earlier answers restored." in asker.text()
    assert store.load(path).worksheet.reflection.conversations_needed == "answer 2"


def test_a_draft_cut_in_its_header_is_damaged_not_a_missing_file(tmp_path):
    path = tmp_path / "small.yaml"
    whole = stopped_after(tmp_path, 3)
    path_for(path).write_bytes(whole[:whole.index(b"\n") // 2])
    before = path.read_bytes()
    code, asker = reflect(path, [("draft.damaged", "fresh"), *ANSWERS, ("finish", "quit")])
    assert "is damaged" in asker.text() and "does not exist yet" not in asker.text()
    assert path.read_bytes() == before


def _signed(records: list[dict]) -> bytes:
    """Lines signed by the draft's own hashing: only their content is wrong."""
    out, chain = b"", ""
    for record in records:
        line, chain = drafts.signed_line(record, chain)
        out += line
    return out


def test_fields_of_the_wrong_type_are_a_damaged_draft(tmp_path):
    header = json.loads(stopped_after(tmp_path, 2).split(b"\n")[0].rpartition(b" ")[0])
    for field, wrong in [("file", 5), ("answers", "all of them"), ("base", ["x"]),
                         ("answers", [{"key": 3, "value": "x"}])]:
        path_for(tmp_path / "small.yaml").write_bytes(_signed([{**header, field: wrong}]))
        with pytest.raises(DamagedDraft, match="wrong type"):
            Draft.load(path_for(tmp_path / "small.yaml"))
    path_for(tmp_path / "small.yaml").write_bytes(
        _signed([header, {"n": 2, "key": "x", "value": 1, "where": ""}]))  # n should be 0
    with pytest.raises(DamagedDraft, match="line 2 is not the answer expected next"):
        Draft.load(path_for(tmp_path / "small.yaml"))


def _lock(path, **owner):
    lock_path(path).write_bytes(Owner(since="2026-11-25T09:00:00", **owner).text())


def test_a_live_session_on_the_file_stops_a_second_one(tmp_path):
    path = tmp_path / "small.yaml"
    draft = stopped_after(tmp_path, 3)
    path_for(path).write_bytes(draft)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _lock(path, pid=other.pid, host=os.uname().nodename)
        with pytest.raises(SessionRunning, match=f"running \\(process {other.pid}"):
            reflect(path, [])
    finally:
        other.kill()
        other.wait()
    assert path_for(path).read_bytes() == draft  # the other session's draft, untouched
    # once that process is gone, its draft is resumable as after any kill
    code, asker = reflect(path, [("draft", "resume"), *ANSWERS[3:], ("finish", "save")])
    assert "Resumed: 3 earlier answers restored." in asker.text()
    assert not lock_path(path).exists()


def test_a_lock_from_another_computer_is_not_taken_over(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    _lock(path, pid=1, host="elsewhere.example")
    with pytest.raises(SessionRunning, match="on the computer elsewhere.example"):
        reflect(path, [])


def _full_disk(monkeypatch, failing: set[int]):
    """Appends number N (1-based) in `failing` fail as on a full disk, after writing a bit."""
    calls = {"n": 0}
    real = drafts._write_all

    def write_all(fd, data):
        calls["n"] += 1
        if calls["n"] in failing:
            os.write(fd, data[:7])  # part of a line, as a short write leaves it
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(drafts, "_write_all", write_all)


def test_a_full_disk_keeps_the_session_going_and_catches_up(tmp_path, monkeypatch):
    path = tmp_path / "small.yaml"
    write_small(path)
    _full_disk(monkeypatch, {2, 3})  # the second answer fails, and its first retry
    states, look = draft_states(path)
    with pytest.raises(KeyboardInterrupt):
        reflect(path, ANSWERS[:5], interrupt=True, on_ask=look)

    def answers(state: bytes) -> int:
        copy = tmp_path / "copy.draft"
        copy.write_bytes(state)
        return len(Draft.load(copy).answers)

    # what a kill -9 would leave after each answer: the answers not written wait in memory
    assert [answers(s) for s in states[1:]] == [1, 1, 1, 4, 5]
    assert keys_and_values(Draft.load(path_for(path))) == ANSWERS[:5]


def test_a_full_disk_says_so_and_where_the_answers_are(tmp_path, monkeypatch):
    path = tmp_path / "small.yaml"
    write_small(path)
    _full_disk(monkeypatch, {2, 3})
    code, asker = reflect(path, ANSWERS + [("finish", "save")])
    text = asker.text()
    assert "Could not write the draft" in text and "No space left on device" in text
    assert text.count("Could not write the draft") == 1  # said once, not at every answer
    assert "The draft is written again" in text
    assert code == 0 and store.load(path).worksheet.reflection.fragmentation == "answer 4"


def _refuse_writes(monkeypatch, module, inside):
    real = module.atomic_write

    def atomic_write(path, data, like=None):
        if inside in path.parents:
            raise drafts.FileProblem(path, "cannot write it (No space left on device)")
        return real(path, data, like)

    monkeypatch.setattr(module, "atomic_write", atomic_write)


def test_a_save_on_a_full_disk_keeps_every_answer_in_the_draft(tmp_path, monkeypatch):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    _refuse_writes(monkeypatch, saving, tmp_path)
    asker = FakeAsker(ANSWERS + [("finish", "save")])
    with pytest.raises(FileProblem, match="No space left on device"):
        run(path, asker=asker, section="reflection", today=TODAY)
    assert path.read_bytes() == before
    assert f"Every answer is in {path_for(path)}" in asker.text()
    assert len(Draft.load(path_for(path)).answers) == len(ANSWERS)


def test_when_no_draft_can_be_written_beside_the_file_a_rescue_copy_is_made(tmp_path,
                                                                           monkeypatch):
    path = tmp_path / "work" / "small.yaml"
    path.parent.mkdir()
    before = write_small(path)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path / "elsewhere"))
    _refuse_writes(monkeypatch, saving, path.parent)
    _refuse_writes(monkeypatch, drafts, path.parent)
    asker = FakeAsker(ANSWERS + [("finish", "save")])
    with pytest.raises(FileProblem, match="No space left on device"):
        run(path, asker=asker, section="reflection", today=TODAY)
    [rescue] = (tmp_path / "elsewhere").iterdir()
    assert path.read_bytes() == before
    assert f"your answers are in {rescue} instead" in asker.text()
    assert len(Draft.load(rescue).answers) == len(ANSWERS)


def test_answers_that_no_draft_could_keep_are_printed_with_marks_made_visible(tmp_path,
                                                                             monkeypatch):
    path = tmp_path / "work" / "small.yaml"
    path.parent.mkdir()
    write_small(path)
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path))
    _refuse_writes(monkeypatch, saving, tmp_path)
    _refuse_writes(monkeypatch, drafts, tmp_path)  # beside the file and the rescue copy alike
    tricky = [(ANSWERS[0][0], "evil \u202eeulav\u202c and \x85 here"), *ANSWERS[1:]]
    asker = FakeAsker(tricky + [("finish", "save")])
    with pytest.raises(FileProblem, match="No space left on device"):
        run(path, asker=asker, section="reflection", today=TODAY)
    [printed] = [text for kind, text in asker.said if kind == "block"]
    assert 'reflection.systems_challenges: "evil \\u202eeulav\\u202c and \\x85 here"' in printed
    assert not any(c in printed for c in "\u202e\u202c\x85")  # shown, never obeyed


def test_a_kill_between_the_save_and_the_drafts_removal_is_not_a_change_on_disk(tmp_path,
                                                                                monkeypatch):
    path = tmp_path / "small.yaml"
    write_small(path)

    def killed(self):
        raise SystemExit(137)  # as if killed: the worksheet is saved, the draft still there

    with monkeypatch.context() as patched:
        patched.setattr(Draft, "remove", killed)
        with pytest.raises(SystemExit):
            reflect(path, ANSWERS + [("finish", "save")])
    assert path_for(path).exists()
    assert store.load(path).worksheet.reflection.results_culture == "answer 5"
    saved = path.read_bytes()
    code, asker = reflect(path, [*[(k, ENTER) for k, _ in ANSWERS], ("finish", "quit")])
    assert "saved" in asker.text() and "no longer needed" in asker.text()
    assert "has changed since then" not in asker.text()
    assert path.read_bytes() == saved and not path_for(path).exists()


def test_a_kill_before_the_save_wrote_anything_keeps_the_draft_as_it_was(tmp_path,
                                                                         monkeypatch):
    path = tmp_path / "small.yaml"
    before = write_small(path)

    def killed(*args, **kwargs):
        raise SystemExit(137)

    with monkeypatch.context() as patched:
        patched.setattr(store, "save", killed)
        with pytest.raises(SystemExit):
            reflect(path, ANSWERS + [("finish", "save")])
    assert path.read_bytes() == before
    code, asker = reflect(path, [("draft", "resume"), ("finish", "save")])
    assert "Resumed: 6 earlier answers restored." in asker.text()
    assert store.load(path).worksheet.reflection.results_culture == "answer 5"


def test_a_draft_cut_at_any_byte_gives_back_a_prefix_of_the_answers(tmp_path):
    """kill -9 (or a power cut) at any moment of an append: never a wrong or lost answer."""
    path = tmp_path / "small.yaml"
    write_small(path)
    states, look = draft_states(path)
    reflect(path, ANSWERS + [("finish", "save")], on_ask=look)
    whole, header_end = states[-1], states[0].index(b"\n") + 1
    expected = [(k, v) for k, v in ANSWERS]
    cut_draft = tmp_path / "cut.draft"
    for cut in range(header_end, len(whole) + 1):
        cut_draft.write_bytes(whole[:cut])
        draft = Draft.load(cut_draft)
        # whole lines count; so does a last line that lacks only its newline
        lines = whole[header_end:cut + 1].count(b"\n")
        assert keys_and_values(draft) == expected[:lines], cut
        assert draft.torn == (b"\n" not in whole[cut - 1:cut + 1]), cut
    for cut in range(1, header_end, 97):  # the header is only ever replaced whole
        cut_draft.write_bytes(whole[:cut])
        with pytest.raises(DamagedDraft):
            Draft.load(cut_draft)


def test_a_lock_whose_pid_now_names_another_process_is_stale(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    # this very pid is alive, but it started at another moment: the lock's process is gone
    _lock(path, pid=os.getpid(), host=os.uname().nodename, started="1")
    reflect(path, [*ANSWERS, ("finish", "save")])
    assert store.load(path).worksheet.reflection.competition == "answer 3"
    assert not lock_path(path).exists()


def _cut_after_the_backup(monkeypatch, path):
    """A save killed after it wrote FILE.bak, before it replaced FILE."""
    real = saving.atomic_write

    def atomic_write(target, data, like=None):
        if target == path:
            raise SystemExit(137)
        return real(target, data, like)

    with monkeypatch.context() as patched:
        patched.setattr(saving, "atomic_write", atomic_write)
        with pytest.raises(SystemExit):
            reflect(path, ANSWERS + [("finish", "save")])


def test_a_cut_off_save_then_a_change_by_another_route_resumes_the_draft(tmp_path,
                                                                        monkeypatch):
    """Issue 17 item 1: the backup holds the file the draft began with, the file has
    changed, yet the answers are in no file: the draft is resumed, not thrown away."""
    path = tmp_path / "small.yaml"
    write_small(path)
    _cut_after_the_backup(monkeypatch, path)
    assert (tmp_path / "small.yaml.bak").exists() and path_for(path).exists()
    (tmp_path / "points.csv").write_text("measure,date,value\nreading-level,2026-11-24,70\n")
    from measurekit.core.record import record_file

    assert record_file(path, tmp_path / "points.csv")[0]  # another route: FILE.bak = base
    code, asker = reflect(path, [("draft", "resume"), ("finish", "save")])
    assert "no longer needed" not in asker.text()
    assert "Resumed: 6 earlier answers restored." in asker.text()
    assert code == 0  # the file changed meanwhile: both changes are merged into it
    saved = store.load(path).worksheet
    assert saved.reflection.results_culture == "answer 5"
    assert "2026-11-24" in path.read_text()  # and the value recorded meanwhile


def test_a_save_that_filled_the_disk_never_says_saved_next_time(tmp_path, monkeypatch):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    real = saving.atomic_write

    full = []

    def atomic_write(target, data, like=None):  # FILE.bak fits; FILE, then the draft, not
        if target == path or (full and target == path_for(path)):
            full.append(target)
            raise FileProblem(target, "cannot write it (No space left on device)")
        return real(target, data, like)

    (tmp_path / "elsewhere").mkdir()
    with monkeypatch.context() as patched:
        patched.setattr("tempfile.gettempdir", lambda: str(tmp_path / "elsewhere"))
        patched.setattr(saving, "atomic_write", atomic_write)
        patched.setattr(drafts, "atomic_write", atomic_write)
        with pytest.raises(FileProblem, match="No space left on device"):
            run(path, asker=FakeAsker(ANSWERS + [("finish", "save")]), section="reflection",
                today=TODAY)
    assert path.read_bytes() == before
    (tmp_path / "points.csv").write_text("measure,date,value\nreading-level,2026-11-24,70\n")
    from measurekit.core.record import record_file

    assert record_file(path, tmp_path / "points.csv")[0]
    code, asker = reflect(path, [("draft", "resume"), ("finish", "save")])
    assert "no longer needed" not in asker.text()
    assert "Resumed: 6 earlier answers restored." in asker.text()
    assert code == 0 and store.load(path).worksheet.reflection.results_culture == "answer 5"
    assert "2026-11-24" in path.read_text()
