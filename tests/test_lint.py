"""The code stays as ruff's configuration in pyproject.toml wants it (ruff is a test dependency)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).parent / "ruff"
    command = [str(ruff)] if ruff.exists() else [shutil.which("ruff") or ""]
    if not command[0]:
        pytest.skip("ruff is not installed")
    done = subprocess.run([*command, "check", "src", "tests", "bench"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
