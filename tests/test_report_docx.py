"""`report --format docx` and `table --format docx` (issue 19 item 13): an editable Word
document with the handout's sections and the four-column table on landscape pages, read
back here with python-docx."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.enum.section import WD_ORIENT

from measurekit.core.store import load_worksheet

from .conftest import EXAMPLE
from .report_support import run

AS_OF = "2026-12-31"


def read(data: bytes) -> tuple[docx.document.Document, str]:
    """The document and all its words: paragraphs, then every table cell."""
    document = docx.Document(io.BytesIO(data))
    words = [p.text for p in document.paragraphs]
    words += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return document, " ".join(" ".join(words).split())


def written(tmp_path, *args: str) -> bytes:
    out = tmp_path / "out.docx"
    result = run(*args, "--format", "docx", "--output", out)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def landscape(document) -> bool:
    section = document.sections[0]
    return section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height


def test_the_report_has_every_section_and_every_partner(tmp_path):
    document, words = read(written(tmp_path, "report", str(EXAMPLE), "--as-of", AS_OF))
    html = run("report", EXAMPLE, "--as-of", AS_OF).stdout
    sections = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2>(.*?)</h2>", html)]
    assert len(sections) >= 12
    assert headings(document, 1) == [s.replace("&#x27;", "'") for s in sections]
    ws = load_worksheet(EXAMPLE)
    for p in ws.partners:
        assert p.name in words, p.name
        for m in p.measures:
            assert m.name in words, m.name
    assert landscape(document)
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Who can contribute?")
    assert len(summary.columns) == 4 and len(summary.rows) == len(ws.partners) + 1
    assert "Made with measurekit from youth-justice.yaml." in words
    assert document.core_properties.title == ws.title


def test_the_partners_document_leaves_out_what_their_page_leaves_out(tmp_path):
    team = read(written(tmp_path, "report", str(EXAMPLE), "--as-of", AS_OF))[1]
    _, words = read(
        written(tmp_path, "report", str(EXAMPLE), "--as-of", AS_OF, "--audience", "partners")
    )
    private = ["short-staffed", "department heads meeting", "Reflection",
               "Ask the District Attorney to name a liaison", "Still to do on the worksheet"]
    assert all(text in team for text in private)
    assert [text for text in private if text in words] == []
    assert "Tri-Valley Workforce Development Board" in words
    assert "external partner, desired" in words


def test_a_desired_partner_s_page(tmp_path):
    document, words = read(written(tmp_path, "report", str(EXAMPLE), "--as-of", AS_OF,
                                   "--audience", "partners", "--partner", "district-attorney"))
    assert "Agrees written criteria for cases that are never petitioned" in words
    assert "Median days from referral to charging decision" in words
    assert "department heads meeting" not in words and "Plan to engage them" not in words


def test_the_table_is_the_four_columns_on_landscape_pages(tmp_path):
    document, words = read(written(tmp_path, "table", str(EXAMPLE)))
    assert landscape(document)
    [table] = document.tables
    assert [c.text for c in table.rows[0].cells] == [
        "Who can contribute?",
        "Their contribution and performance measures",
        "Strategy to leverage the contribution",
        "Measures shared for aligned action",
    ]
    ws = load_worksheet(EXAMPLE)
    assert [row.cells[0].text.split("\n")[0] for row in table.rows[1:]] == [
        p.name for p in ws.ordered_partners()
    ]
    widths = [c.width for c in table.columns]
    assert widths[1] > widths[0]  # the contribution column is the widest, as on the page
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [ws.title]


@pytest.mark.parametrize("command", ["report", "table"])
def test_a_word_document_is_not_sent_to_a_terminal(command):
    result = run(command, EXAMPLE, "--format", "docx", color=True)
    assert result.exit_code == 2 and "--output" in result.stderr
    assert result.stdout == ""


def test_a_pipe_gets_the_document(tmp_path):
    result = run("table", EXAMPLE, "--format", "docx")
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK")
