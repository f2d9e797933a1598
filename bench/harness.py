"""What the benchmark scripts share: running a command many times, and writing RESULTS.md.

Each run is a fresh process (start-up is what a consultant waits for), timed on the
wall clock, with its peak resident memory read from `os.wait4`. Commands that are
compared run alternately, so that a slow moment of the machine hits both alike.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "RESULTS.md"
# The start-up floor lives in the team's shared folder, beside the repository.
FLOOR_CLI = REPO.parent / "shared" / "bench" / "floor_cli.py"


def measurekit_script() -> str:
    """The installed console script of the interpreter running the bench."""
    script = Path(sys.executable).parent / "measurekit"
    if not script.exists():
        sys.exit(f"no measurekit script beside {sys.executable}; install the package first")
    return str(script)


def ensure_bytecode() -> None:
    """Compile measurekit's modules, as `pip install` does: with PYTHONDONTWRITEBYTECODE set
    (or sources newer than their cache) every run would compile them again, which a user
    never pays for."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("measurekit")
    if spec and spec.origin:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)


@dataclass
class Sample:
    seconds: float
    max_rss_kib: int


@dataclass
class Timing:
    label: str
    argv: list[str]
    samples: list[Sample] = field(default_factory=list)
    tty: bool = False  # output to a terminal (a pty 100 columns wide), in colour

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mib(self) -> float:
        return max(s.max_rss_kib for s in self.samples) / 1024


def run_once(
    argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
    tty: bool = False,
) -> Sample:
    """Run argv to completion with output discarded (read from a pty with `tty`); fail
    loudly if it fails."""
    # stderr goes to a file, not a pipe: `validate` on a big worksheet writes more gap
    # lines than a pipe holds, and would wait for a reader that waits for it to exit.
    with tempfile.TemporaryFile() as err:
        master = slave = -1
        if tty:
            master, slave = _pty(columns=100)
        with stopwatch() as took:
            proc = subprocess.Popen(
                argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                stdout=slave if tty else subprocess.DEVNULL, stderr=err,
            )
            if tty:
                os.close(slave)
                _drain(master)
            # wait4 gives the peak memory of this one child (RUSAGE_CHILDREN is a running max).
            _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            message = err.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}:\n{message}")
    return Sample(took(), usage.ru_maxrss)


def compare(timings: list[Timing], runs: int, warmup: int = 2, cwd: Path | None = None) -> None:
    """Run every timing `runs` times, alternately (A B C A B C ...), after a warm-up."""
    plain = dict(os.environ, NO_COLOR="1")
    colour = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm"}
    for _ in range(warmup):
        for t in timings:
            run_once(t.argv, cwd, colour if t.tty else plain, t.tty)
    for _ in range(runs):
        for t in timings:
            t.samples.append(run_once(t.argv, cwd, colour if t.tty else plain, t.tty))


def _pty(columns: int) -> tuple[int, int]:
    """A pseudo-terminal `columns` wide: (the side we read, the side the child writes)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    return master, slave


def _drain(master: int) -> None:
    """Read what the child writes to its terminal until it closes it (as a terminal would)."""
    try:
        while os.read(master, 1 << 16):
            pass
    except OSError:  # EIO: the child has exited and the pty is closed
        pass
    finally:
        os.close(master)


@contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    """Time a block on the wall clock: `with stopwatch() as took: ...`, then `took()` is
    its seconds (inside the block, the seconds so far)."""
    start = time.perf_counter()
    end: float | None = None

    def took() -> float:
        return (time.perf_counter() if end is None else end) - start

    try:
        yield took
    finally:
        end = time.perf_counter()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def seconds(value: float) -> str:
    """A duration as a person reads it: `850 ms`, `2.41 s`."""
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def publish(name: str, body: str, ok: bool, write: bool) -> None:
    """Print a script's table, write it into RESULTS.md (unless --no-write), and exit 1
    when a goal was missed."""
    print(body)
    if write:
        write_section(name, body)
    if not ok:
        sys.exit(1)


def section(title: str, about: str, header: list[str], rows: list[list[str]],
            after: str = "") -> str:
    """A script's part of RESULTS.md: `## title`, what was measured (`about`) and on what
    machine, the table, and what follows it (a goal met or not)."""
    parts = [f"## {title}", f"{about} {machine_line()}", markdown_table(header, rows)]
    return "\n\n".join([*parts, after] if after else parts) + "\n"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def machine_line() -> str:
    import platform

    return (
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; measured {time.strftime('%Y-%m-%d')}."
    )


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section between this script's markers in RESULTS.md."""
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else (
        "# Benchmark results\n\nWritten by the scripts in this folder; see the README's "
        "Performance section. Re-run them rather than editing this file.\n"
    )
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")
