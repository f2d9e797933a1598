"""YAML 1.1's implicit numbers and booleans are kept as the text written (issue 13, item 5).

PyYAML reads `0755` as 493, `1:30` as 90, `0x1F` as 31 and `no` as false; a worksheet
keeps what the user typed, as YAML 1.2 readers would, and saves it quoted so that it
reads back the same.
"""

from __future__ import annotations

import pytest

from measurekit.core import store

from .helpers import ENTER, SMALL, interview

ODD = ["0755", "1:30", "0x1F", "0o17", "0b101", "1_000", "-0755", "190:20:30", "1:30.5",
       ".inf", "-.Inf", ".NaN", "+0x1F", "yes", "No", "on", "OFF", "1_000.5", "00.5e3"]


def _with(**fields: str) -> bytes:
    text = SMALL
    for old, new in fields.items():
        text = text.replace(old, new)
    return text.encode()


@pytest.mark.parametrize("odd", ODD)
def test_odd_forms_are_read_as_the_text_written_everywhere(odd):
    raw = _with(**{"baseline: 320": f"baseline: {odd}", "target: 500": f"target: {odd}",
                   "title: Reads by Eight": f"title: {odd}",
                   "contribution: Story times": f"contribution: {odd}",
                   "name: Port Halden Schools": f"name: {odd}",
                   "who: Ana": f"who: {odd}"})
    worksheet = store.parse(raw, "w.yaml").worksheet
    library, schools = worksheet.partners[0], worksheet.partners[1]
    assert worksheet.title == odd
    assert library.contribution == odd and schools.name == odd
    assert library.measures[0].baseline == odd and library.measures[0].target == odd
    assert worksheet.next_steps[1].who == odd
    again = store.parse(store.dumps(worksheet).encode(), "w.yaml").worksheet
    assert again == worksheet


@pytest.mark.parametrize("odd", ["0755", "0x1f", "1-30"])
def test_ids_and_data_sources_keep_their_text(odd):
    raw = _with(**{"id: clinic\n": f"id: {odd}\n", "partner: clinic": f"partner: {odd}",
                   "type: better_off\n    baseline: 43%":
                       f"type: better_off\n    baseline: 43%\n    data_source: {odd}"})
    worksheet = store.parse(raw, "w.yaml").worksheet
    assert worksheet.partners[2].id == odd
    assert worksheet.next_steps[0].partner == odd
    assert worksheet.partners[0].measures[1].data_source == odd


def test_plain_numbers_and_booleans_stay_numbers_and_booleans():
    raw = _with(**{"baseline: 320": "baseline: -12", "target: 500": "target: 2.5e+3",
                   "hypothesized: true": "hypothesized: True"})
    worksheet = store.parse(raw, "w.yaml").worksheet
    assert worksheet.partners[0].measures[0].baseline == -12
    assert worksheet.partners[0].measures[0].target == 2500.0
    assert worksheet.partners[2].measures[0].hypothesized is True


def test_saved_quoted_and_a_no_op_interview_keeps_them(tmp_path):
    path = tmp_path / "small.yaml"
    raw = _with(**{"baseline: 320": "baseline: 0755", "target: 500": "target: 1:30",
                   "type: better_off\n    baseline: 43%":
                       "type: better_off\n    baseline: 43%\n    data_source: 0x1F"})
    path.write_bytes(raw)
    code, _ = interview(path, [
        ("partner.menu", "measures"), ("measures.list", "item:0"), ("measures.item", "edit"),
        *[(f"measure.{k}", ENTER) for k in ("name", "type", "hypothesized", "baseline", "target",
                                            "target_date", "data_source")],
        ("measures.list", "item:1"), ("measures.item", "edit"),
        *[(f"measure.{k}", ENTER) for k in ("name", "type", "hypothesized", "baseline", "target",
                                            "target_date", "data_source")],
        ("measures.list", "done"), ("partner.menu", "back"), ("finish", "save"),
    ], partner="library")
    assert code == 0
    text = path.read_text()
    assert "baseline: '0755'" in text and "target: '1:30'" in text
    assert "data_source: '0x1F'" in text
    measures = store.load(path).worksheet.partners[0].measures
    assert (measures[0].baseline, measures[0].target, measures[1].data_source) == (
        "0755", "1:30", "0x1F")
    assert store.load(path).worksheet.updated == store.parse(raw, "x").worksheet.updated
