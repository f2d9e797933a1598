"""The benchmark at scale: every reading command against the floor of parse plus validation.

    python bench/scale.py [--sizes 10 100 1000 10000] [--runs 5] [--big-runs 1]
                          [--commands trend forecast] [--no-write]

Generates worksheets of 10, 100, 1,000 and 10,000 partners (bench/generate.py: 5 measures
of 12 monthly points and 5 next steps each) and runs every reading command on each
(`validate`, `table`, `actions`, `matrix`, `gaps`, `shared`, `chart`, `report`, `trend`,
`diff` against the next round: the same file with a 13th point per measure, and
`forecast --yes` on a fresh copy, which proposes a line for the measures without a
forecast and saves them; the text ones also on a terminal, in colour), alternately, beside the floor
`bench/floor_parse.py FILE`: PyYAML's C loader plus `Worksheet.model_validate`, which
every command must at least do.

Prints each command's time, its ratio to the floor (goal: within 2x at 1,000 partners
and more), and its growth factor between sizes: how much its cost above the smallest
size grew, scaled to a tenfold step (10 when linear in partners; above 14 is flagged).
Writes the table into bench/RESULTS.md (with --commands, into a section of its own, so
the full table stays). A command this measurekit lacks is skipped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import (
    BENCH,
    REPO,
    Timing,
    compare,
    ensure_bytecode,
    machine_line,
    markdown_table,
    measurekit_script,
    publish,
    seconds,
)

COMMANDS = (
    "validate", "table", "actions", "matrix", "gaps", "shared", "chart", "report", "trend", "diff",
    "forecast",
)
# Text reports, run on a terminal too.
COLOUR = ("table", "actions", "matrix", "gaps", "shared", "trend")
GOAL = 2.0  # times the floor, from GOAL_FROM partners on
GOAL_FROM = 1000
GROWTH_FLAG = 14.0  # a growth factor above this is far from linear (10)
BIG = 1000  # sizes above this are run --big-runs times, without a warm-up


def generate(partners: int, path: Path, points: int = 12) -> Path:
    """Write a worksheet with bench/generate.py, in a child process: this one stays small,
    so that a child's peak memory (which starts from a copy of this process) is its own."""
    with path.open("wb") as out:
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), str(partners), str(points)],
            stdout=out, check=True,
        )
    return path


def next_round(path: Path) -> Path:
    """The file `diff` compares with: the same worksheet with a 13th point per measure."""
    size = int(path.stem.removeprefix("partners-"))
    return generate(size, path.with_name(f"{path.stem}-next.yaml"), points=13)


def available(mk: str) -> set[str]:
    """The subcommands of the installed measurekit, read from its own --help."""
    out = subprocess.run([mk, "--help"], capture_output=True, text=True, check=True).stdout
    listing = out.split("Commands:", 1)[-1]
    return {line.split()[0] for line in listing.splitlines() if line.startswith("  ")}


def timings_for(path: Path, commands: list[str], py: str, mk: str) -> dict[str, Timing]:
    timings = {"floor": Timing("floor", [py, str(BENCH / "floor_parse.py"), str(path)])}
    for c in commands:
        if c == "forecast":  # it writes the file: each run proposes on a fresh copy
            timings[c] = Timing(c, ["sh", "-c", f'cp "$1" "$2" && "{mk}" forecast "$2" --yes',
                                    "forecast", str(path), str(path.with_suffix(".fc.yaml"))])
            continue
        files = [str(path), str(next_round(path))] if c == "diff" else [str(path)]
        timings[c] = Timing(c, [mk, c, *files])
        if c in COLOUR:
            timings[f"{c}, colour"] = Timing(f"{c}, colour", [mk, c, str(path)], tty=True)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command per size")
    parser.add_argument("--big-runs", type=int, default=1,
                        help=f"runs of each command on sizes above {BIG} partners")
    parser.add_argument("--no-write", action="store_true", help="print; leave RESULTS.md")
    parser.add_argument("--commands", nargs="+", metavar="NAME",
                        help="measure only these commands (beside the floor)")
    args = parser.parse_args()
    py, mk = sys.executable, measurekit_script()
    ensure_bytecode()
    have = available(mk)
    commands = [c for c in COMMANDS if c in have and (not args.commands or c in args.commands)]
    skipped = [c for c in COMMANDS if c not in have]
    for name in skipped:
        print(f"skipped: this measurekit has no `{name}` command", file=sys.stderr)

    results: dict[int, dict[str, Timing]] = {}
    sizes = sorted(args.sizes)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = generate(size, Path(tmp) / f"partners-{size}.yaml")
            timings = timings_for(path, commands, py, mk)
            big = size > BIG
            print(f"{size} partners ({path.stat().st_size / 1024:.0f} KiB) ...", file=sys.stderr)
            compare(list(timings.values()), args.big_runs if big else args.runs,
                    warmup=0 if big else 1, cwd=REPO)
            results[size] = timings

    runs = f"{args.runs}"
    if sizes[-1] > BIG:
        runs += f" ({args.big_runs} above {BIG:,} partners)"
    # A run of some commands has a section of its own: the full table stays as measured.
    name = "scale" if not args.commands else f"scale --commands {' '.join(commands)}"
    body, ok = report(results, sizes, skipped, runs, name.removeprefix("scale"))
    publish(name, body, ok, write=not args.no_write)


def growth(results: dict[int, dict[str, Timing]], sizes: list[int], key: str, i: int) -> str:
    """How much the cost above the smallest size grew from sizes[i-1] to sizes[i], scaled to
    a tenfold step: 10 when the cost is linear in partners, whatever the sizes.

    Measured from the smallest size (start-up is the same at every size), so that the
    small, noisy step from 10 to 100 partners is not the divisor of every later one.
    """
    first = results[sizes[0]][key].median
    before = results[sizes[i - 1]][key].median - first
    after = results[sizes[i]][key].median - first
    linear = (sizes[i] - sizes[0]) / (sizes[i - 1] - sizes[0])
    if before <= 0:
        return "n/a"
    factor = after / before * 10 / linear
    return f"{factor:.1f}" + (" (!)" if factor > GROWTH_FLAG else "")


def report(
    results: dict[int, dict[str, Timing]], sizes: list[int], skipped: list[str], runs: str,
    options: str = "",
) -> tuple[str, bool]:
    """The markdown section, and whether every goal was met."""
    keys = list(results[sizes[0]])
    over: list[str] = []
    far: list[str] = []
    header = ["command", *(f"{n:,} partners" for n in sizes)]
    header += [f"growth to {sizes[i]:,}" for i in range(2, len(sizes))]
    header.append(f"peak memory at {sizes[-1]:,}")
    rows = []
    for key in keys:
        label = "floor: `floor_parse.py FILE`" if key == "floor" else f"`{key}`"
        row = [label]
        for n in sizes:
            t, floor = results[n][key].median, results[n]["floor"].median
            cell = seconds(t)
            if key != "floor":
                ratio = t / floor
                cell += f" ({ratio:.1f}x)"
                if n >= GOAL_FROM and ratio > GOAL:
                    cell += " OVER"
                    over.append(f"{key} at {n:,}")
            row.append(cell)
        for i in range(2, len(sizes)):
            g = growth(results, sizes, key, i)
            row.append(g)
            if g.endswith("(!)"):
                far.append(f"{key} to {sizes[i]:,}")
        row.append(f"{results[sizes[-1]][key].peak_mib:.0f} MiB")
        rows.append(row)
    text = [
        f"## At scale (bench/scale.py{options})",
        "",
        f"Medians of {runs} alternating runs, wall time of the whole process, output to a "
        "pipe (`, colour`: to a terminal 100 columns wide, in colour). Worksheets from "
        f"bench/generate.py (5 measures and 5 next steps per partner). {machine_line()}",
        "",
        "Each command's time, and in brackets its ratio to the floor measured in the same "
        "run (PyYAML's C loader plus `Worksheet.model_validate`; goal: within "
        f"{GOAL:g}x from {GOAL_FROM:,} partners on). Growth: the cost above the smallest "
        "size at this size over the same at the size before, scaled to a tenfold step "
        f"(10 when the cost is linear in partners; (!) above {GROWTH_FLAG:g}).",
        "",
        markdown_table(header, rows),
        "",
        "Goal met." if not over and not far else
        "Not met: " + "; ".join([*(f"{x} over {GOAL:g}x" for x in over),
                                 *(f"{x} grows faster than linear" for x in far)]) + ".",
    ]
    if skipped:
        text.append("Not measured (no such command in this measurekit): "
                    + ", ".join(f"`{c}`" for c in skipped) + ".")
    return "\n".join(text) + "\n", not over and not far


if __name__ == "__main__":
    main()
