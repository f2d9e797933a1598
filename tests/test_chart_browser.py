"""The chart as Chromium draws it: no two measures' lines run over each other, and every
text stays inside its box, on every example worksheet and on 15 partners with CJK and
emoji names (tests/cdp.py; the geometry is measured in the rendered page, in px)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cdp import CHROMIUM, Browser
from .conftest import WORKSHEETS
from .report_support import partner, run, worksheet, write_worksheet

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

WIDE_NAMES = [
    "アルダー郡少年保護観察局",  # Japanese: twice as wide as its letter count
    "青少年行为健康服务中心",
    "서울 청소년 지원 센터",
    "Alder 🚀 Launchpad for Young People",
    "🎉🎉🎉 Celebration Trust 🎉🎉🎉",
    "Équipe régionale de santé mentale des jeunes",
    "District Attorney's Office, Juvenile Unit",
    "リバーベンド・ユース・サービス株式会社",
    "Riverbend Youth Services",
    "Tri-Valley Workforce Development Board",
    "子ども家庭支援センター 🌱",
    "Alder City Police Department",
    "Alder Unified School District",
    "家庭与社区合作基金会",
    "WWW MMM Wide Capitals Consortium",
]


# The chart's texts whose size a page's CSS changed from what the chart set (its layout
# measured its texts at those sizes): [text, its own size, the size drawn]. `SVG` is the
# chart's selector in the page.
RESTYLED = """Array.from(document.querySelectorAll('SVG text'), t => {
  let own = null;
  for (let e = t; e && !own; e = e.parentElement) own = e.getAttribute('font-size');
  return [t.textContent, own, getComputedStyle(t).fontSize];
}).filter(([, own, size]) => own !== null && parseFloat(own) !== parseFloat(size))"""


def fifteen_partners() -> dict:
    """15 partners of both kinds and statuses, CJK and emoji names among them, measures shared
    two to seven ways, one with one partner so far and one naming a partner twice."""
    partners = [
        partner(
            f"p{i}",
            "internal" if i % 2 == 0 else "external",
            "desired" if i % 5 == 4 else "current",
            name=name,
        )
        for i, name in enumerate(WIDE_NAMES)
    ]
    groups = [[0, 1, 2, 3, 5, 7, 9], [0, 4, 8], [1, 6, 11, 14], [2, 3], [5, 10, 12, 13], [9],
              [0, 13, 13]]
    shared = [
        {"id": f"s{j}", "name": f"Shared measure {j}: 共有指標 {'🚀' * (j % 2)}",
         "partners": [f"p{i}" for i in group]}
        for j, group in enumerate(groups)
    ]
    return worksheet(partners=partners, shared_measures=shared)


def chart_files(tmp_path: Path) -> list[Path]:
    sources = sorted(WORKSHEETS.glob("*.yaml")) + [
        write_worksheet(tmp_path, fifteen_partners(), "fifteen.yaml")
    ]
    out = []
    for source in sources:
        svg = tmp_path / f"{source.stem}.svg"
        assert run("chart", source, "--output", svg).exit_code == 0
        out.append(svg)
    return out


# Samples every line each px as drawn (screen px), and for each pair of measures the
# longest stretch where one runs within 3 px of the other: their strokes (2.2 px) touch.
OVERLAPS = """(() => {
  const svg = document.querySelector('svg'), near = 3, cell = 4;
  const lines = Array.from(svg.querySelectorAll('path.link')).map(path => {
    const m = path.getScreenCTM(), total = path.getTotalLength(), pts = [];
    for (let s = 0; s <= total; s += 1) {
      const p = path.getPointAtLength(s).matrixTransform(m);
      pts.push([p.x, p.y]);
    }
    return {id: path.dataset.measure, pts};
  });
  const worst = [];
  for (const a of lines) for (const b of lines) {
    if (a === b) continue;
    const grid = new Map();
    for (const [x, y] of b.pts) {
      const key = Math.floor(x / cell) + ',' + Math.floor(y / cell);
      if (!grid.has(key)) grid.set(key, []);
      grid.get(key).push([x, y]);
    }
    const close = ([x, y]) => {
      const cx = Math.floor(x / cell), cy = Math.floor(y / cell);
      for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++)
        for (const [u, v] of grid.get((cx + i) + ',' + (cy + j)) || [])
          if (Math.hypot(u - x, v - y) < near) return true;
      return false;
    };
    let runLength = 0, longest = 0, at = null, prev = null;
    for (const p of a.pts) {
      const joined = prev && Math.hypot(p[0] - prev[0], p[1] - prev[1]) < 1.5;
      runLength = close(p) ? (joined ? runLength + 1 : 1) : 0;
      if (runLength > longest) { longest = runLength; at = p; }
      prev = p;
    }
    worst.push([a.id, b.id, longest, at]);
  }
  return worst;
})()"""

# Every text's box against the box it belongs in: a partner's rect, the result's ellipse,
# and the picture itself (the title and the legend).
SPILLS = """(() => {
  const svg = document.querySelector('svg'), out = [], r = e => e.getBoundingClientRect();
  const page = r(svg), slack = 0.5;
  const within = (t, b) => t.left >= b.left - slack && t.right <= b.right + slack
    && t.top >= b.top - slack && t.bottom <= b.bottom + slack;
  for (const g of svg.querySelectorAll('g.partner')) {
    const box = r(g.querySelector('rect'));
    for (const t of g.querySelectorAll('tspan'))
      if (!within(r(t), box)) out.push(['partner', g.dataset.partner, t.textContent]);
  }
  const e = svg.querySelector('ellipse.hub'), c = e ? r(e) : null;
  const cx = c && (c.left + c.right) / 2, cy = c && (c.top + c.bottom) / 2;
  const rx = c && c.width / 2, ry = c && c.height / 2;
  for (const t of c ? svg.querySelectorAll('text.hub tspan') : []) {
    const b = r(t), corners = [[b.left, b.top], [b.right, b.top], [b.left, b.bottom],
                               [b.right, b.bottom]];
    for (const [x, y] of corners)
      if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 > 1) out.push(['result', '', t.textContent]);
  }
  for (const t of svg.querySelectorAll('text'))
    if (!within(r(t), page)) out.push(['page', '', t.textContent]);
  return out;
})()"""


def test_lines_never_run_over_each_other_and_texts_stay_in_their_boxes(tmp_path):
    files = chart_files(tmp_path)
    with Browser(width=2400, height=2400) as tab:
        for svg in files:
            tab.go(svg.as_uri())
            tab.until("document.readyState == 'complete' && !!document.querySelector('svg')")
            overlaps = [w for w in tab.eval(OVERLAPS) if w[2] >= 10]
            assert overlaps == [], (svg.stem, overlaps)
            assert tab.eval(SPILLS) == [], svg.stem
            links = tab.eval("document.querySelectorAll('path.link').length")
            assert links >= (0 if svg.stem == "starter" else 2), svg.stem
        assert tab.problems == []


def test_the_overlap_check_catches_two_lines_drawn_over_each_other(tmp_path):
    page = tmp_path / "drawn-over.svg"
    page.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
        '<path class="link" data-measure="a" d="M10,50 L150,50" stroke="red"/>'
        '<path class="link" data-measure="b" d="M40,51 L60,51 M100,10 L100,90" stroke="blue"/>'
        '<g class="partner"><rect x="0" y="0" width="50" height="20"/>'
        '<text font-size="13"><tspan x="2" y="15">far too long for its box</tspan></text></g>'
        "</svg>",
        encoding="utf-8",
    )
    with Browser(width=400, height=200) as tab:
        tab.go(page.as_uri())
        tab.until("!!document.querySelector('svg')")
        longest = {(a, b): n for a, b, n, _ in tab.eval(OVERLAPS)}
        assert longest[("b", "a")] >= 18 and longest[("a", "b")] >= 18  # 20 px side by side
        assert tab.eval(SPILLS) == [["partner", None, "far too long for its box"]]


def test_the_handout_page_keeps_the_charts_own_type_sizes(tmp_path):
    """The handout's CSS styles its own boxes (.result is the result box at 12.5 pt); the
    chart's texts of the same class keep the sizes the chart laid them out at."""
    page = tmp_path / "handout.html"
    assert run("report", WORKSHEETS / "youth-justice.yaml", "--as-of", "2026-12-15",
               "--output", page).exit_code == 0
    with Browser(width=1200, height=1600) as tab:
        tab.go(page.resolve().as_uri())
        tab.until("document.querySelector('#chart svg text') !== null")
        restyled = tab.eval(RESTYLED.replace("SVG", "#chart svg"))
    assert restyled == [], restyled
