"""A save leaves no `.bak` when git's last commit holds the file's previous bytes."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from measurekit.core import store
from measurekit.core.git_state import blob_id, committed_unchanged

from .conftest import EXAMPLE

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=T", "-c",
                           "user.email=t@example.org", *args],
                          check=True, capture_output=True).stdout


@pytest.fixture
def repo(tmp_path):
    folder = tmp_path / "repo"
    (folder / "sub").mkdir(parents=True)
    git(folder, "init", "-q")
    path = folder / "sub" / "w.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    git(folder, "add", "sub/w.yaml")
    git(folder, "commit", "-q", "-m", "worksheet")
    return path


def change_and_save(path, title):
    ws = store.load_worksheet(path)
    ws.title = title
    return store.save(ws, path, today=date(2030, 1, 1))


def test_committed_and_unchanged_no_bak_git_holds_it(repo):
    before = repo.read_bytes()
    saved = change_and_save(repo, "Changed once")
    assert saved.written and saved.backup is None
    assert not repo.with_name("w.yaml.bak").exists()
    assert git(repo.parent, "show", "HEAD:sub/w.yaml") == before


def test_changed_since_the_commit_keeps_a_bak(repo):
    change_and_save(repo, "Changed once")
    between = repo.read_bytes()
    saved = change_and_save(repo, "Changed twice")
    assert saved.backup == repo.with_name("w.yaml.bak")
    assert saved.backup.read_bytes() == between


def test_a_file_git_does_not_track_keeps_a_bak(repo):
    other = repo.with_name("other.yaml")
    other.write_bytes(EXAMPLE.read_bytes())
    assert not committed_unchanged(other, other.read_bytes())
    assert change_and_save(other, "Changed").backup == other.with_name("other.yaml.bak")


def test_a_file_outside_git_keeps_a_bak(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    assert change_and_save(path, "Changed").backup == tmp_path / "w.yaml.bak"


def test_blob_id_is_gits(repo):
    expected = git(repo.parent, "hash-object", "w.yaml").decode().strip()
    assert blob_id(repo.read_bytes()) == expected
