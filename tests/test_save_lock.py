"""Two saves of one file at once: FILE.lock makes check-and-write one step (issue 13, item 1)."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time

import pytest

from measurekit.core import locks, store
from measurekit.core.errors import FileProblem, MeasurekitError

from .helpers import REFLECTION, interview, write_small

SLOW_WRITE = 1.0  # seconds between a save's check and its write: wide open without a lock


def _session(path, answer, barrier, results):
    """One interview process: answers the reflection, waits for the other at Finish, saves."""
    real_save = store.save

    def slow_save(*args, **kwargs):
        time.sleep(SLOW_WRITE)
        return real_save(*args, **kwargs)

    store.save = slow_save

    def at_finish(q):
        if q.key == "finish":
            barrier.wait(timeout=60)

    try:
        code, asker = interview(path, [("menu", "reflection"),
                                       *[(f"reflection.{k}", answer) for k in REFLECTION],
                                       ("menu", "finish"), ("finish", "save")], on_ask=at_finish)
        results.put((answer, code, asker.text()))
    except MeasurekitError as exc:  # saved beside the file: an error, exit status 1
        results.put((answer, int(exc.exit_code), str(exc)))


def test_two_processes_saving_at_once_never_lose_a_session(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    # The second session opens the file through a symlink: its own draft, the same file.
    link = tmp_path / "link.yaml"
    link.symlink_to(path.name)
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_session, args=(p, a, barrier, results))
             for p, a in ((path, "from A"), (link, "from B"))]
    for proc in procs:
        proc.start()
    outcomes = {answer: (code, text) for answer, code, text in
                (results.get(timeout=120) for _ in procs)}
    for proc in procs:
        proc.join(timeout=60)
    codes = sorted(code for code, _ in outcomes.values())
    assert codes == [0, 1], outcomes
    winner = next(a for a, (code, _) in outcomes.items() if code == 0)
    loser = next(a for a, (code, _) in outcomes.items() if code == 1)
    assert "changed on disk" in outcomes[loser][1]
    assert store.load(path).worksheet.reflection.competition == winner
    beside = next(tmp_path.glob("*.interview.yaml"))
    assert store.load(beside).worksheet.reflection.competition == loser
    assert not list(tmp_path.glob("*.lock"))


def test_a_stale_lock_is_explained_and_the_answers_kept(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    lock = tmp_path / "small.yaml.lock"
    lock.write_text(f"pid {dead.stdout.strip()}\nhost {os.uname().nodename}\n"
                    "since 2026-11-25T10:00:00+00:00\nby measurekit\n")
    with pytest.raises(locks.LockHeld) as caught:
        interview(path, [("menu", "reflection"), *[(f"reflection.{k}", "x") for k in REFLECTION],
                         ("menu", "finish"), ("finish", "save")])
    message = str(caught.value)
    assert "no longer running" in message and f"delete {lock}" in message
    assert path.read_bytes() == before
    assert lock.exists()  # not ours to remove
    assert (tmp_path / ".small.yaml.draft").exists()


def test_a_live_lock_is_waited_for_then_reported(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / "small.yaml.lock").write_text(
            f"pid {holder.pid}\nhost {os.uname().nodename}\nsince now\n")
        with pytest.raises(locks.LockHeld, match=f"being saved by process {holder.pid}"):
            with locks.held(path, wait=0.2):
                pass
    finally:
        holder.kill()
        holder.wait()
    # Its maker gone, the same lock is now stale.
    with pytest.raises(locks.LockHeld, match="no longer running"):
        with locks.held(path):
            pass


def test_old_or_empty_locks_are_stale(tmp_path, monkeypatch):
    path = tmp_path / "w.yaml"
    lock = tmp_path / "w.yaml.lock"
    lock.write_text("")
    old = time.time() - 3600
    os.utime(lock, (old, old))
    with pytest.raises(locks.LockHeld, match="empty"):
        with locks.held(path):
            pass
    lock.write_text("pid 1\nhost elsewhere\n")
    os.utime(lock, (old - 7 * 3600, old - 7 * 3600))
    with pytest.raises(locks.LockHeld, match="hours ago"):
        with locks.held(path):
            pass


def test_the_lock_is_removed_on_every_way_out(tmp_path):
    path = tmp_path / "w.yaml"
    with locks.held(path) as lock:
        assert lock.read_text().startswith(f"pid {os.getpid()}\n")
    assert not lock.exists()
    with pytest.raises(FileProblem), locks.held(path):
        raise FileProblem(path, "disk full")
    assert not lock.exists()
    with pytest.raises(KeyboardInterrupt), locks.held(path):
        raise KeyboardInterrupt
    assert not lock.exists()


def test_sigterm_while_saving_removes_the_lock(tmp_path):
    path = tmp_path / "w.yaml"
    code = (f"import time\nfrom measurekit.core import locks\n"
            f"with locks.held({str(path)!r}):\n    print('held', flush=True)\n"
            f"    time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "held\n"
    child.terminate()
    assert child.wait(timeout=30) == 143
    assert not (tmp_path / "w.yaml.lock").exists()


def test_finish_does_not_parse_the_file_read_at_launch_again(tmp_path, monkeypatch):
    path = tmp_path / "small.yaml"
    write_small(path)
    parsed = []
    real_parse = store.parse
    monkeypatch.setattr(store, "parse", lambda raw, *a, **k: parsed.append(1) or real_parse(
        raw, *a, **k))
    code, _ = interview(path, [("menu", "reflection"),
                               *[(f"reflection.{k}", "x") for k in REFLECTION],
                               ("menu", "finish"), ("finish", "save")])
    assert code == 0
    assert len(parsed) == 1  # at launch only
    assert store.load(path).worksheet.reflection.competition == "x"


def test_a_save_told_of_other_bytes_reads_the_file_itself(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    worksheet = store.load(path).worksheet
    stale = store.OnDisk(b"stale", worksheet.model_copy(update={"title": "Other"}))
    saved = store.save(worksheet, path, known=stale)
    assert not saved.written and path.read_bytes() == before
    known = store.OnDisk(before, worksheet)
    changed = worksheet.model_copy(update={"title": "New"})
    assert store.save(changed, path, known=known).written
    assert store.load(path).worksheet.title == "New"
