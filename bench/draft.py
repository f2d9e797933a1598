"""What one answer costs the interview's draft, at 10, 100 and 1,000 partners.

    python bench/draft.py [--sizes 10 100 1000] [--answers 40] [--no-old]

For each generated worksheet (bench/generate.py) the draft is started as an interview
starts it (the whole header: the file's text, written atomically), then answers are
appended one by one as the interview does (one line, fsync'd). Beside it, the cost of
an answer the way the draft worked before (the whole worksheet and the file's text
dumped with the YAML dumper and written atomically at every answer), to show the
difference. Also the time from one answer to the next question in a real in-process
interview (`--section reflection`, a scripted asker), which adds the flow's own work.
Goal (issue 12): an answer at 1,000 partners within 1.5x of one at 10. Prints a table
and writes it into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from harness import REPO, machine_line, markdown_table, write_section

sys.path.insert(0, str(REPO / "src"))

import yaml  # noqa: E402
from generate import worksheet  # noqa: E402

from measurekit.core.store import atomic_write, dumps, to_data  # noqa: E402
from measurekit.interview.draft import Draft, _plain, path_for  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


def appends(path: Path, text: str, answers: int) -> tuple[float, float, int]:
    """Start time, median time per appended answer, and the draft's size at the start."""
    draft = Draft(path_for(path), str(path), text, "0" * 64, "reflection", None)
    began = time.perf_counter()
    draft.write()
    start = time.perf_counter() - began
    size = draft.path.stat().st_size
    times = []
    for n in range(answers):
        began = time.perf_counter()
        assert draft.append({"key": "reflection.competition", "value": f"answer {n}"},
                            "Step 4 of 4 · Reflection")
        times.append(time.perf_counter() - began)
    draft.remove()
    return start, statistics.median(times), size


def old_answer(path: Path, text: str, data: Any, runs: int) -> float:
    """The draft as it was: everything dumped as YAML and written atomically, per answer."""
    times = []
    for n in range(runs):
        began = time.perf_counter()
        doc = {"draft_version": 1, "file": str(path), "answers": [{"key": "k", "value": n}],
               "worksheet": _plain(data), "base": text}
        atomic_write(path_for(path), yaml.safe_dump(doc, sort_keys=False, allow_unicode=True,
                                                    width=100).encode("utf-8"))
        times.append(time.perf_counter() - began)
    path_for(path).unlink()
    return statistics.median(times)


class Timer:
    """A scripted asker that answers the reflection questions and times answer -> question."""

    def __init__(self, answers: int):
        self.left = answers
        self.last: float | None = None
        self.gaps: list[float] = []

    def say(self, text: str, kind: str = "explain") -> None:
        pass

    def ask(self, question: Any) -> Any:
        now = time.perf_counter()
        if self.last is not None:
            self.gaps.append(now - self.last)
        if question.key == "finish":
            return "quit"
        if question.key == "menu":
            return "finish"
        self.left -= 1
        self.last = time.perf_counter()
        return f"answer {self.left}"


def in_process(path: Path) -> float:
    from measurekit.interview import run

    timer = Timer(6)
    run(path, section="reflection", asker=timer, color=False)
    path_for(path).unlink(missing_ok=True)
    return statistics.median(timer.gaps[:5])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--answers", type=int, default=40)
    parser.add_argument("--no-old", action="store_true", help="skip the old draft's cost")
    args = parser.parse_args()
    rows, first = [], None
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            ws = worksheet(size)
            text = dumps(ws)
            path = Path(folder) / f"w{size}.yaml"
            path.write_text(text, encoding="utf-8")
            start, answer, draft_size = appends(path, text, args.answers)
            flow = in_process(path)
            old = None if args.no_old else old_answer(path, text, to_data(ws),
                                                      1 if size >= 1000 else 5)
            first = first or (answer, flow)
            rows.append([f"{size:,}", f"{draft_size / 1024:,.0f} KiB", ms(start), ms(answer),
                         f"{answer / first[0]:.2f}x", ms(flow), f"{flow / first[1]:.2f}x",
                         "-" if old is None else ms(old)])
            print(f"{size} partners done", file=sys.stderr)
    table = markdown_table(
        ["partners", "draft at start", "start (whole draft)", "per answer (append)",
         "vs 10", "answer to next question", "vs 10", "per answer before (whole rewrite)"],
        rows)
    body = (f"## Interview draft: the cost of one answer (bench/draft.py)\n\n{machine_line()}\n"
            f"Median of {args.answers} appended answers; the in-process column is the "
            "median time from an answer to the next question of a scripted interview.\n\n"
            f"{table}\n")
    print(body)
    write_section("draft", body)


if __name__ == "__main__":
    main()
