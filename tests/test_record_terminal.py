"""The installed `measurekit record` in a real pseudo-terminal: Ctrl-C, then resume."""

from __future__ import annotations

from functools import partial

from measurekit.core import store
from measurekit.interview.draft import path_for

from .helpers import finish, needs_measurekit, terminal, write_small

pytestmark = needs_measurekit
spawn = partial(terminal, "record", columns=80, timeout=20)


def test_record_ctrl_c_then_resume_keeps_every_value(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    child = spawn("small.yaml", "--date", "2026-12-31", cwd=tmp_path)
    # Typed ahead: the date (Enter keeps --date), story time's value and note, then the
    # reading level's value; Ctrl-C at its note.
    child.send("\r410\rEvening sessions\r45%\r")
    child.expect_exact("No value recorded yet · target 500 by 2027-06-30")
    child.expect_exact("Note (optional)")
    child.expect_exact("Children reading on level")
    child.expect_exact("Note (optional)")
    child.sendcontrol("c")
    child.expect_exact("Your answers so far are saved in")
    assert finish(child) == 130
    assert path.read_bytes() == before
    assert path_for(path).exists()

    child = spawn("small.yaml", cwd=tmp_path)  # another day, no --date: the draft's date holds
    child.expect_exact("Resume where you stopped?")
    child.send("\r")
    child.expect_exact("Resumed: 4 earlier answers restored.")
    child.expect_exact("Note (optional)")
    child.send("from the spring test\r\r50%\r\r")  # the note; skip schools; the shared value
    child.expect_exact("How are we doing?")
    child.expect_exact("What now?")
    child.send("\r")
    child.expect_exact("Saved")
    assert finish(child) == 0
    ws = store.load_worksheet(path)
    library, schools, _ = ws.partners
    assert [(p.date.isoformat(), p.value, p.note) for p in library.measures[0].history] == [
        ("2026-12-31", 410, "Evening sessions")]
    assert [(p.date.isoformat(), p.value, p.note) for p in library.measures[1].history] == [
        ("2026-12-31", "45%", "from the spring test")]
    assert schools.measures[0].history == []
    assert [p.value for p in ws.shared_measures[0].history] == ["50%"]
    assert not path_for(path).exists()
