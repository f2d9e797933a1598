"""The interview's save at Finish, against one parse plus one dump of the same file.

    python bench/save.py            # 10, 100 and 1,000 partners
    python bench/save.py 1000

At Finish the interview knows the bytes it read at launch; when the file still holds
them, the save does not parse it again (issue 12). Measured in one process, as the
interview runs it: building the launch worksheet from the data already in memory,
then `store.save` of a changed worksheet (dump, `.bak`, atomic write with fsync). The
floor is one parse (`store.parse`: C parser, checks, validation) plus one `dumps`.
The save that parses the file again is shown for comparison. Medians of 5 alternating
runs; prints the table and rewrites its part of bench/RESULTS.md.
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import worksheet as generated  # noqa: E402
from harness import ms, publish, section  # noqa: E402

from measurekit.core import store  # noqa: E402
from measurekit.core.model import Worksheet  # noqa: E402

RUNS = 5
TARGET = 1.5


def measure(partners: int, folder: Path) -> dict[str, float]:
    raw = store.dumps(generated(partners)).encode()
    path = folder / f"w{partners}.yaml"
    loaded = store.parse(raw, str(path))
    data = loaded.worksheet.model_dump()
    changed = loaded.worksheet.model_copy(update={"title": "Changed at Finish"})

    def floor() -> float:
        start = time.perf_counter()
        store.dumps(store.parse(raw, str(path)).worksheet)
        return time.perf_counter() - start

    def save(known: bool) -> float:
        path.write_bytes(raw)  # the file as read at launch (not timed)
        start = time.perf_counter()
        on_disk = store.OnDisk(raw, Worksheet.model_validate(data)) if known else None
        store.save(changed, path, known=on_disk)
        return time.perf_counter() - start

    samples: dict[str, list[float]] = {"floor": [], "known": [], "reparsed": []}
    gc.disable()  # as during a session's save: store.parse pauses it too
    for _ in range(RUNS):
        samples["floor"].append(floor())
        samples["known"].append(save(known=True))
        samples["reparsed"].append(save(known=False))
        gc.collect()
    gc.enable()
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10, 100, 1000]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for partners in sizes:
            m = measure(partners, Path(tmp))
            ratio = m["known"] / m["floor"]
            rows.append([str(partners), ms(m["floor"]), ms(m["known"]), f"{ratio:.2f}",
                         "within" if ratio <= TARGET else "OVER",
                         ms(m["reparsed"]), f"{m['reparsed'] / m['floor']:.2f}"])
            print(partners, "partners:", " ".join(rows[-1][1:]), flush=True)
    header = ["partners", "floor: parse + dump", "save at Finish", "ratio", f"target {TARGET}x",
              "save parsing again", "ratio"]
    about = (f"Medians of {RUNS} alternating runs in one process; the save writes `.bak` and "
             "the file with fsync. Worksheets from bench/generate.py.")
    publish("save", section("Save at Finish (bench/save.py)", about, header, rows),
            ok=True, write=True)

if __name__ == "__main__":
    main()
