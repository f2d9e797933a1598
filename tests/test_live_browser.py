"""The live page in headless Chromium, fed by the installed `measurekit show` and
`measurekit interview --show` (a real terminal, pexpect)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from . import png
from .cdp import CHROMIUM, Browser
from .conftest import EXAMPLE
from .test_chart_browser import RESTYLED

MEASUREKIT = str(Path(sys.executable).parent / "measurekit")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
ADDRESS = re.compile(r"http://127\.0\.0\.\d+:\d+/\S*")
# Every element with text of its own, outside the chart: its computed font size.
TEXT_SIZES = """Array.from(document.querySelectorAll('#blocks *, #now *'))
  .filter(e => !e.closest('svg') && Array.from(e.childNodes).some(
    n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => parseFloat(getComputedStyle(e).fontSize))"""


@pytest.fixture
def shown(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`measurekit show` on a copy of the example: the file and the printed address."""
    path = tmp_path / "ws.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    proc = subprocess.Popen([MEASUREKIT, "show", str(path), "--port", "0", "--no-open"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    assert ADDRESS.fullmatch(address), address
    yield path, address
    proc.terminate()
    proc.wait(timeout=30)


def test_the_page_is_made_for_a_projector(shown, tmp_path):
    path, address = shown
    with Browser(width=1920, height=1080) as tab:
        tab.go(address)
        tab.until("Number(document.body.dataset.version) > 0")
        assert tab.eval("document.querySelector('h1').textContent") == (
            "Alder County Youth Justice and Graduation Partnership")
        sizes = tab.eval(TEXT_SIZES)
        assert sizes and min(sizes) >= 24, sorted(sizes)[:5]
        blocks = tab.eval("Array.from(document.querySelectorAll('#blocks > .block'), e => e.id)")
        assert blocks == ["block-head", "block-chart", "block-plan", "block-population",
                          "block-summary", "block-shared", "block-next-steps", "block-doing"]
        # The chart fits the screen: the part discussed needs no scrolling.
        assert tab.eval("document.querySelector('#block-chart svg').getBoundingClientRect()"
                        ".height") <= 1080
        # The chart keeps its own type sizes, which its layout measured: the page's
        # projector sizes (header .result is 32 px) must not reach into it.
        restyled = tab.eval(RESTYLED.replace("SVG", "#block-chart svg"))
        assert restyled == [], restyled
        # At the size the whole chart fits the screen, its names are drawn at 19 px (the
        # chart's own layout, made for a landscape page at 8 pt); never smaller than that.
        drawn = tab.eval("""(() => {
          const svg = document.querySelector('#block-chart svg');
          const scale = Math.min(svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
                                 svg.getBoundingClientRect().height / svg.viewBox.baseVal.height);
          return Array.from(svg.querySelectorAll('text'),
                            t => parseFloat(getComputedStyle(t).fontSize) * scale);
        })()""")
        assert drawn and min(drawn) >= 19, sorted(drawn)[:3]
        image = png.read(tab.screenshot(tmp_path / "live.png").read_bytes())
        assert (image.width, image.height) == (1920, 1080)
        assert tab.problems == []


def test_a_saved_change_appears_without_a_reload(shown):
    path, address = shown
    with Browser() as tab:
        tab.go(address)
        tab.until("Number(document.body.dataset.version) > 0")
        tab.eval("window.loadedOnce = true; "
                 "document.getElementById('block-summary').scrollIntoView(); true")
        top = tab.eval("document.getElementById('block-summary').getBoundingClientRect().top")
        # A longer action plan above what the room looks at: the view must not jump.
        longer = "action_plan: |-\n" + "  Read first.\n\n" * 12
        text = path.read_text().replace("action_plan: |-\n", longer, 1)
        path.write_text(text.replace("Youth Justice and Graduation", "Youth Futures"))
        tab.until("document.querySelector('h1').textContent.includes('Youth Futures')")
        assert tab.eval("window.loadedOnce === true")  # patched in place, not reloaded
        after = tab.eval("document.getElementById('block-summary').getBoundingClientRect().top")
        assert abs(after - top) <= 2
        assert tab.problems == []


def test_a_broken_file_shows_a_banner_and_keeps_the_view(shown):
    path, address = shown
    good = path.read_text()
    with Browser() as tab:
        tab.go(address)
        tab.until("Number(document.body.dataset.version) > 0")
        path.write_text(good.replace("partners:\n", "partners: [\n", 1))
        banner = tab.until("!document.getElementById('banner').hidden && "
                           "document.getElementById('banner').textContent")
        assert re.match(r"ws\.yaml: line \d+", banner), banner
        assert tab.eval("document.querySelectorAll('#blocks > .block').length") == 8
        path.write_text(good)
        tab.until("document.getElementById('banner').hidden")
        assert tab.problems == []


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm"}
    return pexpect.spawn(MEASUREKIT, list(args), cwd=str(cwd), env=env, dimensions=(24, 80),
                         encoding="utf-8", timeout=60)


def test_an_answer_appears_on_the_page_before_anything_is_saved(tmp_path):
    child = spawn("interview", "reads.yaml", "--show", "--port", "0", "--no-open", cwd=tmp_path)
    child.expect(ADDRESS)
    address = child.after
    with Browser() as tab:
        tab.go(address)
        child.expect_exact("make a quick pass?")
        child.send("\r")
        child.expect_exact("Title of the worksheet")
        child.send("Reads by Eight\r")
        child.expect_exact("The result in the center")
        tab.until("document.querySelector('h1') && "
                  "document.querySelector('h1').textContent === 'Reads by Eight'")
        assert "The result in the center" in tab.eval("document.getElementById('now').textContent")
        child.send("Children read by eight\r")
        child.expect_exact("Add a population indicator")
        tab.until("document.querySelector('.result').textContent.includes('Children read')")
        child.send("\r")  # no population indicator yet
        for prompt, keys in (("Results action plan", "\r"), ("Facilitator", "Sam\r"),
                             ("Name a partner now?", "y\r"), ("Partner's name", "Port Library\r"),
                             ("inside or outside", "\r"), ("already part of this work?", "\r")):
            child.expect_exact(prompt)
            child.send(keys)
        child.expect_exact("Why is Port Library critical")
        # The partner asked about is in the table, marked; the file is still not written.
        tab.until("!!document.querySelector('.asked [data-partner=\"port-library\"]')")
        assert not (tmp_path / "reads.yaml").exists()
        assert tab.problems == []
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    with pytest.raises(urllib.error.URLError):  # the page ended with the interview
        urllib.request.urlopen(address, timeout=5)


def test_another_address_prints_its_token_as_a_qr_code(tmp_path):
    path = tmp_path / "ws.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    child = spawn("show", str(path), "--host", "127.0.0.2", "--port", "0", "--no-open",
                  cwd=tmp_path)
    child.expect(r"http://127\.0\.0\.2:\d+/\?t=[\w-]{16,}")
    child.expect("[█▀▄]{8,}")  # the QR code, drawn with block characters
    child.expect_exact("Ctrl-C stops the page.")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_a_file_that_cannot_be_shown_is_refused_before_serving(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n")
    done = subprocess.run([MEASUREKIT, "show", str(bad), "--port", "0", "--no-open"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "bad.yaml:" in done.stderr and done.stdout == ""
    assert "Traceback" not in done.stderr


def test_a_port_in_use_is_explained(shown, tmp_path):
    path, address = shown
    port = address.rsplit(":", 1)[1].strip("/")
    done = subprocess.run([MEASUREKIT, "show", str(path), "--port", port, "--no-open"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"port {port} is in use" in done.stderr
