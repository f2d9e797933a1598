"""Deterministic worksheets of any size, for the benchmark at scale.

    python bench/generate.py 1000 > big.yaml
    python bench/generate.py 1000 13 > next.yaml   # the same, one more point per measure

Each partner has 5 measures (all three kinds) and 5 next steps; there is one work-plan
item for every five partners, and every reflection answer. Shared measures are few, as
in real worksheets (10, each shared by three partners): the partner-by-shared-measure
matrix is by nature the product of the two counts, and the benchmark is about growth
with the number of partners. Some parts are left unfinished on purpose (every fifth partner is
desired and has no engagement plan, every seventh measure has no baseline), so that
`gaps` and `validate` have gaps to report. Every measure has a history of 12 monthly
points (`trend`, the handout's charts); a 13th round makes the "next" file `diff`
compares. Format version 3: three measures in four have a forecast (two dated points)
and every other one a tolerance, the rest are left for `forecast` to propose; the
result has two population indicators with a history and a forecast. The file is built
with the model and saved with the store, so it is exactly what measurekit itself would
write.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from measurekit.core.model import REFLECTION_FIELDS, Worksheet  # noqa: E402
from measurekit.core.store import dumps  # noqa: E402

KINDS = ("how_much", "how_well", "better_off", "how_well", "better_off")
START = date(2026, 9, 1)
SHARED_MEASURES = 10
POINTS = 12
MONTHS = [date(2025 + (m + 8) // 12, (m + 8) % 12 + 1, 1) for m in range(24)]  # from 2025-09


def history(n: int, points: int) -> list[dict]:
    """A measure's monthly points: rising from about its baseline, some weeks a text value."""
    return [
        {"date": MONTHS[m].isoformat(), "value": 40 + (n + 3 * m) % 50 if (n + m) % 11 else "n/a"}
        for m in range(points)
    ]


def forecast(n: int) -> list[dict]:
    """A straight forecast from the first month to a year and a half later."""
    return [{"date": MONTHS[0].isoformat(), "value": 40 + n % 50},
            {"date": MONTHS[18].isoformat(), "value": 45 + n % 50}]


def worksheet(partners: int, points: int = POINTS) -> Worksheet:
    data: dict = {
        "schema_version": 3,
        "title": f"Benchmark worksheet with {partners} partners",
        "result": "Every young person in the benchmark county graduates from high school.",
        "indicators": [
            {"id": f"indicator-{k}", "name": f"Population indicator {k}", "baseline": 60 + k,
             "target": 80, "target_date": "2028-06-30", "tolerance": 1,
             "history": history(k, points), "forecast": forecast(k)}
            for k in range(2)
        ],
        "facilitator": "Bench Mark",
        "updated": "2026-11-20",
        "partners": [],
        "shared_measures": [],
        "work_plan": [],
        "next_steps": [],
        "reflection": {f: f"Answer about {f.replace('_', ' ')}." for f in REFLECTION_FIELDS},
    }
    for i in range(partners):
        pid = f"partner-{i}"
        desired = i % 5 == 4
        partner = {
            "id": pid,
            "name": f"Partner organisation number {i}",
            "kind": "internal" if i % 2 else "external",
            "status": "desired" if desired else "current",
            "why_critical": f"Serves the young people of district {i % 17}.",
            "contribution": f"Runs programme {i} for young people at risk of leaving school.",
            "strategy": "Share attendance weekly and review it together every month.",
            "measures": [],
        }
        if desired:
            partner["why_not_engaged"] = "Hypothesis: nobody has asked them yet."
        for k, kind in enumerate(KINDS):
            n = i * len(KINDS) + k
            measure = {
                "id": f"{pid}-m{k}", "name": f"Measure {k} of partner {i}", "type": kind,
                "hypothesized": desired, "target": 90 + k, "data_source": "Case records",
                "target_date": (START + timedelta(days=300 + n % 400)).isoformat(),
            }
            if n % 7:
                measure["baseline"] = 40 + k
            measure["history"] = history(n, points)
            if n % 4:
                measure["forecast"] = forecast(n)
            if n % 2:
                measure["tolerance"] = 1
            partner["measures"].append(measure)
        data["partners"].append(partner)
        for k in range(5):
            data["next_steps"].append({
                "who": f"Lead {i % 23}", "what": f"Follow-up {k} with partner {i}",
                "by_when": (START + timedelta(days=(i * 5 + k) % 365)).isoformat(),
                "partner": pid, "step": 3 if desired else 2, "done": k == 0,
            })
    for s in range(min(SHARED_MEASURES, partners // 3)):
        members = [3 * s, 3 * s + 1, 3 * s + 2]
        data["shared_measures"].append({
            "id": f"shared-{s}", "name": f"Shared measure {s}",
            "partners": [f"partner-{i}" for i in members],
            "measures": [f"partner-{i}-m2" for i in members],
            "baseline": "50%", "target": "70%", "target_date": "2027-12-31",
        })
    for w in range(max(1, partners // 5)):
        data["work_plan"].append({
            "what": f"Work item {w}", "lead": f"Lead {w % 23}",
            "partners": [f"partner-{(w * 5 + j) % partners}" for j in range(min(3, partners))],
            "start": (START + timedelta(days=w % 200)).isoformat(),
            "due": (START + timedelta(days=60 + w % 300)).isoformat(), "done": w % 3 == 0,
        })
    return Worksheet.model_validate(data)


def write(partners: int, path: Path, points: int = POINTS) -> Path:
    path.write_text(dumps(worksheet(partners, points)), encoding="utf-8")
    return path


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    sys.stdout.write(dumps(worksheet(size, int(sys.argv[2]) if len(sys.argv) > 2 else POINTS)))
