"""Odd outputs and streams: devices and FIFOs, closed stdin/stdout, a full disk, ASCII only
(issue 13, items 7 and 10), through the installed command."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from measurekit.core.errors import UsageProblem
from measurekit.interview import run as run_interview

from .conftest import EXAMPLE
from .examples import measurekit_script
from .helpers import FakeAsker

SCRIPT = measurekit_script()


def sh(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`measurekit ARGS` with shell redirections, as a user would type it."""
    return subprocess.run(["sh", "-c", f"{shlex.quote(SCRIPT)} {command}"], capture_output=True,
                          text=True, timeout=120, env={**os.environ, **env})


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_output_onto_a_device_writes_into_it(tmp_path):
    # A null device of our own: were it replaced by a file (as before), no harm is done.
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here")
    result = sh(f"table {EXAMPLE} --output {null}")
    assert result.returncode == 0, result.stderr
    assert null.is_char_device() and not null.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_output_onto_a_fifo_streams_into_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = sh(f"table {EXAMPLE} --format csv --output {fifo}")
    if fifo.is_fifo() and not got:  # nothing was written into it: let the reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert got and got[0].startswith(b"Partner id,")
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left


def test_output_through_a_symlink_writes_its_target(tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    result = sh(f"table {EXAMPLE} --format markdown --output {link}")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and target.read_text().startswith("# ")


def test_interview_refuses_a_file_that_is_not_regular(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/stdin")):
        with pytest.raises(UsageProblem, match="not a regular file"):
            run_interview(path, asker=FakeAsker([]))
    assert fifo.is_fifo()


def test_closed_stdout_is_a_one_line_error():
    result = sh(f"table {EXAMPLE} >&-")
    assert result.returncode == 1
    assert "standard output" in one_line_error(result)


def test_closed_stdin_only_matters_to_the_interview(tmp_path):
    assert sh(f"table {EXAMPLE} <&-").returncode == 0
    result = sh(f"interview {tmp_path / 'new.yaml'} <&-")
    assert result.returncode == 2
    assert "terminal" in one_line_error(result)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_disk_is_a_one_line_error():
    result = sh(f"table {EXAMPLE} > /dev/full")
    assert result.returncode == 1
    assert "No space left" in one_line_error(result)


def test_an_ascii_terminal_gets_escapes_not_a_traceback(write):
    path = write('schema_version: 1\ntitle: "Café ✓"\nresult: "Résultat — tous"\n')
    for fmt in ("text", "markdown", "csv", "json"):
        result = sh(f"table {path} --format {fmt}", PYTHONIOENCODING="ascii")
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        result.stdout.encode("ascii")
    text = sh(f"table {path}", PYTHONIOENCODING="ascii").stdout
    assert "Caf\\xe9 \\u2713" in text
    missing = sh(f"validate {path.parent / 'ça.yaml'}", PYTHONIOENCODING="ascii")
    assert missing.returncode == 1 and "no such file" in one_line_error(missing)


def test_term_dumb_gets_no_colour(monkeypatch):
    from measurekit.core.streams import Environment

    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert Environment.from_os().no_color


def test_reading_a_large_file_says_so_on_a_terminal_only(tmp_path):
    import pexpect

    from measurekit.core.store import LARGE

    big = tmp_path / "big.yaml"
    generate = Path(__file__).resolve().parent.parent / "bench" / "generate.py"
    with big.open("wb") as out:
        subprocess.run([sys.executable, str(generate), "320"], stdout=out, check=True)
    assert big.stat().st_size >= LARGE
    child = pexpect.spawn(SCRIPT, ["validate", str(big)], env={**os.environ, "TERM": "xterm"},
                          timeout=120, dimensions=(24, 80))
    child.expect_exact("Reading ")
    child.expect_exact("MB)...")
    child.expect_exact("valid")
    child.expect(pexpect.EOF)
    piped = sh(f"validate {big}")
    assert piped.returncode == 0 and "Reading" not in piped.stderr
