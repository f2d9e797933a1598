"""The Python API: `measurekit` names what a script needs, imports it only when asked, and
ships its types."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import measurekit

from .conftest import EXAMPLE


def test_every_public_name_is_there_and_listed():
    assert set(measurekit.__all__) == {*measurekit._EXPORTS, "trend", "__version__"}
    for name in measurekit.__all__:
        assert getattr(measurekit, name) is not None, name
    assert set(measurekit.__all__) <= set(dir(measurekit))


def test_every_model_of_the_worksheet_is_public():
    """Each kind of item a worksheet holds (the models the interview asks about) and a
    point of a curve can be named from `measurekit`, as the README's Python use shows."""
    from measurekit.core.model import Point
    from measurekit.core.schema_walk import MODELS

    for model in [*MODELS.values(), Point]:
        assert getattr(measurekit, model.__name__) is model, model.__name__


def test_importing_measurekit_loads_none_of_the_machinery():
    code = ("import sys, measurekit; print(sorted(m for m in sys.modules "
            "if m.startswith(('pydantic', 'yaml', 'measurekit.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_load_gaps_progress_and_trend_agree_with_the_command_line():
    ws = measurekit.load(EXAMPLE)
    assert isinstance(ws, measurekit.Worksheet)
    rows = {row["measure"]: row for row in measurekit.trend(ws, date(2026, 12, 31))}
    first = ws.partners[0].measures[0]
    assert rows[first.id]["status"] == measurekit.progress(first, date(2026, 12, 31)).status
    assert all(isinstance(g, measurekit.Gap) for g in measurekit.gaps(ws))


def test_a_bad_file_is_a_measurekit_error(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ntitle: t\n")
    try:
        measurekit.load(bad)
    except measurekit.WorksheetInvalid as exc:
        assert isinstance(exc, measurekit.MeasurekitError) and exc.problems
    else:
        raise AssertionError("an invalid worksheet was loaded")


def test_the_package_ships_its_types():
    assert (Path(measurekit.__file__).parent / "py.typed").exists()


def test_save_refuses_what_validate_would_and_the_operations_keep_it_whole(tmp_path: Path):
    path = tmp_path / "ws.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    ws = measurekit.load(path)
    step = next(s for s in ws.next_steps if s.partner)
    step.partner = "nobody"
    try:
        measurekit.save(ws, path)
    except measurekit.WorksheetInvalid as exc:
        assert "nobody" in str(exc)
    else:
        raise AssertionError("a dangling partner id was saved")
    assert path.read_bytes() == EXAMPLE.read_bytes()
    ws = measurekit.load(path)
    old = ws.partners[-1].id
    assert measurekit.rename_id(ws, old, "renamed") >= 1
    measurekit.save(ws, path)
    assert old not in path.read_text(encoding="utf-8").replace(f"{old}-", "")
