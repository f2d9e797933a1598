"""The benchmark at scale: wall time and peak memory of the reading commands on big worksheets.

    python bench/scale.py [--sizes 10 100 1000] [--runs 5]

Generates worksheets of 10, 100 and 1,000 partners (bench/generate.py: 5 measures and
5 next steps each) and runs `validate`, `table`, `actions`, `gaps` and `report` on each,
alternately, beside three floors measured the same way: `python -c "import typer"`, the
start-up floor `floor_cli.py table FILE`, and a bare `yaml.load(..., Loader=CSafeLoader)`
of the same file. Goal on 1,000 partners: every command within the import floor plus 3x
the bare parse, and cost linear in the number of partners. Prints a table and writes it
into bench/RESULTS.md. A command this measurekit does not have is skipped, and said so.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import (
    BENCH,
    FLOOR_CLI,
    REPO,
    Timing,
    compare,
    ensure_bytecode,
    machine_line,
    markdown_table,
    measurekit_script,
    ms,
    write_section,
)

COMMANDS = ("validate", "table", "actions", "gaps", "report")
PARSE = (
    "import sys, yaml; "
    "yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"
)
BUDGET_PARSES = 3


def generate(partners: int, path: Path) -> Path:
    """Write a worksheet with bench/generate.py, in a child process: this one stays small,
    so that a child's peak memory (which starts from a copy of this process) is its own."""
    with path.open("wb") as out:
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), str(partners)], stdout=out, check=True
        )
    return path


def available(mk: str) -> set[str]:
    """The subcommands of the installed measurekit, read from its own --help."""
    out = subprocess.run([mk, "--help"], capture_output=True, text=True, check=True).stdout
    listing = out.split("Commands:", 1)[-1]
    return {line.split()[0] for line in listing.splitlines() if line.startswith("  ")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command at each size")
    parser.add_argument("--no-write", action="store_true", help="print; leave RESULTS.md")
    args = parser.parse_args()
    py, mk = sys.executable, measurekit_script()
    ensure_bytecode()
    have = available(mk)
    commands = [c for c in COMMANDS if c in have]
    skipped = [c for c in COMMANDS if c not in have]
    for name in skipped:
        print(f"skipped: this measurekit has no `{name}` command", file=sys.stderr)

    results: dict[int, dict[str, Timing]] = {}
    sizes = sorted(args.sizes)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = generate(size, Path(tmp) / f"partners-{size}.yaml")
            timings = {
                "import typer": Timing("import typer", [py, "-c", "import typer"]),
                "floor": Timing("floor", [py, str(FLOOR_CLI), "table", str(path)]),
                "parse": Timing("parse", [py, "-c", PARSE, str(path)]),
                **{c: Timing(c, [mk, c, str(path)]) for c in commands},
            }
            print(f"{size} partners ({path.stat().st_size / 1024:.0f} KiB) ...", file=sys.stderr)
            compare(list(timings.values()), args.runs, warmup=1, cwd=REPO)
            results[size] = timings

    body = report(results, sizes, commands, skipped, args.runs)
    print(body)
    if not args.no_write:
        write_section("scale", body)


def report(
    results: dict[int, dict[str, Timing]], sizes: list[int], commands: list[str],
    skipped: list[str], runs: int,
) -> str:
    header = ["command", *(f"{n} partners" for n in sizes), "peak memory"]
    rows = []
    labels = {
        "import typer": '`python -c "import typer"`',
        "floor": "`floor_cli.py table FILE`",
        "parse": "bare `yaml.load` with CSafeLoader",
    }
    for key in ("import typer", "floor", "parse", *commands):
        label = labels.get(key, f"`measurekit {key} FILE`")
        rows.append([label, *(ms(results[n][key].median) for n in sizes),
                     f"{results[sizes[-1]][key].peak_mib:.0f} MiB"])
    text = [
        "## At scale (bench/scale.py)",
        "",
        f"Medians of {runs} alternating runs, wall time of the whole process, output to a "
        f"pipe; peak memory at {sizes[-1]} partners. Worksheets from bench/generate.py "
        f"(5 measures and 5 next steps per partner). {machine_line()}",
        "",
        markdown_table(header, rows),
        "",
    ]
    if len(sizes) >= 3:
        big, mid, small = sizes[-1], sizes[-2], sizes[-3]
        at = results[big]
        # The import floor: floor_cli.py on the smallest file, where parsing costs next to
        # nothing. The bare parse is timed as a whole process (its start-up counts in too).
        import_floor = results[sizes[0]]["floor"].median
        budget = import_floor + BUDGET_PARSES * at["parse"].median
        growth_rows = []
        for key in ("parse", *commands):
            r = results
            step_small = r[mid][key].median - r[small][key].median
            step_big = r[big][key].median - r[mid][key].median
            per_partner = step_big / (big - mid) * 1000
            expected = (big - mid) / (mid - small)
            growth = step_big / step_small if step_small > 0 else float("inf")
            within = at[key].median <= budget if key != "parse" else True
            growth_rows.append([
                labels.get(key, f"`{key}`"), f"{per_partner:.2f} ms",
                f"{growth:.1f} (linear: {expected:.0f})",
                ms(at[key].median) + ("" if key == "parse" else (" within" if within else " OVER")),
            ])
        text += [
            f"Growth: the cost of each extra partner between {mid} and {big} partners, and the "
            f"step from {mid} to {big} partners divided by the step from {small} to {mid} "
            f"(about {(big - mid) / (mid - small):.0f} when cost is linear, about "
            f"{(big * big - mid * mid) / (mid * mid - small * small):.0f} when quadratic). "
            f"Budget at {big} partners: the import floor (`floor_cli.py` on {sizes[0]} partners, "
            f"{ms(import_floor)}) plus {BUDGET_PARSES}x the bare parse = {ms(budget)}.",
            "",
            markdown_table(["", "per extra partner", "growth", f"at {big} partners"], growth_rows),
            "",
        ]
    if skipped:
        text.append("Not measured (no such command in this measurekit): "
                    + ", ".join(f"`{c}`" for c in skipped) + ".")
    return "\n".join(text)


if __name__ == "__main__":
    main()
