"""The interview at scale, in a real terminal: what a consultant waits for at each size.

    python bench/interview.py [--sizes 10 100 1000] [--runs 3] [--no-write]

For each size, a worksheet from bench/generate.py (5 measures and 5 next steps per
partner) is opened with `measurekit interview FILE` in a pseudo-terminal 100 columns
wide (pexpect), and timed, on the wall clock:

- launch: from starting the command to the menu on the screen;
- keystroke: from an arrow key, or a letter that filters the menu, to the end of the
  menu's redraw (goal: within 50 ms at 1,000 partners);
- Enter: from Enter on an answer (the title changed, then four kept) to the next
  question on the screen, the answer being kept in the draft meanwhile (goal: within
  1.5x of the 10-partner figure at 1,000 partners); the first Enter after launch on
  its own too (goal: like any other, within 1.5x of the median Enter at that size);
- finish: from choosing Finish in the menu to "Saved", through the summary table and
  the last question; beside it, one parse plus one dump of the same file in a process
  (`store.parse` and `store.dumps`), the least a save can cost.

Medians of --runs runs, each on a fresh copy; prints a table and writes it into
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pexpect
from harness import (
    BENCH,
    machine_line,
    markdown_table,
    measurekit_script,
    publish,
    seconds,
    stopwatch,
)
from scale import generate

MENU = "What would you like to update?"
FINISH = "What now?"
SAVED = "Saved "
# The details section's questions, in order: the first answer is changed, the rest kept.
DETAILS = ("Title of the worksheet", "The result in the center",
           "Choose one of the population indicators", "Results action plan", "Facilitator")
# The answers to them: the title changed, the rest kept (Enter; on the indicators' list
# Enter is "Done with population indicators").
ANSWERS = ("\x15Benchmark worksheet, renamed\r", "\r", "\r", "\r", "\r")
REDRAWN = "\x1b[?7h"  # prompt_toolkit ends every screen update by turning line wrap back on
DOWN, UP = "\x1b[B", "\x1b[A"
KEYSTROKE_GOAL = 0.050
ENTER_GOAL = 1.5
FINISH_GOAL = 1.2  # Finish to saved, against one parse plus one dump


def quiet(child: pexpect.spawn, wait: float = 0.3) -> None:
    """Read whatever the screen is still being sent, until it is silent for `wait` s."""
    try:
        while True:
            child.read_nonblocking(1 << 16, timeout=wait)
    except (pexpect.TIMEOUT, pexpect.EOF):
        pass


def timed(child: pexpect.spawn, keys: str, pattern: str) -> float:
    with stopwatch() as took:
        child.send(keys)
        child.expect_exact(pattern)
    return took()


def one_run(mk: str, source: Path, tmp: Path) -> dict[str, list[float]]:
    work = tmp / "run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    path = work / "worksheet.yaml"
    shutil.copyfile(source, path)
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm"}
    found: dict[str, list[float]] = {"launch": [], "keystroke": [], "enter": [], "finish": []}
    with stopwatch() as took:
        child = pexpect.spawn(mk, ["interview", path.name], cwd=str(work), env=env,
                              dimensions=(24, 100), encoding="utf-8", timeout=600)
        child.delaybeforesend = None  # pexpect waits 50 ms before each send unless told not to
        child.expect_exact(MENU)
        child.expect_exact(REDRAWN)
    found["launch"].append(took())
    quiet(child)
    # Arrow keys, then letters that filter the menu, then Backspace back to the whole menu.
    for keys in (DOWN, DOWN, DOWN, UP, UP, UP, "w", "o", "r", "\x7f", "\x7f", "\x7f"):
        found["keystroke"].append(timed(child, keys, REDRAWN))
        quiet(child, 0.1)
    first = timed(child, "\r", DETAILS[0])  # the menu's first choice: the first Enter
    found["enter"].append(first)
    found["first enter"] = [first]
    quiet(child)
    for keys, following in zip(ANSWERS, [*DETAILS[1:], MENU], strict=True):
        found["enter"].append(timed(child, keys, following))
        quiet(child)
    with stopwatch() as took:
        child.send("\r")  # the menu's default is now Finish
        child.expect_exact(FINISH)
        child.expect_exact(REDRAWN)
        child.send("\r")  # save
        child.expect_exact(SAVED)
    found["finish"].append(took())
    child.expect(pexpect.EOF)
    child.close()
    if child.exitstatus != 0:
        raise SystemExit(f"the interview ended with status {child.exitstatus}")
    return found


def parse_and_dump(path: Path) -> float:
    """One store.parse and one store.dumps of the file, timed inside a process."""
    code = (
        "import sys, time; from measurekit.core import store; "
        "raw = open(sys.argv[1], 'rb').read(); "
        "t = time.perf_counter(); store.dumps(store.parse(raw, sys.argv[1]).worksheet); "
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, check=True).stdout
    return float(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=3, help="runs at each size")
    parser.add_argument("--no-write", action="store_true", help="print; leave RESULTS.md")
    args = parser.parse_args()
    mk = measurekit_script()
    sizes = sorted(args.sizes)
    medians: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for size in sizes:
            source = generate(size, tmp / f"partners-{size}.yaml")
            print(f"{size} partners ...", file=sys.stderr)
            runs: dict[str, list[float]] = {}
            floors = []
            for _ in range(args.runs):
                for key, values in one_run(mk, source, tmp).items():
                    runs.setdefault(key, []).extend(values)
                floors.append(parse_and_dump(source))
            medians[size] = {k: statistics.median(v) for k, v in runs.items()}
            medians[size]["parse+dump"] = statistics.median(floors)
    body, ok = report(medians, sizes, args.runs)
    publish("interview", body, ok, write=not args.no_write)


def report(medians: dict[int, dict[str, float]], sizes: list[int], runs: int) -> tuple[str, bool]:
    small, big = sizes[0], sizes[-1]
    header = ["", *(f"{n:,} partners" for n in sizes), f"{big:,} / {small:,}"]
    labels = {
        "launch": "launch to the menu",
        "keystroke": "keystroke in the menu to its redraw",
        "enter": "Enter to the next question",
        "first enter": "the first Enter after launch",
        "finish": "Finish to saved",
        "parse+dump": "one parse + one dump of the file (in a process)",
    }
    rows = []
    for key, label in labels.items():
        row = [label, *(seconds(medians[n][key]) for n in sizes)]
        row.append(f"{medians[big][key] / medians[small][key]:.1f}x")
        rows.append(row)
    keystroke = medians[big]["keystroke"]
    enter = medians[big]["enter"] / medians[small]["enter"]
    first = medians[big]["first enter"] / medians[big]["enter"]
    finish = medians[big]["finish"] / medians[big]["parse+dump"]
    verdicts = [
        f"keystroke at {big:,} partners: {seconds(keystroke)} "
        f"({'within' if keystroke <= KEYSTROKE_GOAL else 'OVER'} {KEYSTROKE_GOAL * 1000:.0f} ms)",
        f"Enter at {big:,} partners: {enter:.1f}x the figure at {small:,} "
        f"({'within' if enter <= ENTER_GOAL else 'OVER'} {ENTER_GOAL:g}x)",
        f"first Enter at {big:,} partners: {first:.1f}x the median Enter "
        f"({'within' if first <= ENTER_GOAL else 'OVER'} {ENTER_GOAL:g}x)",
        f"Finish to saved at {big:,} partners: {finish:.1f}x one parse plus one dump "
        f"({'within' if finish <= FINISH_GOAL else 'OVER'} {FINISH_GOAL:g}x)",
    ]
    text = [
        "## The interview at scale (bench/interview.py)",
        "",
        f"Medians of {runs} runs (keystrokes and Enters: of every one in those runs), in a "
        "pseudo-terminal 100 columns wide, on worksheets from bench/generate.py (5 measures "
        f"and 5 next steps per partner). {machine_line()}",
        "",
        markdown_table(header, rows),
        "",
        *(f"- {v}" for v in verdicts),
    ]
    ok = (keystroke <= KEYSTROKE_GOAL and enter <= ENTER_GOAL and first <= ENTER_GOAL
          and finish <= FINISH_GOAL)
    return "\n".join(text) + "\n", ok


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    main()
