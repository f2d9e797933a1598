"""The core does each costly step once (issue 16, "the core's costs"): counted, not timed.

Timings live in bench/; these tests count the steps that the figures there depend on.
"""

from __future__ import annotations

import pytest

from measurekit.core import record, saving, store

from .helpers import write_small

HEADER = "measure,date,value,note\n"


@pytest.fixture
def counted(monkeypatch):
    """How many times the file is parsed and a worksheet dumped."""
    calls = {"parse": 0, "dumps": 0}
    parse, dumps = store.parse, saving.dumps

    def counting_parse(*args, **kw):
        calls["parse"] += 1
        return parse(*args, **kw)

    def counting_dumps(*args, **kw):
        calls["dumps"] += 1
        return dumps(*args, **kw)

    monkeypatch.setattr(store, "parse", counting_parse)
    monkeypatch.setattr(saving, "dumps", counting_dumps)
    return calls


@pytest.mark.parametrize(("rows", "parses", "dumps", "written"), [
    ("story-time,2026-12-31,410,\n", 1, 1, True),  # a real write: one parse, one dump
    ("", 1, 0, False),  # nothing in the csv: no dump, nothing written
])
def test_record_from_csv_parses_once_and_dumps_only_a_change(tmp_path, counted, rows, parses,
                                                             dumps, written):
    path = tmp_path / "small.yaml"
    write_small(path)
    data = tmp_path / "round.csv"
    data.write_text(HEADER + rows, encoding="utf-8")
    counted.update(parse=0, dumps=0)
    assert record.record_file(path, data)[0] is written
    assert counted == {"parse": parses, "dumps": dumps}


def test_the_same_csv_twice_neither_parses_again_nor_dumps(tmp_path, counted):
    path = tmp_path / "small.yaml"
    write_small(path)
    data = tmp_path / "round.csv"
    data.write_text(HEADER + "story-time,2026-12-31,410,\n", encoding="utf-8")
    record.record_file(path, data)
    before = path.read_bytes()
    counted.update(parse=0, dumps=0)
    assert record.record_file(path, data) == (False, 0, 0)
    assert counted == {"parse": 1, "dumps": 0} and path.read_bytes() == before
