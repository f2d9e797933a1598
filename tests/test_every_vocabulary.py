"""Every value of every vocabulary (measure status, partner kind and status, measure type)
through every reading command and every format: nothing may crash on a word the file allows.
"""

from __future__ import annotations

from copy import deepcopy
from datetime import date
from itertools import product

import pytest

from measurekit.core.progress import progress
from measurekit.core.store import load_worksheet
from measurekit.core.vocabulary import (
    MEASURE_TYPES,
    PARTNER_KINDS,
    PARTNER_STATUSES,
    STATUS_TONES,
    STATUSES,
)
from measurekit.reports.formats import Format
from measurekit.reports.trend import STATUS_STYLES

from .report_support import measure, partner, run, worksheet, write_worksheet

AS_OF = "2026-01-21"
# Histories (with target fields) that give each status as of AS_OF.
BY_STATUS = {
    "no_data": {},
    "not_numeric": {"history": [{"date": "2026-01-01", "value": "about 40"}]},
    "met": {"target": 5, "history": [{"date": "2026-01-01", "value": 5}]},
    "no_direction": {"target": 5, "history": [{"date": "2026-01-01", "value": 9}]},
    "on_track": {"target": 30, "target_date": "2026-01-21", "direction": "up",
                 "history": [{"date": "2026-01-01", "value": 1},
                             {"date": "2026-01-11", "value": 20}]},
    "off_track": {"target": 20, "target_date": "2026-01-21", "direction": "up",
                  "history": [{"date": "2026-01-01", "value": 1},
                              {"date": "2026-01-11", "value": 2}]},
    "better": {"direction": "up", "history": [{"date": "2026-01-01", "value": 1},
                                              {"date": "2026-01-11", "value": 2}]},
    "worse": {"direction": "up", "history": [{"date": "2026-01-01", "value": 2},
                                             {"date": "2026-01-11", "value": 1}]},
    "flat": {"history": [{"date": "2026-01-01", "value": 2}, {"date": "2026-01-11", "value": 2}]},
    "too_few_points": {"history": [{"date": "2026-01-01", "value": 2}]},
}


def test_the_statuses_are_one_vocabulary():
    assert set(STATUS_TONES) == set(STATUSES) == set(BY_STATUS)
    assert set(STATUS_STYLES) == set(STATUSES)


@pytest.fixture(scope="module")
def every_word(tmp_path_factory):
    """A partner of each kind and status; each one has a measure of each type in each status,
    and each status is also the status of a shared measure."""
    partners = []
    for kind, status in product(PARTNER_KINDS, PARTNER_STATUSES):
        pid = f"{kind}-{status}"
        measures = [
            measure(f"{pid}-{mtype}-{s}".replace("_", "-"), mtype, complete=False,
                    name=f"{mtype} {s}", **deepcopy(fields))
            for (s, fields), mtype in product(BY_STATUS.items(), MEASURE_TYPES)
        ]
        partners.append(partner(pid, kind, status, measures=measures,
                                why_critical="needed", contribution="helps"))
    ids = [p["id"] for p in partners]
    shared = [
        {"id": f"shared-{s}".replace("_", "-"), "name": f"Shared {s}", "partners": list(ids),
         "measures": [f"{ids[0]}-how-much-{s}".replace("_", "-")], **deepcopy(fields)}
        for s, fields in BY_STATUS.items()
    ]
    data = worksheet(partners=partners, shared_measures=shared,
                     next_steps=[{"what": "call", "who": "Ann", "by_when": "2026-01-02",
                                  "partner": ids[1]}])
    return write_worksheet(tmp_path_factory.mktemp("every"), data)


def test_the_worksheet_has_every_status(every_word):
    ws = load_worksheet(every_word)
    seen = {progress(m, date(2026, 1, 21)).status
            for p in ws.partners for m in p.measures}
    assert seen == set(STATUSES)


TABULAR = ["table", "actions", "matrix", "gaps", "trend", "shared"]
NEEDS_AS_OF = {"actions", "trend", "report"}


@pytest.mark.parametrize(("fmt", "color"), [(f.value, False) for f in Format] + [("text", True)])
@pytest.mark.parametrize("command", TABULAR)
def test_every_tabular_command_and_format(every_word, command, fmt, color):
    args = [command, every_word, "--format", fmt]
    args += ["--as-of", AS_OF] if command in NEEDS_AS_OF else []
    result = run(*args, color=color, width=80)
    assert result.exit_code == 0, result.output
    if command == "trend":
        words = " ".join(result.output.split())
        for status in STATUSES:
            assert status in words or status.replace("_", " ") in words


@pytest.mark.parametrize(
    "extra", [[], ["--audience", "partners"], ["--partner", "external-desired"]]
)
def test_every_word_in_the_handout_and_the_chart(every_word, extra):
    result = run("report", every_word, "--as-of", AS_OF, *extra)
    assert result.exit_code == 0, result.output
    assert "</html>" in result.output
    chart = run("chart", every_word)
    assert chart.exit_code == 0 and "</svg>" in chart.output


def test_every_word_in_diff(every_word, tmp_path):
    result = run("diff", every_word, every_word)
    assert result.exit_code == 0, result.output
