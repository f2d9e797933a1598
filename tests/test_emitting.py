"""The fast YAML writer (core/emitting.py) writes what PyYAML's safe dumper does, byte for byte."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from measurekit.core import emitting, saving, store

from .conftest import EXAMPLE, STARTER


class Reference(yaml.CSafeDumper):  # what saving used before: PyYAML's representer throughout
    def ignore_aliases(self, data: Any) -> bool:
        return True


Reference.add_representer(str, lambda d, v: d.represent_scalar(
    "tag:yaml.org,2002:str", v, style="|" if "\n" in v else None))


def reference(data: Any) -> str:
    return yaml.dump(data, Dumper=Reference, sort_keys=False, allow_unicode=True, width=88,
                     indent=2)


# Texts YAML would read as something else unless quoted, long lines, several lines.
TRICKY = st.sampled_from(["yes", "No", "null", "~", "1.0", "0x1F", "2026-01-31", "12:30", "",
                          " lead", "a: b", "- x", "#1", "43%", "1,250", "'q'", '"q"', "é ✓",
                          "x" * 120, "two\nlines", "ends\n", "tab\there",
                          "a long line " * 12, "'quoted' and long: " * 8, "\u2028 \x85 \ufeff"])
SCALARS = (st.none() | st.booleans() | st.integers(-10**15, 10**15)
           | st.floats(allow_nan=False, allow_infinity=False) | st.dates()
           | st.text(max_size=100) | TRICKY
           | st.sets(st.integers(0, 9), max_size=3))  # no worksheet holds one: PyYAML's way
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=12) | TRICKY | st.integers() | st.dates(), inner, max_size=4),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=12), DATA, max_size=6))
def test_any_data_is_written_as_pyyaml_writes_it(data):
    assert emitting.dump(data) == reference(data)


def test_the_example_worksheets_are_written_as_before():
    for path in (EXAMPLE, STARTER):
        data = saving.to_data(store.load_worksheet(path))
        assert emitting.dump(data) == reference(data)


def test_a_date_shared_by_a_round_of_points_is_written_out_each_time():
    day = date(2026, 6, 30)
    assert emitting.dump({"a": day, "b": [day]}) == "a: 2026-06-30\nb:\n- 2026-06-30\n"
