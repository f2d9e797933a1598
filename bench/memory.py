"""Peak memory of loading a worksheet, against the file's size and the floor.

    python bench/memory.py                       # 1,000 and 10,000 partners
    python bench/memory.py 1000 --before OLD/src # also an older measurekit's source tree

Each figure is the peak resident memory of a fresh process (`os.wait4`) that loads one
worksheet with measurekit's loader (`store.load`: strict YAML, positions for the
messages, validation), with the collector off as the command line runs it. The floor
is bench/floor_parse.py (PyYAML's C loader and `Worksheet.model_validate`, which keeps
no positions). `--before` runs the same load from another source tree (for example
`git archive` of an earlier commit), to state the change. Worksheets from
bench/generate.py; prints the table and rewrites its part of bench/RESULTS.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import BENCH, REPO, publish, run_once, section  # noqa: E402

LOAD = "import gc, sys; gc.disable(); from measurekit.core import store; store.load(sys.argv[1])"


def peak_mib(argv: list[str], src: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return run_once(argv, env=env).max_rss_kib / 1024


def main() -> None:
    args = sys.argv[1:]
    before = None
    if "--before" in args:
        at = args.index("--before")
        before = Path(args[at + 1]).resolve()
        del args[at : at + 2]
    sizes = [int(a) for a in args] or [1000, 10000]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for partners in sizes:
            path = Path(tmp) / f"w{partners}.yaml"
            # Generated in another process: a child's peak memory counts its parent's
            # size at the fork, so this process must stay small.
            with path.open("wb") as out:
                subprocess.run([sys.executable, str(BENCH / "generate.py"), str(partners)],
                               stdout=out, check=True)
            mib = path.stat().st_size / 2**20
            floor = peak_mib([sys.executable, str(BENCH / "floor_parse.py"), str(path)],
                             REPO / "src")
            now = peak_mib([sys.executable, "-c", LOAD, str(path)], REPO / "src")
            row = [f"{partners:,}", f"{mib:.1f} MiB", f"{floor:.0f} MiB ({floor / mib:.0f}x)",
                   f"{now:.0f} MiB ({now / mib:.0f}x)"]
            if before:
                old = peak_mib([sys.executable, "-c", LOAD, str(path)], before)
                row += [f"{old:.0f} MiB ({old / mib:.0f}x)", f"{now / old:.2f}"]
            rows.append(row)
            print(" | ".join(row), flush=True)
    header = ["partners", "file", "floor: C loader + validation", "store.load"]
    if before:
        header += ["store.load before", "now / before"]
    about = ("Peak resident memory of one process loading the worksheet (in brackets: times "
             "the file's size); worksheets from bench/generate.py with 12-point histories.")
    publish("memory", section("Memory of a load (bench/memory.py)", about, header, rows),
            ok=True, write=True)

if __name__ == "__main__":
    main()
