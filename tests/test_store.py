"""Saving: documented order, same bytes for an unchanged worksheet, atomic, .bak, permissions."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest

from measurekit.core import store
from measurekit.core.errors import FileProblem
from measurekit.core.model import Measure, Partner, Worksheet

from .conftest import EXAMPLE, SMALL, STARTER


def copy_of(path, tmp_path):
    target = tmp_path / path.name
    target.write_bytes(path.read_bytes())
    return target


@pytest.mark.parametrize("example", [EXAMPLE, STARTER])
def test_saving_an_unchanged_worksheet_gives_the_same_bytes(example, tmp_path):
    path = copy_of(example, tmp_path)
    loaded = store.load(path)
    assert store.dumps(loaded.worksheet).encode() == loaded.raw
    saved = store.save(loaded.worksheet, path, today=date(2030, 1, 1))
    assert not saved.written
    assert path.read_bytes() == example.read_bytes()
    assert not (tmp_path / (path.name + ".bak")).exists()


def test_round_trip_is_equal(tmp_path, write):
    ws = store.load_worksheet(write(SMALL))
    out = tmp_path / "out.yaml"
    store.save(ws, out, today=date(2026, 12, 1))
    again = store.load_worksheet(out)
    assert again.model_copy(update={"updated": None, "schema_version": 1}) == ws
    assert again.updated == date(2026, 12, 1)
    assert (ws.schema_version, again.schema_version) == (1, 2)  # read as 1, saved as 2


def test_documented_key_order_and_header(tmp_path, write):
    ws = store.load_worksheet(write(SMALL))
    text = store.dumps(ws)
    assert text.startswith(store.HEADER)
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == [
        "schema_version",
        "title",
        "result",
        "partners",
        "shared_measures",
        "next_steps",
    ]
    partner = text[text.index("- id: schools") :]
    order = ["id:", "name:", "kind:", "status:", "contribution:", "measures:"]
    positions = [partner.index(key) for key in order]
    assert positions == sorted(positions)


def test_empty_optional_fields_are_left_out(tmp_path, write):
    text = store.dumps(store.load_worksheet(write(SMALL)))
    for absent in ("null", "done: false", "hypothesized: false", "reflection", "work_plan", "[]"):
        assert absent not in text


def test_unicode_and_multiline_text(tmp_path):
    ws = Worksheet(
        title="Niños y familias – Año 1 ✓",
        result="Every child in Östra Dal is ready for school\nand reads by age eight",
        notes="Line with trailing spaces   \n  indented line\nlast",
    )
    path = tmp_path / "w.yaml"
    store.save(ws, path)
    text = path.read_text(encoding="utf-8")
    assert "Niños y familias – Año 1 ✓" in text  # unescaped
    assert "result: |-\n  Every child in Östra Dal" in text
    again = store.load_worksheet(path)
    assert again.result == ws.result
    assert again.notes == "Line with trailing spaces\n  indented line\nlast"


def test_a_change_keeps_a_bak_and_stamps_updated(tmp_path):
    path = copy_of(EXAMPLE, tmp_path)
    original = path.read_bytes()
    ws = store.load_worksheet(path)
    ws.partners[0].measures[0].target = 999
    saved = store.save(ws, path, today=date(2026, 12, 24))
    assert saved.written and saved.backup == tmp_path / "youth-justice.yaml.bak"
    assert saved.backup.read_bytes() == original
    again = store.load_worksheet(path)
    assert again.updated == date(2026, 12, 24)
    assert again.partners[0].measures[0].target == 999


def test_updated_is_kept_when_content_is_unchanged(tmp_path):
    path = copy_of(EXAMPLE, tmp_path)
    before = store.load_worksheet(path).updated
    store.save(store.load_worksheet(path), path, today=date(2031, 1, 1))
    assert store.load_worksheet(path).updated == before


def test_permissions_are_kept(tmp_path):
    path = copy_of(EXAMPLE, tmp_path)
    os.chmod(path, 0o640)
    ws = store.load_worksheet(path)
    ws.title = "Changed"
    store.save(ws, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = copy_of(EXAMPLE, tmp_path)
    original = path.read_bytes()
    ws = store.load_worksheet(path)
    ws.title = "Changed"

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(FileProblem, match="No space left"):
        store.save(ws, path)
    assert path.read_bytes() == original
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_interrupted_replace_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "w.yaml"
    path.write_text("old", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.atomic_write(path, b"new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["w.yaml"]


def test_writing_in_a_missing_folder_is_a_file_problem(tmp_path):
    with pytest.raises(FileProblem, match="cannot write"):
        store.save(Worksheet(title="t", result="r"), tmp_path / "no" / "such" / "w.yaml")


def test_new_file_gets_no_bak_and_numbers_stay_numbers(tmp_path):
    ws = Worksheet(
        title="t",
        result="r",
        partners=[
            Partner(
                id="a",
                name="211 Helpline",
                kind="external",
                status="current",
                measures=[
                    Measure(id="m", name="Calls", type="how_much", baseline=1200, target="1,500")
                ],
            )
        ],
    )
    path = tmp_path / "new.yaml"
    saved = store.save(ws, path)
    assert saved.backup is None and not (tmp_path / "new.yaml.bak").exists()
    again = store.load_worksheet(path)
    assert again.partners[0].measures[0].baseline == 1200
    assert again.partners[0].measures[0].target == "1,500"


def test_save_through_a_symlink_writes_the_target(tmp_path):
    real = copy_of(EXAMPLE, tmp_path)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    ws = store.load_worksheet(link)
    ws.title = "Through the link"
    store.save(ws, link)
    assert link.is_symlink()
    assert store.load_worksheet(real).title == "Through the link"
