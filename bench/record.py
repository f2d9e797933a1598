"""`record --from` at scale: a real write and a no-op, against their floors.

    python bench/record.py [--sizes 1000 10000] [--runs 3]

For each size, a worksheet from bench/generate.py and a csv with one new value for each
of 100 measures. Timed, each in a fresh process, on the wall clock, alternately:

- write: `measurekit record FILE --from CSV` on the file without those values (the
  file is put back before each run, untimed);
- no-op: the same command again, when the file already holds them;
- floor: bench/floor_parse.py (PyYAML's C loader and `Worksheet.model_validate`), the
  least any command does;
- write floor: the same plus `store.dumps` and writing the file with fsync, the least a
  write does.

Goals (issue 16): the write within 1.2x of the write floor; the no-op, which needs no
dump and no write, near the floor. Prints the table and rewrites its part of
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from harness import (
    BENCH,
    ensure_bytecode,
    measurekit_script,
    publish,
    run_once,
    seconds,
    section,
)
from scale import generate

GOAL = 1.2
WRITE_FLOOR = (
    "import gc, os, sys, yaml; gc.disable(); "
    "from measurekit.core.model import Worksheet; from measurekit.core.saving import dumps; "
    "ws = Worksheet.model_validate(yaml.load(open(sys.argv[1], encoding='utf-8').read(), "
    "Loader=yaml.CSafeLoader)); data = dumps(ws).encode(); "
    "fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644); "
    "os.write(fd, data); os.fsync(fd); os.close(fd)"
)


def csv_for(partners: int, path: Path) -> Path:
    """One new value (dated after the generated history) for 100 measures."""
    rows = ["measure,date,value,note"]
    for n in range(min(100, partners * 5)):
        rows.append(f"partner-{n // 5}-m{n % 5},2027-01-15,{50 + n % 40},")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def measure(partners: int, tmp: Path, runs: int, mk: str) -> dict[str, float]:
    source = generate(partners, tmp / f"partners-{partners}.yaml")
    work = tmp / "worksheet.yaml"
    data = csv_for(partners, tmp / "round.csv")
    py = sys.executable
    argv = {
        "write": [mk, "record", str(work), "--from", str(data)],
        "no-op": [mk, "record", str(work), "--from", str(data)],
        "floor": [py, str(BENCH / "floor_parse.py"), str(source)],
        "write floor": [py, "-c", WRITE_FLOOR, str(source), str(tmp / "floor.yaml")],
    }
    samples: dict[str, list[float]] = {k: [] for k in argv}
    for _ in range(runs):
        shutil.copyfile(source, work)
        for name, args in argv.items():  # the write first: then the no-op finds the values
            samples[name].append(run_once(args).seconds)
    return {k: statistics.median(v) for k, v in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ensure_bytecode()
    mk = measurekit_script()
    rows, ok = [], True
    with tempfile.TemporaryDirectory() as name:
        for partners in args.sizes:
            m = measure(partners, Path(name), args.runs, mk)
            write = m["write"] / m["write floor"]
            ok = ok and write <= GOAL
            rows.append([f"{partners:,}", seconds(m["floor"]), seconds(m["write floor"]),
                         f"{seconds(m['write'])} ({write:.2f}x the write floor)",
                         f"{seconds(m['no-op'])} ({m['no-op'] / m['floor']:.2f}x the floor)"])
            print(" | ".join(rows[-1]), flush=True)
    header = ["partners", "floor: parse + validate", "write floor: + dump + fsync",
              "record --from, a write", "record --from, nothing new"]
    about = (f"Medians of {args.runs} alternating runs, wall time of the whole process; a csv "
             "of 100 new values. Worksheets from bench/generate.py (12-point histories).")
    goal = f"Goal: a write within {GOAL}x of the write floor: {'met' if ok else 'NOT met'}."
    publish("record", section("record --from (bench/record.py)", about, header, rows, goal),
            ok=True, write=True)

if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    main()
