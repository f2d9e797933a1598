"""`measurekit chart`: the "result in the center" SVG, read back with an XML parser."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from itertools import combinations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from measurekit.core.model import Worksheet
from measurekit.reports import chart

from .conftest import EXAMPLE, STARTER
from .report_support import partner, run, worksheet, write_worksheet

SVG = "{http://www.w3.org/2000/svg}"
LONG_WORD = "Supercalifragilisticexpialidociousdepartmentofeverything"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == SVG + "svg"
    return root


def aspect(root: ET.Element) -> float:
    """How much wider than tall the rings are (the chart picks it to fit its page)."""
    return float(diagram(root)[0].get("data-aspect", ""))


def diagram(root: ET.Element) -> tuple[ET.Element, float, float]:
    """The group holding the result and the partners, and its offset on the page."""
    group = root.find(f".//{SVG}g[@class='diagram']")
    tx, ty = map(float, re.findall(r"-?[\d.]+", group.get("transform", "")))
    return group, tx, ty


def nodes(root: ET.Element) -> dict[str, dict]:
    """Each partner's box (centred on the result), its text lines and its rect element."""
    group, _, _ = diagram(root)
    found = {}
    for node in group.iter(SVG + "g"):
        if "partner" not in (node.get("class") or "").split():
            continue
        rect = node.find(SVG + "rect")
        box = tuple(float(rect.get(k)) for k in ("x", "y", "width", "height"))
        lines = [t.text or "" for t in node.iter(SVG + "tspan")]
        found[node.get("data-partner")] = {
            "box": box,
            "lines": lines,
            "rect": rect,
            "centre": (box[0] + box[2] / 2, box[1] + box[3] / 2),
        }
    return found


def overlap(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def many(n_internal: int, n_external: int, name_words: int = 6) -> Worksheet:
    words = (
        "Alder County Regional Community Health Services Department of Education Youth "
        "Family Housing Authority Foundation Coalition"
    ).split()
    partners = []
    for i in range(n_internal + n_external):
        name = " ".join(words[(i + k) % len(words)] for k in range(1 + (i * 7) % name_words))
        if i == 2:
            name = LONG_WORD
        partners.append(
            partner(
                f"p{i}",
                "internal" if i < n_internal else "external",
                "desired" if i % 3 == 0 else "current",
                name=name,
            )
        )
    shared = [
        {"id": f"s{j}", "name": f"Shared {j}", "partners": [p["id"] for p in partners[j::5]][:4]}
        for j in range(min(5, len(partners)))
    ]
    return Worksheet.model_validate(worksheet(partners=partners, shared_measures=shared))


def assert_laid_out_cleanly(ws: Worksheet) -> None:
    root = parse(chart.build(ws))
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {width:.0f} {height:.0f}"
    found = nodes(root)
    assert sorted(found) == sorted(p.id for p in ws.partners)
    result = root.find(f".//{SVG}ellipse[@class='hub']")
    rx, ry = float(result.get("rx")), float(result.get("ry"))
    boxes = [n["box"] for n in found.values()]
    for a, b in combinations(boxes, 2):
        assert not overlap(a, b), (a, b)
    for x, y, w, h in boxes:  # clear of the result: the box's nearest point is outside it
        near_x, near_y = min(max(0, x), x + w), min(max(0, y), y + h)
        assert math.hypot(near_x / rx, near_y / ry) > 1, (x, y, w, h)
    _, tx, ty = diagram(root)
    for x, y, w, h in boxes:  # on the page
        assert 0 <= x + tx and x + tx + w <= width and 0 <= y + ty and y + ty + h <= height
    names = {p.id: p.name for p in ws.partners}
    for pid, n in found.items():  # wrapped inside the box, never cut
        assert all(chart.text_width(line, chart.NODE_FONT) <= n["box"][2] for line in n["lines"])
        assert "".join(n["lines"]).replace(" ", "") == names[pid].replace(" ", "")
        assert len(n["lines"]) * chart.NODE_LINE + 2 * chart.NODE_PAD <= n["box"][3]
    radius = {
        pid: math.hypot(n["centre"][0] / aspect(root), n["centre"][1]) for pid, n in found.items()
    }
    inner = [radius[p.id] for p in ws.partners if p.kind == "internal"]
    outer = [radius[p.id] for p in ws.partners if p.kind == "external"]
    if inner and outer:
        assert max(inner) < min(outer)  # internal closer in, external further out


def test_example_chart_reads_back():
    result = run("chart", EXAMPLE)
    assert result.exit_code == 0 and result.stdout.startswith("<?xml")
    root = parse(result.stdout)
    found = nodes(root)
    assert list(found) == [
        "juvenile-probation",
        "county-behavioral-health",
        "district-attorney",
        "alder-unified-schools",
        "riverbend-youth-services",
        "alder-city-police",
        "tri-valley-workforce-board",
    ]
    desired = {"alder-city-police", "district-attorney", "tri-valley-workforce-board"}
    for pid, n in found.items():
        assert (n["rect"].get("stroke-dasharray") is not None) == (pid in desired)
    fills = {
        n["rect"].get("fill") for pid, n in found.items() if pid.startswith(("juvenile", "county"))
    }
    assert len(fills) == 1 and fills != {found["alder-unified-schools"]["rect"].get("fill")}
    links = [p for p in root.iter(SVG + "path") if p.get("class") == "link"]
    assert len(links) == 4  # one line per shared measure, joining all its partners
    assert {p.get("data-measure") for p in links} == {
        "first-time-referrals-diverted",
        "supervised-youth-attending-school",
        "justice-involved-graduation",
        "no-new-referral-12-months",
    }
    text = " ".join(t.text or "" for t in root.iter() if t.tag in (SVG + "text", SVG + "tspan"))
    assert "Young people under supervision attending school 90% of days or more" in text  # legend
    assert "Desired partner" in text and "Internal partner" in text
    assert_laid_out_cleanly(Worksheet.model_validate_json(_example_json()))


def _example_json() -> str:
    from measurekit.core.store import load_worksheet

    return load_worksheet(EXAMPLE).model_dump_json()


def test_starter_and_empty_charts(tmp_path):
    root = parse(run("chart", STARTER).stdout)
    assert len(nodes(root)) == 3 and not [p for p in root.iter(SVG + "path")]
    empty = parse(run("chart", write_worksheet(tmp_path, worksheet())).stdout)
    text = " ".join(t.text or "" for t in empty.iter(SVG + "tspan"))
    assert "No partners named yet" in text and "Every child in Testville thrives" in text


def test_up_to_thirty_partners_never_overlap():
    for n_internal, n_external in [
        (1, 0),
        (0, 1),
        (2, 2),
        (5, 0),
        (0, 12),
        (7, 7),
        (15, 15),
        (30, 0),
        (0, 30),
        (3, 27),
    ]:
        assert_laid_out_cleanly(many(n_internal, n_external))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30), st.integers(1, 12))
def test_any_mix_of_partners_never_overlaps(n_internal, n_external, name_words):
    if n_internal + n_external > 30:
        n_external = 30 - n_internal
    assert_laid_out_cleanly(many(n_internal, n_external, name_words))


def test_long_names_wrap_and_are_never_cut():
    name = LONG_WORD + " and " + "very long name " * 12
    lines = chart.wrap(name, chart.NODE_FONT, 150)
    assert len(lines) > 4 and "…" not in "".join(lines)
    assert lines[0] == LONG_WORD[: len(lines[0])]  # a long word is broken, not overflowing
    assert "".join(lines).replace(" ", "") == name.replace(" ", "")


def test_user_text_is_escaped_for_xml(tmp_path):
    nasty = "Tom & Jerry <script>alert(\"x\")</script> ]]> \x1b[31m 'quoted'"
    data = worksheet(
        title=nasty,
        result=nasty,
        partners=[partner("a", name=nasty), partner("b", name="B")],
        shared_measures=[{"id": "s", "name": nasty, "partners": ["a", "b"]}],
    )
    out = tmp_path / "chart.svg"
    result = run("chart", write_worksheet(tmp_path, data), "--output", out)
    assert result.exit_code == 0 and result.stdout == ""
    svg = out.read_text(encoding="utf-8")
    assert "<script" not in svg and "\x1b" not in svg
    root = parse(svg)  # well-formed despite everything
    text = "".join(t.text or "" for t in root.iter(SVG + "tspan"))
    assert "Tom & Jerry" in text and "<script>" in text and "\\x1b[31m" in text
    title = root.find(SVG + "title").text
    assert title.startswith("Result in the center: Tom & Jerry <script>")


def test_chart_is_deterministic_and_never_overwrites_the_worksheet(tmp_path):
    assert run("chart", EXAMPLE).stdout == run("chart", EXAMPLE).stdout
    path = write_worksheet(tmp_path, worksheet())
    before = path.read_bytes()
    result = run("chart", path, "--output", path)
    assert result.exit_code == 2 and path.read_bytes() == before


def segments(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every straight segment of every shared-measure line: (measure id, (x1, y1, x2, y2))."""
    found = []
    for path in root.iter(SVG + "path"):
        if path.get("class") != "link":
            continue
        for sub in path.get("d", "").split("M")[1:]:
            points = [
                tuple(map(float, p.split(","))) for p in re.findall(r"-?[\d.]+,-?[\d.]+", sub)
            ]
            assert len(points) >= 2, sub
            for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
                found.append((path.get("data-measure"), (x1, y1, x2, y2)))
    return found


def crosses(seg: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """True when the segment passes through the inside of the box (x, y, w, h)."""
    x1, y1, x2, y2 = seg
    x, y, w, h = box
    lo, hi = 0.0, 1.0
    for p, q in (
        (x1 - x2, x1 - x),
        (x2 - x1, x + w - x1),
        (y1 - y2, y1 - y),
        (y2 - y1, y + h - y1),
    ):
        if p == 0:
            if q <= 0:
                return False
        elif p < 0:
            lo = max(lo, q / p)
        else:
            hi = min(hi, q / p)
    return lo < hi


def inside(x: float, y: float, box: tuple[float, float, float, float]) -> bool:
    bx, by, bw, bh = box
    return bx <= x <= bx + bw and by <= y <= by + bh


def assert_lines_cross_no_box(ws: Worksheet) -> None:
    """No segment of a line passes under the result or a box other than the one it leaves."""
    root = parse(chart.build(ws))
    found = nodes(root)
    result = root.find(f".//{SVG}ellipse[@class='hub']")
    rx, ry = float(result.get("rx")), float(result.get("ry"))
    members = {s.id: set(s.partners) for s in ws.shared_measures}
    drawn = {s.id for s in ws.shared_measures if len(set(s.partners)) >= 2}
    segs = segments(root)
    assert {m for m, _ in segs} == drawn  # every shared measure with two partners is drawn
    for measure, seg in segs:
        assert not crosses(seg, (-rx, -ry, 2 * rx, 2 * ry)), (measure, seg)
        for pid, n in found.items():
            if crosses(seg, n["box"]):
                own = inside(seg[0], seg[1], n["box"]) or inside(seg[2], seg[3], n["box"])
                assert own and pid in members[measure], (measure, pid, seg)
    for pid in {pid for ids in members.values() for pid in ids}:
        # each partner of a drawn measure has a line leaving its box
        if any(pid in members[m] for m in drawn):
            assert any(
                inside(s[0], s[1], found[pid]["box"]) for m, s in segs if pid in members[m]
            ), pid


def generated(n_partners: int, n_shared: int) -> Worksheet:
    """Partners of both kinds and statuses, some with long names; measures shared 2 to 5 ways."""
    partners = [
        partner(
            f"p{i}",
            "internal" if i % 3 else "external",
            "desired" if i % 4 == 0 else "current",
            name=(LONG_WORD if i == 5 else f"Partner {i} " + "of the regional network " * (i % 4)),
        )
        for i in range(n_partners)
    ]
    shared = [
        {
            "id": f"s{j}",
            "name": f"Shared measure {j}",
            "partners": [f"p{(j * 5 + k * (j + 2)) % n_partners}" for k in range(2 + j % 4)],
        }
        for j in range(n_shared)
    ]
    return Worksheet.model_validate(worksheet(partners=partners, shared_measures=shared))


def test_lines_pass_under_no_box_on_the_example_and_a_generated_worksheet():
    assert_lines_cross_no_box(Worksheet.model_validate_json(_example_json()))
    ws = generated(12, 6)
    assert_lines_cross_no_box(ws)
    assert_laid_out_cleanly(ws)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 30), st.integers(1, 10))
@example(5, 8)  # a partner in seven lines, in a box of one line of text
def test_lines_pass_under_no_box_for_any_mix(n_partners, n_shared):
    ws = generated(n_partners, n_shared)
    assert_lines_cross_no_box(ws)
    assert_laid_out_cleanly(ws)


def test_crossing_check_catches_a_line_under_a_box():
    # The check itself can fail: a straight line from one partner to another across the result.
    assert crosses((-300, 0, 300, 0), (-10, -10, 20, 20))
    assert not crosses((-300, 50, 300, 50), (-10, -10, 20, 20))
    assert crosses((0, 0, 0, -100), (-10, -10, 20, 20))  # leaving its own box


@given(
    st.floats(-5000, 5000), st.floats(-5000, 5000), st.floats(1, 400), st.floats(1, 400)
)
def test_a_box_reach_is_its_farthest_corner(x, y, w, h):
    # reach finds the far corner directly rather than trying all four: the same number.
    ring = chart.Ring(1.7)
    box = chart.Box(x, y, w, h)
    corners = [ring.radius(x + sx * w / 2, y + sy * h / 2) for sx in (-1, 1) for sy in (-1, 1)]
    assert ring.reach(box)[1] == max(corners)


def links(root: ET.Element) -> list[tuple[str, list[list[tuple[float, ...]]]]]:
    """Each shared measure's line: its id and the points of each piece (the track first,
    then a stub per partner)."""
    return [
        (
            path.get("data-measure", ""),
            [
                [tuple(map(float, p.split(","))) for p in re.findall(r"-?[\d.]+,-?[\d.]+", sub)]
                for sub in path.get("d", "").split("M")[1:]
            ],
        )
        for path in root.iter(SVG + "path")
        if path.get("class") == "link"
    ]


def track_sweeps(root: ET.Element) -> list[tuple[str, float, float]]:
    """Each drawn measure's track: (measure id, the angle its arc sweeps, the angle it would
    sweep going the short way round: all the way round but the widest gap between the
    points where its stubs meet it)."""
    found = []
    for measure, (track, *stubs) in links(root):
        turn = [math.atan2(y, x / aspect(root)) for x, y in track]
        swept = sum(
            (b - a + math.pi) % (2 * math.pi) - math.pi
            for a, b in zip(turn, turn[1:], strict=False)
        )
        joins = sorted(math.atan2(y, x / aspect(root)) % (2 * math.pi) for *_, (x, y) in stubs)
        gaps = [(joins[(i + 1) % len(joins)] - a) % (2 * math.pi) for i, a in enumerate(joins)]
        found.append((measure, abs(swept), 2 * math.pi - max(gaps)))
    return found


@pytest.mark.parametrize("source", ["example", "generated", "straddling"])
def test_each_track_takes_the_short_way_round_the_ring(source):
    # A track running the long way round would wrap the result and cross every other line.
    if source == "example":
        ws = Worksheet.model_validate_json(_example_json())
    elif source == "generated":
        ws = generated(12, 6)
    else:  # partners on both sides of the rightmost point of the ring, where angles wrap
        ws = many(0, 8)
        ws.shared_measures[0].partners = ["p1", "p2", "p6", "p7"]
    sweeps = track_sweeps(parse(chart.build(ws)))
    assert len(sweeps) == sum(len(set(s.partners)) >= 2 for s in ws.shared_measures)
    for measure, swept, short in sweeps:
        assert short < 2 * math.pi - 0.1, measure  # the example's partners leave a gap
        assert abs(swept - short) < 0.02, (measure, swept, short)


def test_a_measure_without_a_line_says_so_in_the_legend():
    ws = generated(6, 3)
    ws.shared_measures[1].partners = ["p2"]
    ws.shared_measures[2].partners = ["p3", "p3"]  # one partner named twice is still one
    root = parse(chart.build(ws))
    legend = root.find(f".//{SVG}g[@class='legend']")
    said = [t.text or "" for t in legend.iter(SVG + "text")]
    assert [line for line in said if "no line" in line] == [
        "Shared measure 1 (one partner so far: no line)",
        "Shared measure 2 (one partner so far: no line)",
    ]
    swatches = [e for e in legend.iter(SVG + "line") if e.get("stroke-width") == "4"]
    assert len(swatches) == 1  # only the drawn measure has a line in the legend
    assert {m for m, _ in segments(root)} == {"s0"}


def test_a_partners_lines_are_picked_out_and_the_others_muted():
    ws = Worksheet.model_validate_json(_example_json())
    pid = "riverbend-youth-services"
    root = parse(chart.build(ws, highlight=pid))
    groups = {g.get("data-measure"): g for g in root.iter(SVG + "g") if g.get("data-measure")}
    mine = {s.id for s in ws.shared_measures if pid in s.partners}
    assert mine and set(groups) > mine
    for measure, group in groups.items():
        stroke = group.find(SVG + "path").get("stroke")
        assert (group.get("class") == "muted") == (measure not in mine)
        assert (stroke == chart.MUTED) == (measure not in mine)
    picked = [g for g in root.iter(SVG + "g") if "picked" in (g.get("class") or "").split()]
    assert [g.get("data-partner") for g in picked] == [pid]
    assert chart.build(ws) != chart.build(ws, highlight=pid)
    assert 'class="muted"' not in chart.build(ws)


def test_a_current_partners_page_shows_its_place_in_the_chart():
    current = run("report", EXAMPLE, "--as-of", "2026-12-15", "--partner", "riverbend").stdout
    assert current.count("<svg") >= 1 and 'class="partner picked"' in current
    assert 'data-partner="riverbend-youth-services"' in current
    desired = run("report", EXAMPLE, "--as-of", "2026-12-15", "--partner", "alder-city-police")
    assert desired.exit_code == 0 and 'class="partner picked"' not in desired.stdout


def junctions(root: ET.Element) -> list[tuple[str, bool, tuple[float, float]]]:
    """Where each stub meets its track: (measure id, whether its box is inside the track,
    the point)."""
    found = []
    ring = chart.Ring(aspect(root))
    for measure, (track, *stubs) in links(root):
        radius = ring.radius(*track[0])
        for (x0, y0), end in (stub[:2] for stub in stubs):
            found.append((measure, ring.radius(x0, y0) < radius, end))
    return found


@pytest.mark.parametrize("n_internal, n_external", [(4, 2), (8, 7), (15, 14), (12, 12), (6, 9)])
def test_stubs_from_either_side_never_meet_a_track_at_one_point(n_internal, n_external):
    # Two stubs meeting at one point from inside and outside would read as one straight
    # line between their partners, with the track beside it. The worst case: the internal
    # and the external partner that sit most nearly in line share a measure.
    ws = many(n_internal, n_external)
    first = parse(chart.build(ws))
    found, ring = nodes(first), chart.Ring(aspect(first))
    turn = {pid: ring.angle(*n["centre"]) for pid, n in found.items()}
    kinds = {p.id: p.kind for p in ws.partners}
    pairs = [(a, b) for a in turn for b in turn if kinds[a] == "internal" != kinds[b]]
    a, b = min(pairs, key=lambda ab: abs(math.remainder(turn[ab[0]] - turn[ab[1]], 2 * math.pi)))
    ws.shared_measures[0].partners = [a, b]
    root = parse(chart.build(ws))
    for (m1, in1, p1), (m2, in2, p2) in combinations(junctions(root), 2):
        if m1 == m2 and in1 != in2:
            assert math.dist(p1, p2) >= chart.JOIN_APART - 1, (m1, p1, p2)
