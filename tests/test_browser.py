"""The handout and the chart in a real browser: headless Chromium renders them; we check pixels.

Each page is screenshotted and the PNG decoded with the standard library (tests/png.py):
a blank or error page has few colours and none of ours. Chromium's console is written
to stderr (`--enable-logging=stderr`): any console line (a script error, a console
message, a blocked resource under the page's Content-Security-Policy) fails the test.
The last test shows that check catches a page with an error. Skipped only where
Chromium is not installed (.ci/run installs Debian's).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from . import png
from .conftest import EXAMPLE
from .report_support import partner, run, worksheet, write_worksheet

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
# Solid fills the pages use: their presence shows our drawing was rendered, not an error page.
RESULT_FILL = (0xFF, 0xF8, 0xD6)
INTERNAL_FILL = (0xE6, 0xF0, 0xFA)
EXTERNAL_FILL = (0xFD, 0xF1, 0xDC)


def browse(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{page.stem}-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=90,
        stdin=subprocess.DEVNULL,
    )


def screenshot(page: Path, tmp_path: Path, size: str = "1200,1600") -> tuple[png.Image, list[str]]:
    """The rendered page, and the console lines Chromium logged while rendering it."""
    shot = tmp_path / f"{page.stem}.png"
    done = browse(page, tmp_path, f"--screenshot={shot}", f"--window-size={size}")
    assert shot.is_file(), f"no screenshot (exit {done.returncode}):\n{done.stderr[-2000:]}"
    return png.read(shot.read_bytes()), console_lines(done.stderr)


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def colours(image: png.Image) -> tuple[set[tuple[int, ...]], float]:
    """Distinct RGB colours (sampled) and the share of pixels that are not white."""
    seen: set[tuple[int, ...]] = set()
    ink = total = 0
    for pixel in image.pixels(step=2):
        rgb = pixel[:3] if image.channels >= 3 else pixel * 3
        seen.add(rgb)
        total += 1
        ink += rgb != (255, 255, 255)
    return seen, ink / total


def test_handout_renders_with_no_console_errors(tmp_path):
    page = tmp_path / "handout.html"
    result = run("report", EXAMPLE, "--as-of", "2026-12-15", "--output", page)
    assert result.exit_code == 0, result.output
    image, console = screenshot(page, tmp_path, "1200,3600")  # down to the chart, after the curves
    assert console == []
    assert (image.width, image.height) == (1200, 3600)
    seen, ink = colours(image)
    assert len(seen) > 200 and ink > 0.05  # text, tables and the chart: far from blank
    assert {RESULT_FILL, INTERNAL_FILL, EXTERNAL_FILL} <= seen
    dom = browse(page, tmp_path, "--dump-dom")
    assert dom.returncode == 0 and console_lines(dom.stderr) == []
    assert '<section id="reflection">' in dom.stdout and "<svg" in dom.stdout
    assert "Riverbend Youth Services" in dom.stdout


@pytest.mark.parametrize("size", ["example", "thirty"])
def test_chart_renders_in_the_browser(tmp_path, size):
    if size == "example":
        source = EXAMPLE
    else:
        partners = [
            partner(
                f"p{i}",
                "internal" if i % 2 else "external",
                name=f"Partner {i} of the regional network for children",
            )
            for i in range(30)
        ]
        shared = [{"id": "s", "name": "Shared", "partners": ["p0", "p1", "p2", "p3"]}]
        source = write_worksheet(tmp_path, worksheet(partners=partners, shared_measures=shared))
    page = tmp_path / "chart.svg"
    assert run("chart", source, "--output", page).exit_code == 0
    image, console = screenshot(page, tmp_path, "1800,1800")
    assert console == []
    seen, ink = colours(image)
    assert len(seen) > 100 and ink > 0.05
    assert {RESULT_FILL, INTERNAL_FILL, EXTERNAL_FILL} <= seen
    dom = browse(page, tmp_path, "--dump-dom")
    assert "parsererror" not in dom.stdout and "<svg" in dom.stdout


def test_the_console_check_catches_a_broken_page(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><p>x</p><script>notDefined();</script>", encoding="utf-8")
    _, console = screenshot(broken, tmp_path, "400,300")
    assert any("notDefined" in line for line in console)
    # Our own policy: a script slipped into a handout would be blocked, and reported.
    html = run("report", EXAMPLE, "--as-of", "2026-12-15").stdout
    injected = tmp_path / "injected.html"
    injected.write_text(
        html.replace("</body>", "<script>document.title='x'</script></body>"), encoding="utf-8"
    )
    _, console = screenshot(injected, tmp_path, "400,300")
    assert any("Content Security Policy" in line for line in console)


PAPER = {"A4": (595.0, 842.0), "Letter": (612.0, 792.0)}


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_handout_prints_to_pdf_on_a4_and_letter(tmp_path, paper):
    """Chromium prints the handout to PDF on the paper size a print dialog would choose."""
    import re

    html = run("report", EXAMPLE, "--as-of", "2026-12-15").stdout
    assert "@page { margin:" in html
    page = tmp_path / f"handout-{paper}.html"
    # The paper a print dialog would choose, for every page (the chart's is turned landscape).
    html = html.replace("@page {", f"@page {{ size: {paper};", 1)
    landscape = f"@page chart {{ size: {paper} landscape;"
    html = html.replace("@page chart { size: landscape;", landscape)
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"handout-{paper}.pdf"
    done = browse(page, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.is_file(), f"no PDF (exit {done.returncode}):\n{done.stderr[-2000:]}"
    assert console_lines(done.stderr) == []
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    width, height = PAPER[paper]
    assert len(boxes) >= 4  # the whole worksheet: several pages
    # Every page on the paper asked for; the chart's own page turned landscape.
    turned = [(float(h), float(w)) for w, h in boxes if float(w) > float(h)]
    assert len(turned) == 1
    upright = [(float(w), float(h)) for w, h in boxes if float(w) <= float(h)] + turned
    assert all(abs(w - width) < 2 and abs(h - height) < 2 for w, h in upright)
