"""Problems point at their line and column without keeping the YAML node tree (issue 16).

The loader keeps one position per value (core/reading.py) instead of the node tree; these
tests hold it to what the node tree said, for every value of real files, and for
problems deep inside a big one.
"""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest
import yaml

from measurekit.core import store
from measurekit.core.errors import WorksheetInvalid
from measurekit.core.reading import read_yaml

from .conftest import EXAMPLE, ROOT, SMALL, STARTER


def _generated(partners: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return store.dumps(module.worksheet(partners))


def _node_marks(node: yaml.Node, loc: tuple = ()) -> Any:
    """Every path of a composed file with the (line, column) of its value and of its key."""
    yield loc, False, node.start_mark
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield loc + (key.value,), True, key.start_mark
            yield from _node_marks(value, loc + (key.value,))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _node_marks(item, loc + (i,))


FLOW = "a: [1, {b: c, d: [e, f]}, [g]]\nh:\n  - i: |\n      j\n    k: l\n"


@pytest.mark.parametrize("text", [EXAMPLE.read_text(encoding="utf-8"),
                                  STARTER.read_text(encoding="utf-8"), SMALL, FLOW],
                         ids=["example", "starter", "small", "flow"])
def test_every_value_and_key_is_where_the_node_tree_put_it(text):
    positions = read_yaml(text.encode(), "f.yaml", store.HEADER).positions
    for loc, key, mark in _node_marks(yaml.compose(text, Loader=yaml.SafeLoader)):
        assert positions.locate(loc, key=key) == (mark.line + 1, mark.column + 1), loc


def test_a_path_that_goes_past_the_data_stops_at_the_deepest_value():
    text = "a:\n  b: [1, 2]\n"
    positions = read_yaml(text.encode(), "f.yaml", store.HEADER).positions
    assert positions.locate(("a", "b", 5)) == (2, 6)  # the list: there is no item 5
    assert positions.locate(("a", "x", "y")) == (2, 3)  # the mapping: there is no key x
    assert positions.locate(("a", "b", 1, "z")) == (2, 10)  # a number has no fields


@pytest.fixture(scope="module")
def big() -> str:
    return _generated(200)


def _line_column(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    at = text.rindex(needle) + offset
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


@pytest.mark.parametrize(("old", "new", "path", "offset"), [
    ("type: better_off\n", "type: better_of\n", "partners[199].measures[4].type", 6),
    ("data_source: Case records\n", "data_sorce: Case records\n",
     "partners[199].measures[4].data_sorce", 0),
    ("partner: partner-199\n", "partner: partner-999\n", "next_steps[999].partner", 9),
    ("by_when: 2027-", "by_when: 2027-02-30 #", None, 9),
    ("  - partner-197\n  start:", "  - partner-1x7\n  start:", "work_plan[39].partners[2]", 4),
    ("  lead: Lead 16\n", "  lead: [Lead, 16]\n", "work_plan[39].lead", 8),
])
def test_an_error_deep_in_a_big_file_points_at_its_line_and_column(tmp_path, big, old, new,
                                                                   path, offset):
    at = big.rindex(old)
    text = big[:at] + new + big[at + len(old):]
    file = tmp_path / "big.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(WorksheetInvalid) as info:
        store.load(file)
    [problem] = info.value.problems
    if path:
        assert problem.path == path
    line, column = _line_column(text, new, offset)
    assert (problem.line, problem.column) == (line, column), problem
