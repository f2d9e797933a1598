"""Print an HTML page as a reader would, and read the PDF back: words, their pages, boxes and sizes.

Headless Chromium (tests/cdp.py) prints with Page.printToPDF on A4 or Letter paper
(`preferCSSPageSize`: a page the CSS gives a size or an orientation is printed so);
poppler's `pdftotext -bbox-layout` gives every word with its page and box, and
`pdftoppm -png` makes pictures of the pages to look at.

A word's font size is derived from its box height: poppler makes the box the font's
ascent to its descent, (ascent - descent) x size, of the word's first character's font,
and that ratio depends on the font (Liberation Sans 1.117, DejaVu Sans 1.164, the CJK
font 1.172, the emoji font 3.236). `Word.size` divides by the LARGEST ratio of the
fonts that can draw the word's first character (em_box), so a size read here is never
more than the printed one: an "at least 8 pt" check cannot pass on a smaller font.
tests/test_printing.py calibrates this against text set at known CSS sizes in each font.

Example:
    with Printer() as printer:
        pdf = printer.print(Path("handout.html"), tmp_path / "handout.pdf", paper="A4")
    doc = read_pdf(pdf)
    doc.pages                       # [(595.0, 842.0), ...] in points
    doc.find("Riverbend Youth Services")  # [(Word, Word, Word), ...] wherever it is printed
    min(w.size for w in doc.words)  # points, never overstated
    pictures(pdf, tmp_path / "handout")  # [handout-1.png, ...] to open and look at
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from .cdp import CHROMIUM, Browser

PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
AVAILABLE = bool(CHROMIUM and PDFTOTEXT and PDFTOPPM)
# Paper sizes in inches (what Page.printToPDF takes), and in points (what the PDF says).
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
POINTS = {name: (w * 72, h * 72) for name, (w, h) in PAPERS.items()}
# Box height / font size per font, as poppler measures it (calibrated in test_printing.py).
EM_BOXES = {
    "Liberation Sans": 1.117,
    "DejaVu Sans": 1.164,
    "WenQuanYi Micro Hei": 1.172,  # CJK: Chromium's fallback on this machine and in CI
    "Noto Color Emoji": 3.236,
}
EM_BOX = max(EM_BOXES["Liberation Sans"], EM_BOXES["DejaVu Sans"])  # Latin, Greek, ...


def em_box(text: str) -> float:
    """The largest box ratio of the fonts that may draw the word's first character."""
    code = ord(text[0]) if text else 0
    if code >= 0x1F000 or 0x2600 <= code < 0x2800:
        return EM_BOXES["Noto Color Emoji"]
    if unicodedata.east_asian_width(text[:1] or " ") in "WF":
        return EM_BOXES["WenQuanYi Micro Hei"]
    return EM_BOX
DEADLINE = 120.0  # seconds for one print under a loaded machine

_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


@dataclass(frozen=True)
class Word:
    page: int  # 1-based
    text: str
    x0: float  # points from the page's top left corner
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def size(self) -> float:
        """The font size in points, never more than the printed size (see em_box)."""
        return self.height / em_box(self.text)


@dataclass(frozen=True)
class Printed:
    pdf: Path
    pages: list[tuple[float, float]]  # (width, height) in points, page 1 first
    words: list[Word]  # in poppler's reading order

    def on(self, page: int) -> list[Word]:
        return [w for w in self.words if w.page == page]

    def text(self, page: int) -> str:
        return " ".join(w.text for w in self.on(page))

    def find(self, phrase: str) -> list[tuple[Word, ...]]:
        """Every run of consecutive words on one page that reads `phrase` (spaces aside)."""
        wanted = phrase.split()
        found = []
        for i in range(len(self.words) - len(wanted) + 1):
            run = tuple(self.words[i : i + len(wanted)])
            if [w.text for w in run] == wanted and len({w.page for w in run}) == 1:
                found.append(run)
        return found


class Printer:
    """One headless Chromium that prints pages to PDF; use it as a context manager."""

    def __enter__(self) -> Printer:
        self._browser = Browser(width=1200, height=1600, deadline=DEADLINE).__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._browser.__exit__(*exc)

    @property
    def browser(self) -> Browser:
        """The tab itself, for a test that asks Chromium more (DOM, CSS) about a printed page."""
        return self._browser

    @property
    def problems(self) -> list[str]:
        """Console errors and blocked resources while loading the pages printed so far."""
        return self._browser.problems

    def print(self, page: Path, pdf: Path, paper: str = "A4", landscape: bool = False) -> Path:
        width, height = PAPERS[paper]
        tab = self._browser
        tab.go(page.resolve().as_uri())
        tab.until("document.readyState === 'complete'", timeout=DEADLINE)
        result = tab.call(
            "Page.printToPDF",
            session=True,
            paperWidth=width,
            paperHeight=height,
            landscape=landscape,
            preferCSSPageSize=True,
            printBackground=True,
            displayHeaderFooter=False,  # the page's own @page margin boxes print
        )
        pdf.write_bytes(base64.b64decode(result["data"]))
        return pdf


def print_pdf(page: Path, pdf: Path, paper: str = "A4") -> Path:
    """Print one page with a Chromium of its own."""
    with Printer() as printer:
        return printer.print(page, pdf, paper)


def read_pdf(pdf: Path) -> Printed:
    """The PDF's pages and words, from `pdftotext -bbox-layout`."""
    assert PDFTOTEXT, "pdftotext (poppler-utils) is not installed"
    out = subprocess.run(
        [PDFTOTEXT, "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=DEADLINE,
    ).stdout
    pages: list[tuple[float, float]] = []
    words: list[Word] = []
    for chunk in out.split("<page ")[1:]:
        size = _PAGE.match("<page " + chunk)
        assert size, chunk[:200]
        pages.append((float(size[1]), float(size[2])))
        for m in _WORD.finditer(chunk):
            box = (float(m[1]), float(m[2]), float(m[3]), float(m[4]))
            words.append(Word(len(pages), unescape(m[5]), *box))
    return Printed(pdf, pages, words)


def pictures(pdf: Path, prefix: Path, dpi: int = 60) -> list[Path]:
    """The pages as PNGs (prefix-1.png, prefix-2.png, ...) to open and look at."""
    assert PDFTOPPM, "pdftoppm (poppler-utils) is not installed"
    subprocess.run(
        [PDFTOPPM, "-png", "-r", str(dpi), str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=DEADLINE,
    )
    # pdftoppm pads the page number to the width of the last one (-01, -02, ... -10).
    return sorted(
        prefix.parent.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
    )
