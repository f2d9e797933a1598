"""The live page at scale: from a change to the page, and what --show costs the interview.

    python bench/live.py [--sizes 100 1000] [--changes 20] [--no-write]

For each size, a worksheet from bench/generate.py is shown with `measurekit show FILE`,
and a client holds the page's event stream open as a browser does. Then, --changes
times, the file is changed and saved (a new file renamed over it, as an editor or
measurekit saves), in turn: the title, a partner's name (every section naming partners
is drawn again) and a data point (its curve is drawn again); the time is taken from the
save to the arrival of the event that carries the change: the file watcher's poll, one
parse, the render of the blocks, and the send. Goals: the 95th percentile under 1 s at
100 partners and under 2 s at 1,000.

Then the interview in a pseudo-terminal, as bench/interview.py drives it: the Enter
from each of the details' answers to the next question, without --show and with it
(a client connected, so that every answer is rendered). Goal: with --show within 1.2x.
Medians; prints a table and writes it into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pexpect
from harness import BENCH, machine_line, markdown_table, measurekit_script, write_section
from interview import ANSWERS, DETAILS, MENU, REDRAWN, quiet, timed
from scale import generate

GOALS = {100: 1.0, 1000: 2.0}
SHOW_GOAL = 1.2
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/")


class Stream:
    """The page's event stream, read in a thread: each event's arrival time and data."""

    def __init__(self, port: int):
        self.events: list[tuple[float, dict]] = []
        self._connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self._connection.request("GET", "/events")
        self._response = self._connection.getresponse()
        self._arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self._response:
                if line.startswith(b"data: "):
                    with self._arrived:
                        self.events.append((time.perf_counter(), json.loads(line[6:])))
                        self._arrived.notify_all()
        except (OSError, ValueError):
            pass

    def until(self, test, timeout: float = 600, seen: int | None = None) -> float:
        """The arrival time of the first event that passes `test`: from now on, or `seen` on."""
        seen = len(self.events) if seen is None else seen
        with self._arrived:
            while True:
                for at, data in self.events[seen:]:
                    if test(data):
                        return at
                seen = len(self.events)
                if not self._arrived.wait(timeout):
                    raise SystemExit("no such event arrived")

    def close(self) -> None:
        self._connection.close()


def _title(text: str, n: int) -> tuple[str, str, str]:
    title = f"Benchmark worksheet, change {n}"
    return re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), "head", title


def _partner_name(text: str, n: int) -> tuple[str, str, str]:
    """A partner renamed: every section that names partners is drawn again."""
    name = f"Partner renamed {n}"
    changed = re.sub(r"^(  name: )(Partner organisation number 7|Partner renamed \d+)$",
                     rf"\g<1>{name}", text, count=1, flags=re.M)
    return changed, "summary", name


def _data_point(text: str, n: int) -> tuple[str, str, str]:
    """A point of a partner's measure changed, as `record` does: its curve is drawn again."""
    at = text.index("    name: Measure 0 of partner 3\n")
    value = re.compile(r"^(      value: ).*$", re.M).search(text, at)
    assert value is not None
    changed = f"{text[:value.start()]}{value.group(1)}{500 + n}{text[value.end():]}"
    return changed, "doing", "Measure 0 of partner 3"


# The three kinds of change a meeting makes, in turn: text, a name, a round of data.
CHANGES = (_title, _partner_name, _data_point)


def change_to_page(mk: str, source: Path, tmp: Path, changes: int) -> list[float]:
    path = tmp / "shown.yaml"
    shutil.copyfile(source, path)
    proc = subprocess.Popen([mk, "show", str(path), "--port", "0", "--no-open"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    port = int(ADDRESS.match(proc.stdout.readline()).group(1))
    stream = Stream(port)
    stream.until(lambda data: True)  # the first view
    text = path.read_text(encoding="utf-8")
    found = []
    for n in range(changes):
        text, block, shown = CHANGES[n % len(CHANGES)](text, n)
        temp = tmp / "shown.yaml.new"
        temp.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        os.replace(temp, path)
        arrived = stream.until(lambda data, block=block, shown=shown: any(
            bid == block and html and shown in html for bid, html in data["blocks"]))
        found.append(arrived - start)
    stream.close()
    proc.terminate()
    proc.wait(timeout=60)
    return found


def enters(mk: str, source: Path, tmp: Path, show: bool) -> list[float]:
    work = tmp / "interview"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    shutil.copyfile(source, work / "worksheet.yaml")
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm"}
    extra = ["--show", "--port", "0", "--no-open"] if show else []
    child = pexpect.spawn(mk, ["interview", "worksheet.yaml", *extra], cwd=str(work), env=env,
                          dimensions=(24, 100), encoding="utf-8", timeout=600)
    child.delaybeforesend = None
    stream = None
    if show:
        child.expect(ADDRESS)
        stream = Stream(int(child.match.group(1)))
    child.expect_exact(MENU)
    child.expect_exact(REDRAWN)
    quiet(child)
    found = [timed(child, "\r", DETAILS[0])]
    quiet(child)
    for asked, keys, following in zip(DETAILS, ANSWERS, [*DETAILS[1:], MENU], strict=True):
        if stream is not None:  # the page shows the question asked: its render is done
            stream.until(lambda data, asked=asked: asked in data["now"], seen=0)
        found.append(timed(child, keys, following))
        quiet(child)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    if stream is not None:
        stream.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="interviews with and without")
    parser.add_argument("--no-write", action="store_true", help="print; leave RESULTS.md")
    args = parser.parse_args()
    mk = measurekit_script()
    rows, verdicts, ok = [], [], True
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for size in sorted(args.sizes):
            print(f"{size} partners ...", file=sys.stderr)
            source = generate(size, tmp / f"partners-{size}.yaml")
            latencies = sorted(change_to_page(mk, source, tmp, args.changes))
            p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
            without, with_show = [], []
            for _ in range(args.runs):
                without += enters(mk, source, tmp, show=False)
                with_show += enters(mk, source, tmp, show=True)
            ratio = statistics.median(with_show) / statistics.median(without)
            goal = GOALS.get(size)
            rows.append([f"{size:,}", f"{statistics.median(latencies):.2f} s", f"{p95:.2f} s",
                         f"{statistics.median(without) * 1000:.0f} ms",
                         f"{statistics.median(with_show) * 1000:.0f} ms", f"{ratio:.2f}x"])
            if goal is not None:
                verdicts.append(f"change to page at {size:,} partners, 95th percentile: "
                                f"{p95:.2f} s ({'within' if p95 < goal else 'OVER'} {goal:g} s)")
                ok = ok and p95 < goal
            verdicts.append(f"Enter with --show at {size:,} partners: {ratio:.2f}x without "
                            f"({'within' if ratio <= SHOW_GOAL else 'OVER'} {SHOW_GOAL:g}x)")
            ok = ok and ratio <= SHOW_GOAL
    header = ["partners", "change to page, median", "95th percentile", "Enter, without --show",
              "Enter, with --show", "with / without"]
    body = "\n".join([
        "## The live page (bench/live.py)",
        "",
        f"{args.changes} saved changes per size (in turn the title, a partner's name and a "
        "data point), timed from the save to the "
        "arrival of the page's event carrying it; the interview's Enter (the details' "
        f"answers) in {args.runs} runs without and with --show, a page connected. "
        + machine_line(),
        "",
        markdown_table(header, rows),
        "",
        *(f"- {v}" for v in verdicts),
    ]) + "\n"
    print(body)
    if not args.no_write:
        write_section("live", body)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    main()
