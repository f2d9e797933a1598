"""Where the chart's boxes and lines go: geometry only, no SVG.

Internal partners sit on one ring (an ellipse) around the result, external partners
on a ring further out; between the rings lies a band with no box in it, where each
shared measure runs on its own track. A ring's radius grows until no box touches its
neighbours and the straight line leaving each box for the band passes beside them;
only neighbours are checked (the ring is convex), so placing n partners takes time
linear in n.

Example:
    >>> plan = layout(worksheet, Box(0, 0, 400, 120))
    >>> plan.tracks  # the ring radius of each shared measure's track
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..core.model import Partner, Worksheet
from ..core.text import safe

CHAR_W = 0.6  # average glyph width as a share of the font size, on the wide side
WIDE_EXTRA = 0.05  # a wide character is two cells; an emoji is drawn up to 1.25 em wide
_HYPHENATED = re.compile(r"(?<=-)(?=[^-])")
NODE_W, NODE_FONT, NODE_LINE, NODE_PAD = 210, 22, 26, 10
LINES = 4  # a longer name widens its box, up to twice NODE_W
GAP = 12  # the least space between two boxes
RING_GAP = 24  # the least space between the result and the inner ring
KIND_GAP = 48  # the least width of the band between the rings, where the lines run
TRACK = 8  # the space between two shared measures' tracks in the band
STUB_SPREAD = 8  # the space between two lines leaving the same box
NEIGHBOURS = 3  # boxes checked on each side of a box when sizing a ring
ASPECT = 1.9  # rings are ellipses, wider than tall: boxes are wider than tall too


_EMOJI_STYLE = "\ufe0f"  # variation selector 16: the character before it is drawn as an emoji
_FLAGS = range(0x1F1E6, 0x1F200)  # regional indicators: a pair is one flag, drawn wide


def cell_widths(text: str) -> list[int]:
    """Each character's width in cells, as the chart's font draws it: East Asian wide and
    full-width characters (CJK) and emoji take two cells, combining marks and joiners none.

    A proportional font draws a wide character about twice an average Latin letter, so
    counting cells rather than characters keeps Japanese names and emoji inside the
    boxes made for them. (Terminal views measure cells with Rich, in textgrid.)

    >>> cell_widths("Aé少🚀")
    [1, 1, 2, 2]
    """
    widths = []
    for k, char in enumerate(text):
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            widths.append(0)
            continue
        wide = (
            unicodedata.east_asian_width(char) in ("W", "F")
            or ord(char) in _FLAGS
            or text[k + 1 : k + 2] == _EMOJI_STYLE
        )
        widths.append(2 if wide else 1)
    return widths


def text_width(text: str, font: float) -> float:
    """`text`'s width in px at `font` px, on the wide side: a wide character (CJK, emoji)
    counts two cells, and an emoji is drawn a little wider still."""
    if text.isascii():  # the common case, without a look-up per character
        return font * CHAR_W * len(text)
    return font * sum(CHAR_W * w + (WIDE_EXTRA if w == 2 else 0) for w in cell_widths(text))


def wrap(text: str, font: int, width: float) -> list[str]:
    """Lines that fit `width` px at `font` px, measured by display width (a Japanese name
    is twice as wide as its letter count); nothing is ever cut (a long word is split)."""
    lines: list[str] = []
    for paragraph in safe(text).split("\n"):
        line = ""
        for word in paragraph.split():
            joined = f"{line} {word}" if line else word
            if text_width(joined, font) <= width:
                line = joined
                continue
            if line:
                lines.append(line)
            line = ""
            for piece in _HYPHENATED.split(word):  # after a hyphen first, else anywhere
                if line and text_width(line + piece, font) <= width:
                    line += piece
                    continue
                if line:
                    lines.append(line)
                    line = ""
                for char in piece:
                    if line and text_width(line + char, font) > width:
                        lines.append(line)
                        line = ""
                    line += char
        lines.append(line)
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


@dataclass(frozen=True)
class Ring:
    """The shape of the rings: ellipses `aspect` times wider than tall. A point's ring
    radius is the radius of the ellipse through it (the ellipse's own metric)."""

    aspect: float = ASPECT

    def point(self, radius: float, angle: float) -> tuple[float, float]:
        return radius * self.aspect * math.cos(angle), radius * math.sin(angle)

    def radius(self, x: float, y: float) -> float:
        """A point's ring radius: the ellipse of this radius passes through it."""
        return math.hypot(x / self.aspect, y)

    def angle(self, x: float, y: float) -> float:
        """The angle (in the ellipse's own parameter) of the ray through a point."""
        return math.atan2(y, x / self.aspect) % (2 * math.pi)

    def reach(self, b: Box) -> tuple[float, float]:
        """The least and the greatest ring radius of any point of a box."""
        near_x = min(max(0.0, b.x - b.w / 2), b.x + b.w / 2)
        near_y = min(max(0.0, b.y - b.h / 2), b.y + b.h / 2)
        # The farthest corner is the one on the far side in both directions (the same float
        # as the greatest of the four corners' radii, without computing all four: run once
        # per box per sizing step, this was half the layout's time at 10,000 partners).
        far = math.hypot((abs(b.x) + b.w / 2) / self.aspect, abs(b.y) + b.h / 2)
        return self.radius(near_x, near_y), far

    def arc(self, radius: float, start: float, sweep: float) -> str:
        """An elliptical arc as a polyline, its chords never more than half a pixel inside it."""
        bend = 1 - 0.5 / max(radius * self.aspect, 1)
        step = min(math.radians(3), 2 * math.acos(max(-1.0, bend)))
        count = max(1, math.ceil(sweep / step))
        points = [self.point(radius, start + sweep * k / count) for k in range(count + 1)]
        return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)


def segment_hits_box(x1: float, y1: float, x2: float, y2: float, b: Box, pad: float = 0.0) -> bool:
    """True when the segment passes through the box grown by `pad` (Liang-Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    left, right = b.x - b.w / 2 - pad, b.x + b.w / 2 + pad
    top, bottom = b.y - b.h / 2 - pad, b.y + b.h / 2 + pad
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _ring(
    members: list[tuple[Partner, list[str], float]],
    offset: float,
    least: float,
    outward: bool,
    pad: float,
    center: Box,
    ring: Ring,
) -> list[Node]:
    """One ring of boxes at evenly spaced angles, clear of the result in the `center` box
    (by RING_GAP) and with every box beyond ring radius `least`.

    The radius starts from what the widest spacing needs and grows by 4% steps until no
    box touches its neighbours and the line leaving each box (outward for the internal
    ring, inward for the external one) passes beside its neighbours; the last step is
    then halved a few times, so the ring is no larger than it must be. Only neighbours
    are checked (the ring is convex, so a box is nearest to them): linear in the partners.
    """
    n = len(members)
    step = 2 * math.pi / n
    heights = [len(lines) * NODE_LINE + 2 * NODE_PAD for _, lines, _ in members]
    widths = [w for *_, w in members]
    near = min(n - 1, NEIGHBOURS)

    def placed(radius: float) -> list[Box] | None:
        boxes = [
            Box(*ring.point(radius, offset + step * i), widths[i], h)
            for i, h in enumerate(heights)
        ]
        reach = [ring.reach(b) for b in boxes]
        if any(_near_result(b, center) for b in boxes) or min(r[0] for r in reach) < least:
            return None
        end = max(r[1] for r in reach) + 1 if outward else min(r[0] for r in reach) - 1
        if any(_blocked(boxes, i, near, end, pad, ring) for i in range(n)):
            return None
        return boxes

    low = high = max(least, center.h / 2, 0.95 * (NODE_W + GAP) / (ring.aspect * step))
    while (boxes := placed(high)) is None:
        low, high = high, high * 1.04
    for _ in range(5 if high > low else 0):
        middle = (low + high) / 2
        if (tried := placed(middle)) is None:
            low = middle
        else:
            high, boxes = middle, tried
    return [Node(p, lines, b) for (p, lines, _), b in zip(members, boxes, strict=True)]


def _named(p: Partner) -> tuple[Partner, list[str], float]:
    """A partner, its name's lines and its box's width: NODE_W, or wider for a long name,
    which would otherwise make a box so tall that its ring must grow to hold it."""
    width: float = NODE_W
    lines = wrap(p.name, NODE_FONT, width - 2 * NODE_PAD)
    if len(lines) > LINES:
        width = round(min(2 * NODE_W, text_width(p.name, NODE_FONT) / LINES * 1.2 + 2 * NODE_PAD))
        lines = wrap(p.name, NODE_FONT, width - 2 * NODE_PAD)
    return p, lines, width


def _near_result(b: Box, center: Box) -> bool:
    """True when box `b` comes within RING_GAP of the result's ellipse (inscribed in `center`):
    the box's nearest point to the middle is inside the ellipse grown by RING_GAP."""
    near_x = min(max(0.0, b.x - b.w / 2), b.x + b.w / 2)
    near_y = min(max(0.0, b.y - b.h / 2), b.y + b.h / 2)
    return math.hypot(near_x / (center.w / 2 + RING_GAP), near_y / (center.h / 2 + RING_GAP)) < 1


def _blocked(boxes: list[Box], i: int, near: int, end: float, pad: float, ring: Ring) -> bool:
    a = boxes[i]
    ex, ey = ring.point(end, ring.angle(a.x, a.y))
    for k in range(1, near + 1):
        for b in (boxes[(i + k) % len(boxes)], boxes[(i - k) % len(boxes)]):
            if a.clashes(b) or segment_hits_box(a.x, a.y, ex, ey, b, pad):
                return True
    return False


@dataclass
class Layout:
    nodes: list[Node]
    tracks: list[float]  # the ring radius of each shared measure's track, by index
    zone: float | None  # the ring radius of the shaded internal zone
    ring: Ring


def layout(ws: Worksheet, center: Box, ring: Ring) -> Layout:
    """Internal partners on one ring, external ones on a ring further out, and between the
    two an empty band where each shared measure runs on its own track."""
    partners = ws.ordered_partners()
    counts = Counter(pid for s in ws.shared_measures for pid in dict.fromkeys(s.partners))
    pad = STUB_SPREAD * max(counts.values(), default=1) / 2 + 2
    inner = ring.reach(center)[1]
    nodes: list[Node] = []
    group = [p for p in partners if p.kind == "internal"]
    band_start = inner
    if group:
        members = [_named(p) for p in group]
        nodes += _ring(members, -math.pi / 2, 0.0, True, pad, center, ring)
        band_start = max(ring.reach(n.box)[1] for n in nodes)
    band = max(KIND_GAP, (len(ws.shared_measures) + 1) * TRACK + 2 * GAP)
    group = [p for p in partners if p.kind == "external"]
    band_end = band_start + band
    if group:
        members = [_named(p) for p in group]
        offset = _beside(sorted(ring.angle(n.box.x, n.box.y) for n in nodes), len(group))
        outer = _ring(members, offset, band_end, False, pad, center, ring)
        band_end = min(ring.reach(n.box)[0] for n in outer)
        nodes += outer
    count = len(ws.shared_measures)
    # The tracks run side by side, TRACK apart: mid-band between two rings, else just outside.
    middle = (band_start + band_end) / 2 if group else band_start + GAP + TRACK * count / 2
    tracks = [middle + TRACK * (k - (count - 1) / 2) for k in range(count)]
    internal = any(n.partner.kind == "internal" for n in nodes)
    zone = (
        band_start + min(GAP, (tracks[0] - band_start) / 2 if tracks else GAP) if internal else None
    )
    return Layout(nodes, tracks, zone, ring)


def _beside(inner: list[float], count: int) -> float:
    """Where the outer ring of `count` boxes starts: half a step round from the top, unless a
    box would then sit straight out from an internal partner (at `inner`, sorted angles),
    where the two partners' lines would run along one ray; then turned as far from them as
    the two rings' spacings allow."""
    step = 2 * math.pi / count
    turns = [k * step / 16 for k in range(16)]

    def nearest(offset: float) -> float:
        if not inner:
            return math.pi
        least = math.pi
        for j in range(count):
            at = (offset + step * j) % (2 * math.pi)
            k = bisect.bisect(inner, at)
            for other in (inner[k % len(inner)], inner[k - 1]):
                gap = abs(at - other) % (2 * math.pi)
                least = min(least, gap, 2 * math.pi - gap)
        return least

    base = -math.pi / 2 + step / 2
    if nearest(base) >= step / 4:
        return base
    best = max(turns, key=lambda turn: (round(nearest(base + turn), 6), -turn))
    return base + best
