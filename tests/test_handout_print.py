"""The handout as it prints: Chromium prints it on A4 and Letter, and the PDF is read back.

Checked from `pdftotext -bbox-layout` (tests/printing.py): every page is numbered
"k of n" in its bottom margin; no partner's name prints under 8 pt; nothing prints in
the right-hand margin (a table or card wider than the page is cut off there); a
heading is never the last thing on its page; a date is never broken across lines.
The team's handout, the partners' one and a current partner's page are printed, from
the example worksheet and from one with many shared measures and long words.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from measurekit.core import store

from .conftest import EXAMPLE
from .printing import AVAILABLE, PAPERS, Printed, Printer, Word, read_pdf
from .report_support import run, write_worksheet

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="Chromium or poppler-utils is not installed")
AS_OF = "2026-12-15"
MM = 72 / 25.4  # points
MARGIN_RIGHT = 12 * MM  # html.CSS's @page margin
HANDOUTS = {
    "team": [],
    "partners": ["--audience", "partners"],
    "partner-page": ["--partner", "juvenile-probation"],
}


def wide_worksheet(folder: Path) -> Path:
    """The example with ten more shared measures, long words and a long address."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    ids = [p["id"] for p in data["partners"]]
    first = data["shared_measures"][0]
    for i in range(10):
        extra = copy.deepcopy(first)
        extra.update(id=f"extra-{i}", name=f"Interdepartmental collaboration measurement {i}",
                     partners=ids[i % 3 : i % 3 + 3], measures=[])
        extra.pop("history", None)
        extra.pop("forecast", None)
        data["shared_measures"].append(extra)
    data["partners"][0]["measures"][0]["data_source"] = (
        "https://data.aldercounty.example.org/probation/jcms/exports/"
        "referrals-screened-within-five-days-quarterly-extract.csv"
    )
    return write_worksheet(folder, data, "wide.yaml")


@pytest.fixture(scope="module", params=sorted(PAPERS))
def printed(request, tmp_path_factory) -> dict[str, Printed]:
    """Each handout printed on one paper size (one Chromium for them all)."""
    paper = request.param
    folder = tmp_path_factory.mktemp(f"print-{paper}")
    wide = wide_worksheet(folder)
    out = {}
    with Printer() as printer:
        for source in (EXAMPLE, wide):
            for name, extra in HANDOUTS.items():
                page = folder / f"{source.stem}-{name}.html"
                done = run("report", source, "--as-of", AS_OF, *extra, "--output", page)
                assert done.exit_code == 0, done.output
                pdf = printer.print(page, folder / f"{page.stem}.pdf", paper)
                out[f"{source.stem}-{name}"] = read_pdf(pdf)
        assert printer.problems == []
    return out


def test_every_page_is_numbered_k_of_n(printed):
    for name, doc in printed.items():
        n = len(doc.pages)
        assert n >= 1
        for k, (_, height) in enumerate(doc.pages, start=1):
            footer = [w.text for w in doc.on(k) if w.y0 > height - 16 * MM]
            assert footer[-3:] == [str(k), "of", str(n)], (name, k, footer)


def _name_words(doc: Printed, name: str) -> list[list[float]]:
    """The sizes of every printed occurrence of a name, its words in a row on one page
    (brackets and punctuation around it aside); the chart's names too."""
    wanted = name.split()
    words = doc.words
    found = []
    for i in range(len(words) - len(wanted) + 1):
        run_ = words[i : i + len(wanted)]
        texts = [w.text.strip("()[],;:.") for w in run_]
        if texts == [t.strip("()[],;:.") for t in wanted] and len({w.page for w in run_}) == 1:
            found.append([w.size for w in run_])
    return found


def test_no_partner_name_prints_under_8_pt(printed):
    names = [p.name for p in store.load_worksheet(EXAMPLE).partners]
    for key, doc in printed.items():
        for name in names:
            sizes = _name_words(doc, name)
            if key.endswith("partner-page") and not sizes:
                continue  # a partner's page names only the partners it works with
            assert sizes, (key, name)
            small = [s for s in sizes if min(s) < 8]
            assert not small, (key, name, small)


def test_nothing_prints_past_the_right_margin(printed):
    """A table or card wider than the paper is cut off at the margin: its words run past it."""
    for key, doc in printed.items():
        past = [(w.page, w.text) for w in doc.words
                if w.x1 > doc.pages[w.page - 1][0] - MARGIN_RIGHT + 0.5]
        assert past == [], (key, past[:10])


def test_many_shared_measures_get_a_landscape_page(printed):
    doc = printed["wide-team"]
    landscape = [k for k, (w, h) in enumerate(doc.pages, start=1) if w > h]
    assert any("Who shares which measure" in doc.text(k) for k in landscape)
    # The example's matrix fits upright: its one landscape page is the chart's own.
    doc = printed["youth-justice-team"]
    landscape = [k for k, (w, h) in enumerate(doc.pages, start=1) if w > h]
    assert len(landscape) == 1 and "The result in the center" in doc.text(landscape[0])


def _lines(doc: Printed, page: int) -> list[list[Word]]:
    """The page's words in lines, top to bottom, the page number left out."""
    height = doc.pages[page - 1][1]
    rows: dict[float, list[Word]] = {}
    for w in doc.on(page):
        if w.y0 < height - 16 * MM:
            rows.setdefault(round(w.y1), []).append(w)
    return [sorted(rows[y], key=lambda w: w.x0) for y in sorted(rows)]


def test_a_heading_is_never_the_last_thing_on_its_page(printed):
    """h2 (13.5 pt) and h3 (11 pt) stay with what follows them: not alone, not with only
    their one-line introduction, at the foot of a page."""
    for key, doc in printed.items():
        for page in range(1, len(doc.pages)):  # the last page ends with the footer
            lines = _lines(doc, page)
            tail = [max(w.size for w in line) for line in lines[-3:]]
            heading = [i for i, size in enumerate(tail) if size >= 10.9]
            assert not heading or len(tail) - heading[-1] > 2, (
                key, page, [" ".join(w.text for w in line) for line in lines[-3:]])


def test_a_date_is_never_broken_at_its_hyphen(printed):
    for key, doc in printed.items():
        broken = [w.text for w in doc.words if re.fullmatch(r".*\d{4}-(\d\d-?)?", w.text)]
        assert broken == [], key
