"""The print harness (tests/printing.py) is honest: sizes read from the PDF match the CSS.

Text set at known CSS sizes in each font our pages use is printed and read back; the
size derived from its word box is never above the set size and within 5% of it. The
handout's and the chart's font lists resolve, in this Chromium, to calibrated fonts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.reports import chart, html

from .printing import AVAILABLE, EM_BOXES, PAPERS, POINTS, Printer, read_pdf

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="Chromium or poppler-utils is not installed")
SIZES = (6, 8, 10, 20)


def _body_font() -> str:
    return html.CSS.split("font-family:", 1)[1].split(";", 1)[0].strip()


LATIN = ("Liberation Sans", "DejaVu Sans")
SAMPLES = {"Liberation Sans": "Liberation", "DejaVu Sans": "DejaVu",
           "WenQuanYi Micro Hei": "日本語", "Noto Color Emoji": "😀"}


def calibration_page(path: Path) -> Path:
    # The marker "w8" in a Latin font (the CJK and emoji fonts are never first for Latin
    # text in our pages), the sample in the font calibrated.
    rows = [
        f"<p style=\"font-size: {size}pt\"><span style=\"font-family: '{latin}'\">w{size}</span> "
        f"<span style=\"font-family: '{font}'\">{SAMPLES[font]}</span></p>"
        for font in EM_BOXES
        for size in SIZES
        for latin in [font if font in LATIN else "DejaVu Sans"]
    ]
    # The same fonts as our pages name them, and an SVG scaled by half: 24 units = 12 px = 9 pt.
    rows.append(f"<p style='font-family: {_body_font()}; font-size: 8pt'>body8 stack</p>")
    rows.append(
        '<svg width="400" height="100" viewBox="0 0 800 200">'
        f'<text x="10" y="100" font-size="24" font-family="{chart.FONT}">svg9 stack</text></svg>'
    )
    path.write_text(
        "<!DOCTYPE html><html><head><style>body { margin: 0 }</style></head><body>"
        + "".join(rows)
        + "</body></html>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_sizes_read_from_the_pdf_match_the_css(tmp_path, paper):
    page = calibration_page(tmp_path / "calibration.html")
    with Printer() as printer:
        pdf = printer.print(page, tmp_path / "calibration.pdf", paper)
        assert printer.problems == []
    doc = read_pdf(pdf)
    assert len(doc.pages) == 1
    assert all(abs(a - b) < 1.5 for a, b in zip(doc.pages[0], POINTS[paper], strict=True))
    expected = {f"w{s}": s for s in SIZES} | {"body8": 8, "svg9": 9}
    read = [(w.text, w.size) for w in doc.words if w.text in expected]
    assert len(read) == len(SIZES) * len(EM_BOXES) + 2, read  # every one printed, each once
    for word, got in read:
        assert expected[word] * 0.95 <= got <= expected[word] * 1.001, (word, got)
    # The largest em box is DejaVu's: a DejaVu word reads exactly, a Liberation one a little small.
    for sample in ("DejaVu", "日本語", "😀"):
        words = [w for w in doc.words if w.text == sample]
        assert [round(w.size, 1) for w in words] == [float(s) for s in SIZES], sample


def test_the_pages_fonts_are_the_calibrated_ones(tmp_path):
    """Chromium's own answer to which font draws the handout's text and the chart's."""
    page = calibration_page(tmp_path / "calibration.html")
    with Printer() as printer:
        printer.print(page, tmp_path / "calibration.pdf")
        tab = printer.browser
        for domain in ("DOM", "CSS"):
            tab.call(f"{domain}.enable", session=True)
        root = tab.call("DOM.getDocument", session=True, depth=-1)["root"]["nodeId"]
        used = set()
        for selector in ("p:last-of-type", "svg text"):
            node = tab.call("DOM.querySelector", session=True, nodeId=root, selector=selector)
            fonts = tab.call("CSS.getPlatformFontsForNode", session=True, nodeId=node["nodeId"])
            used |= {f["familyName"] for f in fonts["fonts"]}
    assert used and used <= set(EM_BOXES), used
