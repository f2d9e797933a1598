"""The chart on paper: in the handout it has a landscape page of its own where every name and
the legend print at 8 pt or more (15 partners, CJK and emoji names among them), and
`measurekit chart`'s SVG printed on its own fits one page, nothing cut. A4 and Letter,
read back with pdftotext -bbox-layout (tests/printing.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import EXAMPLE
from .printing import AVAILABLE, Printed, Printer, pictures, read_pdf
from .report_support import run, write_worksheet
from .test_chart_browser import WIDE_NAMES, fifteen_partners

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="Chromium or poppler-utils is not installed")
LEAST_PT = 8.0
MARGIN_PT = 28.0  # 10 mm: the page's margin, where page numbers print
LATIN_NAMES = [name for name in WIDE_NAMES if name.isascii()]


def sources(tmp_path: Path) -> dict[str, Path]:
    return {"example": EXAMPLE, "fifteen": write_worksheet(tmp_path, fifteen_partners())}


def chart_page(doc: Printed) -> int:
    """The chart's own page: landscape, under its heading (a wide matrix may have another)."""
    pages = [k for k, (w, h) in enumerate(doc.pages, start=1) if w > h
             and any(run[0].page == k for run in doc.find("The result in the center"))]
    assert len(pages) == 1, doc.pages
    return pages[0]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_handouts_chart_prints_names_and_legend_at_8_pt_or_more(tmp_path, paper):
    with Printer() as printer:
        for name, source in sources(tmp_path).items():
            page = tmp_path / f"{name}.html"
            assert run("report", source, "--as-of", "2026-12-15", "--output", page).exit_code == 0
            doc = read_pdf(printer.print(page, tmp_path / f"{name}-{paper}.pdf", paper))
            k = chart_page(doc)
            height = doc.pages[k - 1][1]
            words = [w for w in doc.on(k) if MARGIN_PT < w.y0 and w.y1 < height - MARGIN_PT]
            assert len(words) > 40, doc.text(k)  # the names, the result and the legend
            small = [(w.text, round(w.size, 2)) for w in words if w.size < LEAST_PT]
            assert small == [], (name, paper, small)
            if name == "fifteen":
                for partner in LATIN_NAMES:  # wrapped in its box, still read in order
                    assert doc.find(partner), (partner, doc.text(k))
                assert "Shared measure 5" in doc.text(k) and "no line" in doc.text(k)
            else:
                assert doc.find("Riverbend Youth Services") and doc.find("Probation")
        assert printer.problems == []


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_chart_alone_prints_on_one_page_with_nothing_cut(tmp_path, paper):
    with Printer() as printer:
        for name, source in sources(tmp_path).items():
            svg = tmp_path / f"{name}.svg"
            assert run("chart", source, "--output", svg).exit_code == 0
            doc = read_pdf(printer.print(svg, tmp_path / f"{name}-{paper}.pdf", paper))
            assert len(doc.pages) == 1, (name, doc.pages)
            width, height = doc.pages[0]
            assert width > height  # turned landscape, as the picture is
            outside = [w.text for w in doc.words if w.x0 < 0 or w.x1 > width or w.y1 > height]
            assert outside == [], (name, outside)
            small = [(w.text, round(w.size, 2)) for w in doc.words if w.size < LEAST_PT]
            assert small == [], (name, paper, small)
            text = doc.text(1)
            wanted = LATIN_NAMES if name == "fifteen" else ["Riverbend Youth Services"]
            for partner in wanted:
                assert doc.find(partner), (partner, text)
            if paper == "A4" and name == "fifteen":
                assert pictures(doc.pdf, tmp_path / "alone")  # for a person to look at
        assert printer.problems == []
