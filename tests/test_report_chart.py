"""`measurekit chart`: the "result in the center" SVG, read back with an XML parser."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from measurekit.model import Worksheet
from measurekit.reports import chart

from .conftest import EXAMPLE, STARTER
from .report_support import partner, run, worksheet, write_worksheet

SVG = "{http://www.w3.org/2000/svg}"
LONG_WORD = "Supercalifragilisticexpialidociousdepartmentofeverything"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == SVG + "svg"
    return root


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
        if node.get("class") != "partner":
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
    result = root.find(f".//{SVG}ellipse[@class='result']")
    rx, ry = float(result.get("rx")), float(result.get("ry"))
    boxes = [n["box"] for n in found.values()]
    for a, b in combinations(boxes, 2):
        assert not overlap(a, b), (a, b)
    assert not any(overlap((-rx, -ry, 2 * rx, 2 * ry), b) for b in boxes)  # clear of the result
    _, tx, ty = diagram(root)
    for x, y, w, h in boxes:  # on the page
        assert 0 <= x + tx and x + tx + w <= width and 0 <= y + ty and y + ty + h <= height
    for n in found.values():  # wrapped to the box, at most four lines
        assert 1 <= len(n["lines"]) <= chart.NODE_MAX_LINES
        assert all(len(line) * chart.NODE_FONT * chart.CHAR_W <= n["box"][2] for line in n["lines"])
    radius = {
        pid: math.hypot(n["centre"][0] / chart.ASPECT, n["centre"][1]) for pid, n in found.items()
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
    assert len(links) == 6 + 6 + 6 + 3  # one per pair of partners, per shared measure
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
    from measurekit.store import load_worksheet

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


def test_long_names_wrap_and_cut_with_an_ellipsis():
    lines = chart.wrap(LONG_WORD + " and " + "very long name " * 12, chart.NODE_FONT, 150, 4)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert lines[0] == LONG_WORD[: len(lines[0])]  # a long word is broken, not overflowing


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
