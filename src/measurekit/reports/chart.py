"""The "result in the center" chart as plain SVG, written by hand (no plotting library).

The result sits in the middle; internal partners on a ring around it, external
partners on a ring further out; current partners drawn solid, desired ones dashed.
Each shared measure is one coloured line, named in the legend.

Layout guarantees what a reader needs rather than hoping for it: no two boxes
overlap, no line passes under a box it does not join, and a name is never cut
(a box grows to hold it). Between the two rings lies a band with no box in it;
each shared measure runs round the band on its own track, and a straight stub joins
each of its partners to the track, leaving the box away from the result. Each ring
is sized by checking a box against its neighbours only, so the layout takes time
linear in the number of partners.

Example:
    >>> svg = build(worksheet)  # a complete SVG document
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from html import escape

from ..core.model import Worksheet
from ..core.text import safe
from ..core.vocabulary import partner_label
from .chart_layout import (  # re-exported: the tests and the handout read them here
    NODE_FONT,
    NODE_LINE,
    NODE_PAD,
    STUB_SPREAD,
    Box,
    Layout,
    Node,
    Ring,
    layout,
    text_width,
    wrap,
)

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
CENTER_W, CENTER_FONT, CENTER_LINE = 330, 24, 29
TITLE_FONT, TITLE_LINE = 28, 34
MARGIN = 18
# The rings' shapes tried for a chart of up to SHAPED partners; the one kept fits its own
# printed page best (PAGE: landscape A4 and Letter less their margins and the heading, in
# pt), so that the names print at 8 pt or more with 15 partners.
ASPECTS, SHAPED, PAGE = (1.7, 1.9, 2.1), 40, (724.0, 500.0)
# Okabe-Ito colours: tell apart with colour-blindness and in print; cycled with dashes after that.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A4FA0", "#8C564B")
DASHES = ("", "8 4", "2 3")
FILL = {"internal": "#e6f0fa", "external": "#fdf1dc"}
STROKE = {"internal": "#1f4e79", "external": "#8a5300"}
DESIRED_DASH = "7 4"
MUTED = "#c4c4c4"  # the lines of other partners, on a partner's own page
LEGEND_FONT = NODE_FONT
# Printed on its own, the picture turns the paper landscape and scales to the page (one
# page, never cut); inline in a page, the page's own CSS sizes it.
PRINT_STYLE = (
    "<style>@page { size: landscape; margin: 10mm; } "
    "@media print { svg:root { width: 100%; height: 100%; } }</style>"
)
JOIN_APART = 20  # px along a track between stubs meeting it from opposite sides
# Characters XML 1.0 forbids even as references (safe() already shows C0/C1 controls).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """User text made safe for SVG/XML content and attribute values."""
    return escape(_NOT_XML.sub("\ufffd", safe(text)), quote=True)


def _style(index: int) -> tuple[str, str]:
    colour = PALETTE[index % len(PALETTE)]
    dash = DASHES[(index // len(PALETTE)) % len(DASHES)]
    return colour, f' stroke-dasharray="{dash}"' if dash else ""


def _text(lines: list[str], x: float, y_top: float, font: int, line_h: int, extra: str = "") -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y_top + line_h * (k + 0.75):.1f}">{xml_text(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f'<text font-size="{font}" text-anchor="middle"{extra}>{spans}</text>'


def build(ws: Worksheet, *, inline: bool = False, highlight: str | None = None) -> str:
    """The chart as a complete, standalone SVG document; `inline`: the <svg> element for a
    page that has the title and its own CSS; `highlight` (a partner id) picks out that
    partner and its lines, the others muted."""
    aspects = ASPECTS if len(ws.partners) <= SHAPED else ASPECTS[1:2]
    drawn = [_draw(ws, Ring(aspect), inline, highlight) for aspect in aspects]
    svg, _ = max(drawn, key=lambda pair: pair[1])
    return svg if inline else '<?xml version="1.0" encoding="UTF-8"?>\n' + svg


def _draw(ws: Worksheet, ring: Ring, inline: bool, highlight: str | None) -> tuple[str, float]:
    """The <svg> element on rings of this shape, and the scale it prints at on PAGE."""
    result_lines = wrap(ws.result, CENTER_FONT, CENTER_W)
    text_h = len(result_lines) * CENTER_LINE + 32
    # An ellipse around a w x h box: semi-axes w/sqrt(2) and h/sqrt(2).
    crx, cry = (CENTER_W + 24) / math.sqrt(2), text_h / math.sqrt(2) + 8
    plan = layout(ws, Box(0, 0, 2 * crx, 2 * cry), ring)
    nodes = plan.nodes
    boxes = [n.box for n in nodes] + [Box(0, 0, 2 * crx, 2 * cry)]
    for radius in [plan.zone or 0.0, *plan.tracks]:
        boxes.append(Box(0, 0, 2 * radius * ring.aspect + 6, 2 * radius + 6))
    left = min(b.x - b.w / 2 for b in boxes) - MARGIN
    right = max(b.x + b.w / 2 for b in boxes) + MARGIN
    top = min(b.y - b.h / 2 for b in boxes) - MARGIN
    bottom = max(b.y + b.h / 2 for b in boxes) + MARGIN
    width = max(right - left, 900)
    shift_x = -left + (width - (right - left)) / 2  # centre the diagram on the page
    title_lines = [] if inline else wrap(ws.title, TITLE_FONT, width - 2 * MARGIN)
    title_h = len(title_lines) * TITLE_LINE + 16 if title_lines else MARGIN / 2
    shift_y = -top + title_h
    legend, legend_h = _legend(ws, _drawn(ws, plan), width, highlight)
    height = title_h + (bottom - top) + legend_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" font-family="{FONT}">',
        "" if inline else PRINT_STYLE,
        f"<title>{xml_text('Result in the center: ' + ws.result)}</title>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        _text(title_lines, width / 2, 8, TITLE_FONT, TITLE_LINE, ' font-weight="bold"'),
        f'<g class="diagram" data-aspect="{ring.aspect}" '
        f'transform="translate({shift_x:.1f} {shift_y:.1f})">',
    ]
    out += _zone(plan.zone, ring)
    out += _lines(ws, plan, highlight)
    out.append(
        f'<ellipse class="hub" cx="0" cy="0" rx="{crx:.1f}" ry="{cry:.1f}" fill="#fff8d6" '
        'stroke="#7a6200" stroke-width="3"/>'
    )
    label = ' class="hub" font-weight="bold" fill="#7a6200" letter-spacing="2"'
    out.append(_text(["RESULT"], 0, -text_h / 2, NODE_FONT, 26, label))
    out.append(
        _text(result_lines, 0, -text_h / 2 + 28, CENTER_FONT, CENTER_LINE,
              ' class="hub" font-weight="bold" fill="#1a1a1a"')
    )
    out += [_node(n, highlight) for n in nodes]
    if not nodes:
        out.append(_text(["No partners named yet"], 0, cry + 24, 20, 24,
                         ' fill="#555555" font-style="italic"'))
    out.append("</g>")
    out.append(f'<g transform="translate(0 {title_h + bottom - top:.1f})">')
    out += legend
    out.append("</g></svg>")
    return "\n".join(out) + "\n", min(PAGE[0] / width, PAGE[1] / height)


def _zone(radius: float | None, ring: Ring) -> list[str]:
    """A tinted ellipse holding the internal partners, so inner and outer read at a glance."""
    if radius is None:
        return []
    return [
        f'<ellipse cx="0" cy="0" rx="{radius * ring.aspect:.1f}" ry="{radius:.1f}" fill="#f4f8fc" '
        'stroke="#b7c9dc" stroke-width="1.2" stroke-dasharray="3 4"/>'
    ]


def _drawn(ws: Worksheet, plan: Layout) -> list[list[str]]:
    """Each shared measure's partners on the chart, once each (a line needs two)."""
    where = {n.partner.id for n in plan.nodes}
    return [[pid for pid in dict.fromkeys(s.partners) if pid in where] for s in ws.shared_measures]


def _lines(ws: Worksheet, plan: Layout, highlight: str | None) -> list[str]:
    """One path per shared measure: its own track round the band, and a straight stub from
    each of its partners to the track. Stubs leave a box away from the result, side by side
    and parallel (each measure at its own offset), and tracks run where there are no boxes,
    so a line only ever crosses the boxes it joins and never runs along another line."""
    where = {n.partner.id: n for n in plan.nodes}
    names = {p.id: p.name for p in ws.partners}
    slots: dict[str, int] = {}  # how many stubs already leave each partner
    drawn = _drawn(ws, plan)
    total = Counter(pid for ids in drawn if len(ids) >= 2 for pid in ids)
    out = [
        '<g fill="none" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">'
    ]
    for index, s in enumerate(ws.shared_measures):
        members = [where[pid] for pid in drawn[index]]
        if len(members) < 2:
            continue
        radius = plan.tracks[index]
        stubs = []
        for n in members:
            k = slots.get(n.partner.id, 0)
            slots[n.partner.id] = k + 1
            stubs.append(_stub(n.box, radius, k, total[n.partner.id], plan.ring))
        _keep_apart(stubs, radius)
        joins = sorted(stub.join for stub in stubs)
        gaps = [(joins[(i + 1) % len(joins)] - a) % (2 * math.pi) for i, a in enumerate(joins)]
        widest = max(range(len(gaps)), key=gaps.__getitem__)
        start = joins[(widest + 1) % len(joins)]
        sweep = 2 * math.pi - gaps[widest]  # the short way round: all but the widest gap
        parts = [plan.ring.arc(radius, start, sweep)]
        dots = []
        for stub in stubs:
            ex, ey = plan.ring.point(radius, stub.join)
            parts.append(f"M{stub.x:.1f},{stub.y:.1f} L{ex:.1f},{ey:.1f}")
            dots.append(f'<circle cx="{ex:.1f}" cy="{ey:.1f}" r="4"/>')
        colour, dash = _style(index)
        picked = highlight is None or highlight in drawn[index]
        look = "" if picked else ' class="muted"'
        if not picked:
            colour, dash = MUTED, ""
        elif highlight is not None:
            look = ' stroke-width="4.5"'
        tip = f"{s.name}: shared by " + ", ".join(names[n.partner.id] for n in members)
        out.append(
            f'<g data-measure="{s.id}"{look}><path class="link" data-measure="{s.id}" '
            f'd="{" ".join(parts)}" stroke="{colour}"{dash}><title>{xml_text(tip)}</title></path>'
            f'<g fill="{colour}" stroke="none">{"".join(dots)}</g></g>'
        )
    out.append("</g>")
    return out


@dataclass
class _Stub:
    x: float  # where the stub leaves its box
    y: float
    join: float  # the angle at which it meets its track
    outward: bool  # True when the box lies inside the track


def _stub(b: Box, radius: float, slot: int, count: int, ring: Ring) -> _Stub:
    """The stub of the `slot`th of `count` lines leaving box `b` for the track at `radius`:
    side by side across the box, each parallel to the straight way to the track, so two
    lines leaving one box never merge into one."""
    spread = min(STUB_SPREAD, (min(b.w, b.h) - 6) / max(1, count - 1))
    off = (slot - (count - 1) / 2) * spread
    tx, ty = ring.point(radius, ring.angle(b.x, b.y))
    length = math.hypot(tx - b.x, ty - b.y) or 1
    nx, ny = -(ty - b.y) / length, (tx - b.x) / length
    join = ring.angle(tx + nx * off, ty + ny * off)
    outward = ring.radius(b.x, b.y) < radius
    return _Stub(b.x + nx * off, b.y + ny * off, join, outward)


def _keep_apart(stubs: list[_Stub], radius: float) -> None:
    """Move apart along the track two stubs of one measure that meet it from opposite sides
    at (nearly) one point: there they would read as one straight line between two partners
    rather than two lines joining a track."""
    stubs.sort(key=lambda stub: stub.join)
    least = JOIN_APART / max(radius, 1.0)  # an angle: at least JOIN_APART px along the track
    for before, after in zip(stubs, stubs[1:], strict=False):
        if before.outward != after.outward and after.join - before.join < least:
            after.join = before.join + least


def _node(n: Node, highlight: str | None) -> str:
    p, b = n.partner, n.box
    dash = f' stroke-dasharray="{DESIRED_DASH}"' if p.status == "desired" else ""
    tip = partner_label(p.name, p.kind, p.status)
    picked = p.id == highlight
    look = ' class="partner picked"' if picked else ' class="partner"'
    return (
        f'<g{look} data-partner="{p.id}"><title>{xml_text(tip)}</title>'
        f'<rect x="{b.x - b.w / 2:.1f}" y="{b.y - b.h / 2:.1f}" '
        f'width="{b.w:.0f}" height="{b.h:.0f}" rx="8" fill="{FILL[p.kind]}" '
        f'stroke="{STROKE[p.kind]}" stroke-width="{4.5 if picked else 2}"{dash}/>'
        + _text(n.lines, b.x, b.y - b.h / 2 + NODE_PAD, NODE_FONT, NODE_LINE, ' fill="#1a1a1a"')
        + "</g>"
    )


def _entries(
    ws: Worksheet, drawn: list[list[str]], highlight: str | None
) -> list[tuple[str, str]]:
    """The legend's shared measures: (label, the swatch's stroke attributes or "" for no
    line). On a partner's page, the others' measures are one grey entry."""
    entries, others = [], 0
    for index, s in enumerate(ws.shared_measures):
        if highlight is not None and highlight not in drawn[index]:
            others += len(drawn[index]) >= 2
            if highlight not in s.partners:
                continue
        colour, dash = _style(index)
        if len(drawn[index]) >= 2:
            entries.append((s.name, f'stroke="{colour}"{dash}'))
        else:
            what = "one partner so far: no line" if drawn[index] else "no partners yet"
            entries.append((f"{s.name} ({what})", ""))
    if others:
        entries.append((f"Other partners' shared measures ({others})", f'stroke="{MUTED}"'))
    return entries


def _legend(
    ws: Worksheet, drawn: list[list[str]], width: float, highlight: str | None
) -> tuple[list[str], float]:
    """Legend rows under the diagram; returns the SVG and its height. A shared measure with
    fewer than two partners on the chart has no line, and says so."""
    font, line_h = LEGEND_FONT, LEGEND_FONT + 5
    out = [f'<g class="legend" font-size="{font}" fill="#1a1a1a">']
    x0, y = MARGIN, 10
    out.append(f'<line x1="{x0}" y1="{y}" x2="{width - MARGIN:.0f}" y2="{y}" stroke="#cccccc"/>')
    y += 20
    swatches = [
        ("internal", "", "Internal partner (inner, shaded ring)"),
        ("external", "", "External partner (outer ring)"),
        ("internal", DESIRED_DASH, "Desired partner: not yet engaged (dashed)"),
    ]
    x: float = x0
    for kind, dash, label in swatches:
        item_w = 50 + text_width(label, font)
        if x > x0 and x + item_w > width - MARGIN:  # next row
            x, y = x0, y + line_h + 8
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        fill = "#ffffff" if dash else FILL[kind]
        stroke = "#333333" if dash else STROKE[kind]
        out.append(
            f'<rect x="{x:.0f}" y="{y - 16}" width="40" height="22" rx="5" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="2.5"{dash_attr}/>'
        )
        out.append(f'<text x="{x + 50:.0f}" y="{y + 3}">{xml_text(label)}</text>')
        x += item_w + 30
    y += line_h + 14
    if ws.shared_measures:
        out.append(
            f'<text x="{x0}" y="{y}" font-weight="bold">'
            "Each shared measure is a line joining its partners:</text>"
        )
        y += 12
        entries = _entries(ws, drawn, highlight)
        # Side by side in as many columns as the width holds, filled top to bottom.
        room = width - 2 * MARGIN
        columns = max(1, min(len(entries), int((room + 24) / (font * 22 + 24))))
        per_column = math.ceil(len(entries) / columns)
        columns = math.ceil(len(entries) / per_column)
        column_w = (room + 24) / columns - 24
        tops = [y] * columns
        for index, (label, stroke) in enumerate(entries):
            column = index // per_column
            x, y = x0 + column * (column_w + 24), tops[column]
            if stroke:
                out.append(
                    f'<line x1="{x:.0f}" y1="{y + 10}" x2="{x + 40:.0f}" y2="{y + 10}" '
                    f'{stroke} stroke-width="4"/>'
                )
            lines = wrap(label, font, column_w - 52)
            for k, line in enumerate(lines):
                out.append(
                    f'<text x="{x + 52:.0f}" y="{y + 15 + line_h * k}">{xml_text(line)}</text>'
                )
            tops[column] = y + line_h * len(lines) + 6
        y = max(tops)
    else:
        out.append(
            f'<text x="{x0}" y="{y}" font-style="italic">'
            "No shared measures yet, so no lines.</text>"
        )
    out.append("</g>")
    return out, y + MARGIN
