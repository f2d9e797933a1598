"""kill -9 at every step of a save: the worksheet is always the old bytes or the new ones
(issue 13, done means), and what a killed save leaves behind is dealt with next time.
SIGHUP (a closed terminal) and SIGTERM at every step of an interview's save: the save
finishes, or the draft is resumed; never a draft thrown away as saved (issue 17, item 1)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from measurekit.core import store
from measurekit.core.errors import FileProblem
from measurekit.core.locks import LockHeld, held
from measurekit.interview.draft import path_for

from .helpers import ENTER, REFLECTION, interview, write_small

SAVE = """
import sys
from measurekit.core import store
from measurekit.core.locks import held
path = sys.argv[1]
worksheet = store.load_worksheet(path)
worksheet.title = "New title"
with held(path):
    store.save(worksheet, path)
print("saved")
"""


def test_kill_9_at_every_step_leaves_the_old_or_the_new_file(tmp_path):
    path = tmp_path / "small.yaml"
    old = write_small(path)
    new = None
    outcomes = []
    for step in range(1, 40):
        path.write_bytes(old)
        for leftover in tmp_path.glob("small.yaml.*"):
            leftover.unlink()
        run = subprocess.run([sys.executable, "-c", SAVE, str(path)], capture_output=True,
                             text=True, timeout=60,
                             env={**os.environ, "MEASUREKIT_TEST_KILL_AT_STEP": str(step)})
        now = path.read_bytes()
        if run.returncode == 0:  # the save ran to the end: every step has been swept
            new = now
            break
        assert run.returncode == -9, run.stderr
        assert now == old or store.parse(now, "x").worksheet.title == "New title"
        backup = tmp_path / "small.yaml.bak"
        assert not backup.exists() or backup.read_bytes() == old
        outcomes.append("new" if now != old else "old")
        with pytest.raises(LockHeld, match="no longer running"):  # left behind, found stale
            with held(path):
                pass
    assert new is not None and store.parse(new, "x").worksheet.title == "New title"
    assert "old" in outcomes and "new" in outcomes and len(outcomes) >= 10


INTERVIEW = """
import sys
from pathlib import Path
from measurekit.interview import run
from tests.helpers import REFLECTION, TODAY, FakeAsker
answers = [(f"reflection.{k}", "cut " + k) for k in REFLECTION] + [("finish", "save")]
try:
    run(Path(sys.argv[1]), asker=FakeAsker(answers), section="reflection", today=TODAY)
except KeyboardInterrupt:
    sys.exit(130)
print("saved")
"""
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ["HUP", "TERM"])
def test_a_hangup_or_term_at_every_step_of_a_save_finishes_it_or_resumes(tmp_path, name):
    path = tmp_path / "small.yaml"
    old = write_small(path)
    number = getattr(signal, f"SIG{name}")
    outcomes = []
    for step in range(1, 60):
        for leftover in tmp_path.iterdir():
            leftover.unlink()
        path.write_bytes(old)
        run = subprocess.run([sys.executable, "-c", INTERVIEW, str(path)], capture_output=True,
                             text=True, timeout=60, cwd=ROOT,
                             env={**os.environ, "MEASUREKIT_TEST_KILL_AT_STEP": str(step),
                                  "MEASUREKIT_TEST_KILL_SIGNAL": name})
        if run.returncode == 0:  # the save ran to the end: every step has been swept
            break
        assert run.returncode in (-number, 128 + number, 130), run.stderr
        assert "Traceback" not in run.stderr, run.stderr
        now = path.read_bytes()
        saved = now != old
        assert not saved or store.parse(now, "x").worksheet.reflection.competition == (
            "cut competition")
        assert not (tmp_path / "small.yaml.lock").exists()  # a signal unwinds the save lock
        if run.returncode != -number:  # unwound: no temporary file left
            assert not list(tmp_path.glob("*.tmp")), step
        # the next interview: the draft is resumed, or was provably saved
        code, asker = interview(path, [], section="reflection", fallback=lambda q: (
            "resume" if q.key == "draft" else "save" if q.key == "finish" else ENTER))
        assert code == 0, asker.text()
        said = asker.text()
        assert ("no longer needed" in said) <= saved, (step, said)
        reflection = store.load(path).worksheet.reflection
        if path_for(path).exists() or "Resumed" in said or saved:
            assert reflection.competition == "cut competition", (step, said)
        outcomes.append("saved" if saved else "resumed" if "Resumed" in said else "none")
    else:
        pytest.fail("the save never ran to its end")
    # before the first answer nothing is lost; from then on, resumed until the file is saved
    assert re.fullmatch("n*r+s+", "".join(o[0] for o in outcomes)), outcomes


def test_temporary_files_of_a_killed_save_are_removed_by_the_next(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    leftover = tmp_path / ".small.yaml.abc123.tmp"
    leftover.write_text("half a worksheet")
    fresh = tmp_path / ".small.yaml.def456.tmp"  # another save's, still being written
    fresh.write_text("in progress")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    code, asker = interview(path, [("menu", "reflection"),
                                   *[(f"reflection.{k}", "x") for k in REFLECTION],
                                   ("menu", "finish"), ("finish", "save")])
    assert code == 0
    assert not leftover.exists() and fresh.exists()
    assert ".small.yaml.abc123.tmp" in asker.text()


def test_a_read_only_worksheet_is_not_overwritten_without_saying_so(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    path.chmod(0o444)
    worksheet = store.load_worksheet(path)
    worksheet.title = "Changed"
    with pytest.raises(FileProblem, match="read-only"):
        store.save(worksheet, path)
    assert path.read_bytes() == before
    assert not store.save(store.load_worksheet(path), path).written  # unchanged: fine


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_owner_and_group_are_kept(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    os.chown(path, 1234, 2345)
    worksheet = store.load_worksheet(path)
    worksheet.title = "Changed"
    saved = store.save(worksheet, path)
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 2345)
    assert saved.backup is not None
    assert (saved.backup.stat().st_uid, saved.backup.stat().st_gid) == (1234, 2345)
