"""Start-up time of measurekit against its floors, as ratios of medians.

    python bench/startup.py [--runs 21]

Two comparisons, each run alternately with the interpreter running this script:
- `measurekit --help` against `python -c "import typer"` (target: within 1.3x);
- `measurekit table FILE` against `python floor_cli.py table FILE`, the least a Typer +
  pydantic + PyYAML + Rich command can do (target: within 1.1x).
The installed console script and `python -m measurekit` are both measured. Prints a table
and writes it into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys

from harness import (
    FLOOR_CLI,
    REPO,
    Timing,
    compare,
    ensure_bytecode,
    machine_line,
    markdown_table,
    measurekit_script,
    ms,
    publish,
)

EXAMPLE = REPO / "worksheets" / "youth-justice.yaml"
TARGETS = {"help": 1.3, "table": 1.1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (at least 15)")
    parser.add_argument("--no-write", action="store_true", help="print; leave RESULTS.md")
    args = parser.parse_args()
    if args.runs < 15:
        parser.error("--runs: at least 15, so that a median means something")
    if not FLOOR_CLI.exists():
        sys.exit(f"the start-up floor {FLOOR_CLI} is missing")
    py, mk = sys.executable, measurekit_script()
    ensure_bytecode()

    help_floor = Timing('python -c "import typer"', [py, "-c", "import typer"])
    help_runs = [
        Timing("measurekit --help", [mk, "--help"]),
        Timing("python -m measurekit --help", [py, "-m", "measurekit", "--help"]),
    ]
    table_floor = Timing(
        "python floor_cli.py table FILE", [py, str(FLOOR_CLI), "table", str(EXAMPLE)]
    )
    table_runs = [
        Timing("measurekit table FILE", [mk, "table", str(EXAMPLE)]),
        Timing("python -m measurekit table FILE", [py, "-m", "measurekit", "table", str(EXAMPLE)]),
    ]
    compare([help_floor, *help_runs], args.runs, cwd=REPO)
    compare([table_floor, *table_runs], args.runs, cwd=REPO)

    rows = []
    verdicts = []
    for kind, floor, runs in (("help", help_floor, help_runs), ("table", table_floor, table_runs)):
        memory = f"{floor.peak_mib:.0f} MiB"
        rows.append([f"`{floor.label}` (floor)", ms(floor.median), "1.00", memory, ""])
        for t in runs:
            ratio = t.median / floor.median
            ok = ratio <= TARGETS[kind]
            verdicts.append(ok)
            rows.append([
                f"`{t.label}`", ms(t.median), f"{ratio:.2f}", f"{t.peak_mib:.0f} MiB",
                f"{'within' if ok else 'OVER'} {TARGETS[kind]}x",
            ])
    table = markdown_table(["command", "median", "ratio to floor", "peak memory", "target"], rows)
    body = (
        "## Start-up (bench/startup.py)\n\n"
        f"Medians of {args.runs} alternating runs each, output to a pipe, FILE = "
        f"worksheets/{EXAMPLE.name}. {machine_line()}\n\n{table}\n"
    )
    publish("startup", body, all(verdicts), write=not args.no_write)


if __name__ == "__main__":
    main()
