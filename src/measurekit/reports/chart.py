"""The "result in the center" chart as plain SVG, written by hand (no plotting library).

The result sits in the middle; internal partners on the ring(s) around it,
external partners further out; current partners drawn solid, desired ones dashed.
A line joins two partners for every measure they share, one colour per shared
measure, named in the legend.

Layout guarantees no overlap rather than hoping for it: nodes are placed on
ellipses, and each ring grows until none of its boxes touches a box already
placed (or the result in the center). A group of more than RING_CAPACITY
partners is spread over two or more staggered rings so the chart stays compact.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass
from html import escape
from itertools import combinations

from ..model import Partner, Worksheet
from ..text import safe
from ..vocabulary import partner_label

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
CHAR_W = 0.6  # average glyph width as a share of the font size, on the wide side
NODE_W, NODE_FONT, NODE_LINE, NODE_PAD, NODE_MAX_LINES = 168, 13, 16, 9, 4
CENTER_W, CENTER_FONT, CENTER_LINE, CENTER_MAX_LINES = 260, 15, 19, 7
GAP = 16  # the least space between two boxes
RING_GAP = 48  # the least distance between two rings of the same kind
BEND = 0.5  # a link's control point: this share of the way from the result to its midpoint
KIND_GAP = 140  # external partners sit clearly further out than internal ones
RING_CAPACITY = 10
ASPECT = 1.45  # rings are ellipses, wider than tall: boxes are wider than tall too
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


def wrap(text: str, font: int, width: int, max_lines: int) -> list[str]:
    """Lines that fit `width` pixels at `font` px, the last one ending in an ellipsis if cut."""
    chars = max(4, int(width / (font * CHAR_W)))
    lines: list[str] = []
    for paragraph in safe(text).split("\n"):
        lines += textwrap.wrap(paragraph, chars, break_long_words=True, break_on_hyphens=True) or [
            ""
        ]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: chars - 1].rstrip() + "…"
    return lines


@dataclass
class Box:
    """A box centred at (x, y); w and h are full sizes."""

    x: float
    y: float
    w: float
    h: float

    def clashes(self, other: Box, gap: float = GAP) -> bool:
        return (
            abs(self.x - other.x) < (self.w + other.w) / 2 + gap
            and abs(self.y - other.y) < (self.h + other.h) / 2 + gap
        )


@dataclass
class Node:
    partner: Partner
    lines: list[str]
    box: Box


def _ellipse_point(radius: float, angle: float) -> tuple[float, float]:
    return radius * ASPECT * math.cos(angle), radius * math.sin(angle)


def layout(partners: list[Partner], center: Box) -> list[Node]:
    """Place every partner with no overlap: internal rings first, then external ones."""
    nodes: list[Node] = []
    placed: list[Box] = [center]
    radius = center.h / 2
    for kind in ("internal", "external"):
        group = [p for p in partners if p.kind == kind]
        if not group:
            continue
        rings = math.ceil(len(group) / RING_CAPACITY)
        # Internal and external groups start half a step apart so their nodes interleave.
        offset = -math.pi / 2 + (math.pi / len(group) if kind == "external" else 0)
        for ring in range(rings):
            members = [(i, p) for i, p in enumerate(group) if i % rings == ring]
            texts = [
                wrap(p.name, NODE_FONT, NODE_W - 2 * NODE_PAD, NODE_MAX_LINES) for _, p in members
            ]
            radius += KIND_GAP if ring == 0 and nodes else RING_GAP
            while True:
                boxes = []
                for (i, _), lines in zip(members, texts, strict=True):
                    x, y = _ellipse_point(radius, offset + 2 * math.pi * i / len(group))
                    boxes.append(Box(x, y, NODE_W, len(lines) * NODE_LINE + 2 * NODE_PAD))
                if not _any_clash(boxes, placed):
                    break
                radius += 4
            placed += boxes
            nodes += [
                Node(p, lines, box)
                for (_, p), lines, box in zip(members, texts, boxes, strict=True)
            ]
    return nodes


def _any_clash(new: list[Box], placed: list[Box]) -> bool:
    if any(a.clashes(b) for a, b in combinations(new, 2)):
        return True
    return any(a.clashes(b) for a in new for b in placed)


def links(ws: Worksheet) -> dict[tuple[str, str], list[int]]:
    """(partner id, partner id) -> indexes of the shared measures that pair shares."""
    pairs: dict[tuple[str, str], list[int]] = {}
    for index, s in enumerate(ws.shared_measures):
        for a, b in combinations(list(dict.fromkeys(s.partners)), 2):
            pairs.setdefault((a, b) if a < b else (b, a), []).append(index)
    return pairs


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
    result_lines = wrap(ws.result, CENTER_FONT, CENTER_W, CENTER_MAX_LINES)
    text_h = len(result_lines) * CENTER_LINE + 22
    # An ellipse around a w x h box: semi-axes w/sqrt(2) and h/sqrt(2).
    crx, cry = (CENTER_W + 24) / math.sqrt(2), text_h / math.sqrt(2) + 8
    nodes = layout(ws.ordered_partners(), Box(0, 0, 2 * crx, 2 * cry))
    zone = zone_radius(nodes)
    boxes = [n.box for n in nodes] + [Box(0, 0, 2 * crx, 2 * cry)]
    if zone is not None:
        boxes.append(Box(0, 0, 2 * zone * ASPECT, 2 * zone))
    left = min(b.x - b.w / 2 for b in boxes) - MARGIN
    right = max(b.x + b.w / 2 for b in boxes) + MARGIN
    top = min(b.y - b.h / 2 for b in boxes) - MARGIN
    bottom = max(b.y + b.h / 2 for b in boxes) + MARGIN
    width = max(right - left, 720)
    shift_x = -left + (width - (right - left)) / 2  # centre the diagram on the page
    title_lines = wrap(ws.title, 20, int(width - 2 * MARGIN), 3) if title else []
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
    out += _zone(zone)
    out += _lines(ws, nodes)
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


def zone_radius(nodes: list[Node]) -> float | None:
    """The radius of the internal zone: halfway between the internal and the external rings."""
    radii = {
        kind: [math.hypot(n.box.x / ASPECT, n.box.y) for n in nodes if n.partner.kind == kind]
        for kind in ("internal", "external")
    }
    if not radii["internal"]:
        return None
    inner = max(radii["internal"])
    if not radii["external"]:
        return inner + KIND_GAP / 2
    return inner + max(KIND_GAP / 2, 0.45 * (min(radii["external"]) - inner))


def _zone(radius: float | None) -> list[str]:
    """A tinted ellipse holding the internal partners, so inner and outer read at a glance."""
    if radius is None:
        return []
    return [
        f'<ellipse cx="0" cy="0" rx="{radius * ASPECT:.1f}" ry="{radius:.1f}" fill="#f4f8fc" '
        'stroke="#b7c9dc" stroke-width="1.2" stroke-dasharray="3 4"/>'
    ]


def _lines(ws: Worksheet, nodes: list[Node]) -> list[str]:
    where = {n.partner.id: n.box for n in nodes}
    names = {p.id: p.name for p in ws.partners}
    out = ['<g fill="none" stroke-width="2.2" stroke-linecap="round" opacity="0.85">']
    for (a, b), indexes in sorted(links(ws).items()):
        if a not in where or b not in where:
            continue
        ax, ay, bx, by = where[a].x, where[a].y, where[b].x, where[b].y
        length = math.hypot(bx - ax, by - ay) or 1
        nx, ny = -(by - ay) / length, (bx - ax) / length  # unit normal, to draw parallel lines
        for k, index in enumerate(indexes):
            off = (k - (len(indexes) - 1) / 2) * 4.5
            dx, dy = nx * off, ny * off
            # Bend each link toward the result: it keeps clear of the partners between the two.
            qx, qy = (ax + bx) / 2 * BEND + dx, (ay + by) / 2 * BEND + dy
            colour, dash = _style(index)
            s_id = ws.shared_measures[index].id  # a slug: safe in an attribute as it is
            tip = f"{names[a]} and {names[b]} share: {ws.shared_measures[index].name}"
            out.append(
                f'<path class="link" data-measure="{s_id}" '
                f'd="M{ax + dx:.1f},{ay + dy:.1f} Q{qx:.1f},{qy:.1f} '
                f'{bx + dx:.1f},{by + dy:.1f}" '
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
            "A line joins two partners that share a measure:</text>"
        )
        y += 8
        for index, s in enumerate(ws.shared_measures):
            colour, dash = _style(index)
            lines = wrap(s.name, 12, int(width - 2 * MARGIN - 60), 3)
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
