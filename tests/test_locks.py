"""The locks and the files beside a worksheet (issue 16 "one lock module"; issue 17 items
4-9 and 20): never written through a planted link, every wait with a deadline, a reused
pid not taken for the lock's maker, a garbled lock explained and never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from measurekit.core import locks, store
from measurekit.core.beside import write_beside
from measurekit.interview import draft as drafts
from measurekit.interview.draft import Draft, path_for

from .examples import measurekit_script
from .helpers import ENTER, REFLECTION, TODAY, interview, write_small

ANSWERS = [(f"reflection.{k}", f"answer {i}") for i, k in enumerate(REFLECTION)]
DUMMY = b"not measurekit's to touch\n"


def reflect(path, script, **kw):
    return interview(path, script, section="reflection", **kw)


def plant(link, tmp_path, dangling=False):
    """A symbolic link at `link` to a dummy file (or to where none is yet); the dummy."""
    dummy = tmp_path / "elsewhere" / link.name
    dummy.parent.mkdir(exist_ok=True)
    if not dangling:
        dummy.write_bytes(DUMMY)
    link.symlink_to(dummy)
    return dummy


def untouched(dummy, dangling=False):
    return not dummy.exists() if dangling else dummy.read_bytes() == DUMMY


def test_a_link_at_the_private_lock_name_is_not_written_through(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    dummy = plant(tmp_path / f".small.yaml.draft.lock.{os.getpid()}", tmp_path)
    code, _ = reflect(path, [*ANSWERS, ("finish", "save")])
    assert code == 0 and untouched(dummy)
    assert store.load(path).worksheet.reflection.competition == "answer 3"


def test_a_dangling_link_at_the_beside_name_is_not_written_through(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    dummy = plant(tmp_path / "small.interview.yaml", tmp_path, dangling=True)

    def change_on_disk(question):  # the same answer changed both ways: kept beside
        if question.key == "finish":
            worksheet = store.load_worksheet(path)
            worksheet.reflection.competition = "changed by someone else"
            store.save(worksheet, path)

    code, asker = reflect(path, [*ANSWERS, ("finish", "save"), ("merge.conflict", "beside")],
                          on_ask=change_on_disk)
    assert code == 1 and untouched(dummy, dangling=True)
    beside = tmp_path / "small.interview-2.yaml"
    assert store.load(beside).worksheet.reflection.competition == "answer 3"
    assert str(beside) in asker.text()


def test_links_at_the_draft_copies_and_the_backup_are_not_written_through(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    with pytest.raises(KeyboardInterrupt):
        reflect(path, ANSWERS[:3], interrupt=True)
    draft = Draft.load(path_for(path))
    previous = plant(tmp_path / ".small.yaml.draft.previous", tmp_path)
    damaged = plant(tmp_path / ".small.yaml.draft.damaged", tmp_path, dangling=True)
    backup = plant(tmp_path / "small.yaml.bak", tmp_path)
    copy = draft.keep_copy()
    assert copy.name == ".small.yaml.draft.previous-2" and untouched(previous)
    assert copy.read_bytes() == path_for(path).read_bytes()
    aside = drafts.move_aside(draft.path)
    assert aside.name == ".small.yaml.draft.damaged-2" and untouched(damaged, dangling=True)
    assert not draft.path.exists()
    worksheet = store.load_worksheet(path)
    worksheet.title = "Changed"
    store.save(worksheet, path)
    assert untouched(backup) and not (tmp_path / "small.yaml.bak").is_symlink()


def test_write_beside_never_takes_a_name_that_anything_has(tmp_path):
    target = tmp_path / "w.yaml"
    (tmp_path / "w.yaml.copy").write_text("a file")
    (tmp_path / "w.yaml.copy-2").symlink_to(tmp_path / "nowhere")
    made = write_beside(target, "copy", b"data")
    assert made.name == "w.yaml.copy-3" and made.read_bytes() == b"data"
    assert not (tmp_path / "nowhere").exists()


def _held_quickly(path, timeout=30):
    """`locks.held(path)` in another process, which must end (not spin) within `timeout`."""
    code = (f"from measurekit.core import locks\n"
            f"with locks.held({str(path)!r}):\n    print('held')\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=timeout)


def test_a_dangling_save_lock_is_explained_like_a_stale_one_not_spun_on(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    dummy = plant(tmp_path / "small.yaml.lock", tmp_path, dangling=True)
    started = time.monotonic()
    run = _held_quickly(path)
    assert time.monotonic() - started < 20, "it waited for a lock that nobody holds"
    assert run.returncode == 1 and "LockHeld" in run.stderr and "symbolic link" in run.stderr
    (tmp_path / "points.csv").write_text("measure,date,value\nreading-level,2026-11-24,70\n")
    cli = subprocess.run([measurekit_script(), "record", str(path), "--from",
                          str(tmp_path / "points.csv")], capture_output=True, text=True,
                         timeout=60)
    assert cli.returncode == 1 and "Traceback" not in cli.stderr
    message = " ".join(cli.stderr.split())
    assert "is a symbolic link" in message and "delete" in message
    assert path.read_bytes() == before and untouched(dummy, dangling=True)


def test_a_save_lock_on_a_link_to_a_file_is_stale_and_the_file_untouched(tmp_path):
    path = tmp_path / "w.yaml"
    dummy = plant(tmp_path / "w.yaml.lock", tmp_path)
    with pytest.raises(locks.LockHeld, match="symbolic link"):
        with locks.held(path):
            pass
    assert untouched(dummy)


def test_a_save_lock_whose_pid_now_names_another_process_is_stale(tmp_path):
    path = tmp_path / "w.yaml"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:  # that pid is alive, but it is not the process that made the lock
        owner = locks.Owner(other.pid, os.uname().nodename, started="1", since="earlier")
        locks.save_lock_path(path).write_bytes(owner.text())
        started = time.monotonic()
        with pytest.raises(locks.LockHeld, match="no longer running"):
            with locks.held(path):
                pass
        assert time.monotonic() - started < 5  # explained at once, not waited for
        # the same pid with its real start time is a live save
        owner = locks.Owner(other.pid, os.uname().nodename, locks.started(other.pid), "now")
        locks.save_lock_path(path).write_bytes(owner.text())
        with pytest.raises(locks.LockHeld, match="being saved by"):
            with locks.held(path, wait=0.1):
                pass
    finally:
        other.kill()
        other.wait()


@pytest.mark.parametrize("garbage", [b"pid \xff\xfe\x00\nhost \xe9\n", b"\xff" * 64, b""])
def test_a_session_lock_that_is_not_utf8_is_taken_over_without_a_traceback(tmp_path, garbage):
    path = tmp_path / "small.yaml"
    write_small(path)
    locks.session_lock_path(path).write_bytes(garbage)
    code, _ = reflect(path, [*ANSWERS, ("finish", "save")])
    assert code == 0 and store.load(path).worksheet.reflection.competition == "answer 3"
    locks.session_lock_path(path).write_bytes(garbage)
    code, asker = interview(path, [], record_on=TODAY, fallback=lambda q: ENTER)
    assert code == 0
    assert not locks.session_lock_path(path).exists()


def test_a_save_lock_that_is_not_utf8_is_explained_by_record(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    lock = locks.save_lock_path(path)
    lock.write_bytes(b"pid \xff\xfe\nhost \xe9t\xe9\n")
    old = time.time() - 3600
    os.utime(lock, (old, old))
    (tmp_path / "points.csv").write_text("measure,date,value\nreading-level,2026-11-24,70\n")
    cli = subprocess.run([measurekit_script(), "record", str(path), "--from",
                          str(tmp_path / "points.csv")], capture_output=True, text=True,
                         timeout=60)
    assert cli.returncode == 1 and "Traceback" not in cli.stderr
    assert "empty or garbled" in " ".join(cli.stderr.split())


def test_the_session_lock_is_readable_by_another_command(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    seen = []

    def look(question):
        seen.append(locks.session_holder(path))

    reflect(path, [*ANSWERS, ("finish", "save")], on_ask=look)
    assert seen[0] is not None and seen[0].pid == os.getpid()
    assert locks.session_holder(path) is None  # released at the end


def test_leftover_temporary_files_of_a_killed_draft_write_are_removed(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    leftover = tmp_path / "..small.yaml.draft.k1ll3d.tmp"  # the draft is a dot file itself
    leftover.write_text("half a draft")
    fresh = tmp_path / "..small.yaml.draft.wr1t1ng.tmp"  # another write, still under way
    fresh.write_text("in progress")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    code, asker = reflect(path, [*ANSWERS, ("finish", "save")])
    assert code == 0 and not leftover.exists() and fresh.exists()
    assert leftover.name in asker.text()
