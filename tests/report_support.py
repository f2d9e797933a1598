"""Helpers for the report tests: run a command in-process, build small worksheets as data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from measurekit.cli import app
from measurekit.core.streams import Environment


def run(*args: object, color: bool = False, width: int = 100):
    """Run `measurekit ARGS` with a known terminal: piped (no colour) unless `color`."""
    env = Environment(stdin_isatty=False, stdout_isatty=color, no_color=not color, width=width)
    return CliRunner().invoke(app, [str(a) for a in args], obj=env)


def partner(pid: str, kind: str = "internal", status: str = "current", **fields: Any) -> dict:
    return {
        "id": pid,
        "name": fields.pop("name", pid.replace("-", " ").title()),
        "kind": kind,
        "status": status,
        **fields,
    }


def measure(mid: str, mtype: str = "better_off", complete: bool = True, **fields: Any) -> dict:
    data = {"id": mid, "name": fields.pop("name", mid.replace("-", " ")), "type": mtype}
    if complete:
        data.update(baseline=10, target=20, target_date="2027-06-30")
    return {**data, **fields}


def worksheet(**fields: Any) -> dict:
    return {
        "schema_version": 1,
        "title": "Test worksheet",
        "result": "Every child in Testville thrives",
        **fields,
    }


def write_worksheet(folder: Path, data: dict, name: str = "worksheet.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def json_rows(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
    for row in rows:  # plain objects with snake_case keys
        assert all(k == k.lower() and "-" not in k and " " not in k for k in row), row
    return rows


def csv_rows(result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout)))
