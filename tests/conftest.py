"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKSHEETS = ROOT / "worksheets"
EXAMPLE = WORKSHEETS / "youth-justice.yaml"
STARTER = WORKSHEETS / "starter.yaml"


@pytest.fixture
def write(tmp_path: Path):
    """Write text (or bytes) to a file in tmp_path and return its path."""

    def _write(content: str | bytes, name: str = "worksheet.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


MINIMAL = """\
schema_version: 1
title: Reading by third grade
result: All children in Riverton read at grade level by the end of third grade
"""

SMALL = """\
schema_version: 1
title: Reading by third grade
result: All children in Riverton read at grade level by the end of third grade
partners:
  - id: schools
    name: Riverton Schools
    kind: internal
    status: current
    contribution: Reading coaches in every K-3 classroom
    measures:
      - id: third-grade-reading
        name: Third graders reading at grade level
        type: better_off
        baseline: 48%
        target: 65%
        target_date: 2027-06-30
  - id: library
    name: Riverton Public Library
    kind: external
    status: desired
    why_not_engaged: Not invited to the first meetings
shared_measures:
  - id: reading-level
    name: Children reading at grade level
    partners: [schools, library]
    measures: [third-grade-reading]
next_steps:
  - who: Dana
    what: Invite the library director
    by_when: 2026-12-15
    partner: library
"""
