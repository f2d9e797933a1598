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
from html import escape

from ..core.model import Worksheet
from ..core.text import safe
from ..core.vocabulary import partner_label
from .chart_layout import (  # re-exported: the tests and the handout read them here
    ASPECT,
    CHAR_W,
    NODE_FONT,
    NODE_LINE,
    NODE_PAD,
    STUB_SPREAD,
    Box,
    Layout,
    Node,
    angle,
    arc,
    ellipse_point,
    layout,
    wrap,
)

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
CENTER_W, CENTER_FONT, CENTER_LINE = 260, 15, 19
MARGIN = 28
# Okabe-Ito colours: tell apart with colour-blindness and in print; cycled with dashes after that.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A4FA0", "#8C564B")
DASHES = ("", "8 4", "2 3")
FILL = {"internal": "#e6f0fa", "external": "#fdf1dc"}
STROKE = {"internal": "#1f4e79", "external": "#8a5300"}
DESIRED_DASH = "7 4"
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


def build(ws: Worksheet, *, title: bool = True) -> str:
    """The chart as a complete, standalone SVG document (`title=False`: the page has it)."""
    result_lines = wrap(ws.result, CENTER_FONT, CENTER_W)
    text_h = len(result_lines) * CENTER_LINE + 22
    # An ellipse around a w x h box: semi-axes w/sqrt(2) and h/sqrt(2).
    crx, cry = (CENTER_W + 24) / math.sqrt(2), text_h / math.sqrt(2) + 8
    plan = layout(ws, Box(0, 0, 2 * crx, 2 * cry))
    nodes = plan.nodes
    boxes = [n.box for n in nodes] + [Box(0, 0, 2 * crx, 2 * cry)]
    for radius in [plan.zone or 0.0, *plan.tracks]:
        boxes.append(Box(0, 0, 2 * radius * ASPECT + 6, 2 * radius + 6))
    left = min(b.x - b.w / 2 for b in boxes) - MARGIN
    right = max(b.x + b.w / 2 for b in boxes) + MARGIN
    top = min(b.y - b.h / 2 for b in boxes) - MARGIN
    bottom = max(b.y + b.h / 2 for b in boxes) + MARGIN
    width = max(right - left, 720)
    shift_x = -left + (width - (right - left)) / 2  # centre the diagram on the page
    title_lines = wrap(ws.title, 20, int(width - 2 * MARGIN)) if title else []
    title_h = len(title_lines) * 26 + 16 if title else MARGIN / 2
    shift_y = -top + title_h
    legend, legend_h = _legend(ws, width)
    height = title_h + (bottom - top) + legend_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-labelledby="chart-title" '
        f'font-family="{FONT}">',
        f'<title id="chart-title">{xml_text("Result in the center: " + ws.result)}</title>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        _text(title_lines, width / 2, 8, 20, 26, ' font-weight="bold" fill="#1a1a1a"'),
        f'<g class="diagram" transform="translate({shift_x:.1f} {shift_y:.1f})">',
    ]
    out += _zone(plan.zone)
    out += _lines(ws, plan)
    out.append(
        f'<ellipse class="result" cx="0" cy="0" rx="{crx:.1f}" ry="{cry:.1f}" fill="#fff8d6" '
        'stroke="#7a6200" stroke-width="2.5"/>'
    )
    out.append(
        _text(
            ["RESULT"],
            0,
            -text_h / 2,
            11,
            14,
            ' font-weight="bold" fill="#7a6200" letter-spacing="1.5"',
        )
    )
    out.append(
        _text(
            result_lines,
            0,
            -text_h / 2 + 16,
            CENTER_FONT,
            CENTER_LINE,
            ' font-weight="bold" fill="#1a1a1a"',
        )
    )
    for n in nodes:
        out.append(_node(n))
    if not nodes:
        out.append(
            _text(
                ["No partners named yet"],
                0,
                cry + 20,
                13,
                16,
                ' fill="#555555" font-style="italic"',
            )
        )
    out.append("</g>")
    out.append(f'<g transform="translate(0 {title_h + bottom - top:.1f})">')
    out += legend
    out.append("</g></svg>")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(out) + "\n"


def _zone(radius: float | None) -> list[str]:
    """A tinted ellipse holding the internal partners, so inner and outer read at a glance."""
    if radius is None:
        return []
    return [
        f'<ellipse cx="0" cy="0" rx="{radius * ASPECT:.1f}" ry="{radius:.1f}" fill="#f4f8fc" '
        'stroke="#b7c9dc" stroke-width="1.2" stroke-dasharray="3 4"/>'
    ]


def _lines(ws: Worksheet, plan: Layout) -> list[str]:
    """One path per shared measure: its own track round the band, and a straight stub from
    each of its partners to the track. Stubs leave a box away from the result, and tracks run
    where there are no boxes, so a line only ever crosses the boxes it joins."""
    where = {n.partner.id: n for n in plan.nodes}
    names = {p.id: p.name for p in ws.partners}
    slots: dict[str, int] = {}  # how many stubs already leave each partner
    drawn = [[pid for pid in dict.fromkeys(s.partners) if pid in where] for s in ws.shared_measures]
    total = Counter(pid for ids in drawn if len(ids) >= 2 for pid in ids)
    out = [
        '<g fill="none" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" '
        'opacity="0.9">'
    ]
    for index, s in enumerate(ws.shared_measures):
        members = [where[pid] for pid in drawn[index]]
        if len(members) < 2:
            continue
        radius = plan.tracks[index]
        angles = sorted(angle(n.box) for n in members)
        gaps = [(angles[(i + 1) % len(angles)] - a) % (2 * math.pi) for i, a in enumerate(angles)]
        widest = max(range(len(gaps)), key=gaps.__getitem__)
        start = angles[(widest + 1) % len(angles)]
        sweep = 2 * math.pi - gaps[widest]
        parts = [arc(radius, start, sweep)]
        for n in members:
            k = slots.get(n.partner.id, 0)
            slots[n.partner.id] = k + 1
            count = total[n.partner.id]
            # Side by side, and all inside the box they leave, however many there are.
            spread = min(STUB_SPREAD, (min(n.box.w, n.box.h) - 6) / max(1, count - 1))
            off = (k - (count - 1) / 2) * spread
            at = angle(n.box)
            tx, ty = ellipse_point(radius, at)
            length = math.hypot(tx - n.box.x, ty - n.box.y) or 1
            nx, ny = -(ty - n.box.y) / length, (tx - n.box.x) / length
            parts.append(f"M{n.box.x + nx * off:.1f},{n.box.y + ny * off:.1f} L{tx:.1f},{ty:.1f}")
        colour, dash = _style(index)
        tip = f"{s.name}: shared by " + ", ".join(names[n.partner.id] for n in members)
        out.append(
            f'<path class="link" data-measure="{s.id}" d="{" ".join(parts)}" '
            f'stroke="{colour}"{dash}><title>{xml_text(tip)}</title></path>'
        )
    out.append("</g>")
    return out


def _node(n: Node) -> str:
    p, b = n.partner, n.box
    dash = f' stroke-dasharray="{DESIRED_DASH}"' if p.status == "desired" else ""
    tip = partner_label(p.name, p.kind, p.status)
    return (
        f'<g class="partner" data-partner="{p.id}"><title>{xml_text(tip)}</title>'
        f'<rect x="{b.x - b.w / 2:.1f}" y="{b.y - b.h / 2:.1f}" '
        f'width="{b.w:.0f}" height="{b.h:.0f}" '
        f'rx="8" fill="{FILL[p.kind]}" stroke="{STROKE[p.kind]}" stroke-width="2"{dash}/>'
        + _text(n.lines, b.x, b.y - b.h / 2 + NODE_PAD, NODE_FONT, NODE_LINE, ' fill="#1a1a1a"')
        + "</g>"
    )


def _legend(ws: Worksheet, width: float) -> tuple[list[str], float]:
    """Legend rows under the diagram; returns the SVG and its height."""
    out = ['<g font-size="12" fill="#1a1a1a">']
    x0, y = MARGIN, 10
    out.append(f'<line x1="{x0}" y1="{y}" x2="{width - MARGIN:.0f}" y2="{y}" stroke="#cccccc"/>')
    y += 18
    swatches = [
        ("internal", "", "Internal partner (inner, shaded ring)"),
        ("external", "", "External partner (outer ring)"),
        ("internal", DESIRED_DASH, "Desired partner: not yet engaged (dashed)"),
    ]
    x: float = x0
    for kind, dash, label in swatches:
        item_w = 38 + len(label) * 12 * CHAR_W
        if x > x0 and x + item_w > width - MARGIN:  # next row
            x, y = x0, y + 24
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        fill = "#ffffff" if dash else FILL[kind]
        stroke = "#333333" if dash else STROKE[kind]
        out.append(
            f'<rect x="{x}" y="{y - 10}" width="30" height="16" rx="4" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="2"{dash_attr}/>'
        )
        out.append(f'<text x="{x + 38}" y="{y + 3}">{xml_text(label)}</text>')
        x += item_w + 24
    y += 24
    if ws.shared_measures:
        out.append(
            f'<text x="{x0}" y="{y}" font-weight="bold">'
            "Each shared measure is a line joining its partners:</text>"
        )
        y += 8
        for index, s in enumerate(ws.shared_measures):
            colour, dash = _style(index)
            lines = wrap(s.name, 12, int(width - 2 * MARGIN - 60))
            out.append(
                f'<line x1="{x0}" y1="{y + 10}" x2="{x0 + 40}" y2="{y + 10}" stroke="{colour}" '
                f'stroke-width="3"{dash}/>'
            )
            for k, line in enumerate(lines):
                out.append(f'<text x="{x0 + 52}" y="{y + 14 + 15 * k}">{xml_text(line)}</text>')
            y += 15 * len(lines) + 6
    else:
        out.append(
            f'<text x="{x0}" y="{y}" font-style="italic">'
            "No shared measures yet, so no lines.</text>"
        )
    out.append("</g>")
    return out, y + MARGIN
