"""The interview's closing "next commands" show the file name escaped (issue 17, item 17)."""

from __future__ import annotations

from datetime import date

from .helpers import ENTER, interview, write_small


def test_a_file_name_with_escape_codes_is_shown_escaped(tmp_path):
    path = tmp_path / "bad\x1b[2Jname\u202e.yaml"
    write_small(path)
    code, asker = interview(path, [
        ("record.date", ENTER), ("record.value", "410"), ("record.note", ENTER),
        ("record.value", ENTER), ("record.value", ENTER), ("record.value", ENTER),
        ("finish", "save"),
    ], record_on=date(2026, 12, 31))
    assert code == 0
    [block] = [text for kind, text in asker.said if kind == "block" and "measurekit gaps" in text]
    assert "\x1b" not in block and "\u202e" not in block, block
    assert "bad\\x1b[2Jname\\u202e.yaml" in block
