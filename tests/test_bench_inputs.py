"""The benchmark measures real work: its generated worksheets are valid, of the stated size,
and the same bytes every time (so that runs on different days compare)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from typer.testing import CliRunner

from measurekit.cli import app
from measurekit.core.store import load

from .conftest import ROOT


def _generate_module():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_worksheet_is_valid_sized_and_deterministic(tmp_path: Path):
    generate = _generate_module()
    path = generate.write(40, tmp_path / "a.yaml")
    again = generate.write(40, tmp_path / "b.yaml")
    assert path.read_bytes() == again.read_bytes()

    ws = load(path).worksheet
    assert len(ws.partners) == 40
    assert all(len(p.measures) == 5 for p in ws.partners)
    assert len(ws.next_steps) == 5 * 40
    assert {n.partner for n in ws.next_steps} == {p.id for p in ws.partners}

    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0  # valid, with the gaps it leaves on purpose
    assert "gaps to fill" in result.stderr


def test_generated_measures_have_twelve_points_and_a_next_round(tmp_path: Path):
    generate = _generate_module()
    ws = load(generate.write(12, tmp_path / "a.yaml")).worksheet
    after = load(generate.write(12, tmp_path / "b.yaml", points=13)).worksheet
    measures = [m for p in ws.partners for m in p.measures]
    assert {len(m.history) for m in measures} == {12}
    assert {len(m.history) for p in after.partners for m in p.measures} == {13}
    result = CliRunner().invoke(app, ["diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"),
                                      "--format", "json"])
    # One new point for each measure, and for each population indicator.
    curves = len(measures) + len(ws.indicators)
    assert result.exit_code == 0 and result.stdout.count('"data_point"') == curves
