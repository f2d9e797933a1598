"""The handout as an editable Word document (`report --format docx`, `table --format docx`).

The handout's sections already say what the page holds, for which readers, in which
order (handout.py: one builder per section, the audience chosen once in audience.py).
Their HTML is the handout's document model here, as Rich's renderables are for Rich: a
small tree of headings, paragraphs, lists, label lists and tables, which this module
walks and writes with python-docx instead of a browser. So the Word document has every
section and every partner the page has, and leaves out what the page leaves out.

Pictures are the one thing a Word document here does not carry: the chart and the
curves are SVG, which Word cannot place without a converter, so their sections keep
their words (statuses, stories) and say where the picture is.

Example:
    data = document(handout.build(worksheet, "ws.yaml", as_of=date(2026, 12, 31)))
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date

    from docx.text.paragraph import Paragraph

    from ..core.model import Worksheet

SKIPPED = {"head", "style", "svg", "title", "script"}  # never shown as text
VOID = {"br", "col", "meta", "img", "hr", "input", "link"}
BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "h1", "h2", "h3", "h4", "ul",
    "ol", "dl", "dt", "dd", "table", "li", "colgroup",
}
HEADINGS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}
PICTURE_NOTE = "The picture is in the HTML handout (measurekit report, or measurekit chart)."
MUTED = (0x55, 0x55, 0x55)
MARGIN_CM = 1.5
TEXT_WIDTH_CM = 27.94 - 2 * MARGIN_CM  # a landscape Letter page (A4 is 29.7: it fits)


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def has(self, tag: str) -> bool:
        """True when a node of this tag is anywhere inside."""
        return any(isinstance(c, Node) and (c.tag == tag or c.has(tag)) for c in self.children)


class _Tree(HTMLParser):
    """The page as Nodes: the handout's own HTML, well formed (every tag closed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]
        self.hidden = 0  # depth inside a skipped element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden or tag in SKIPPED:
            self.hidden += tag not in VOID
            if tag == "svg" and self.hidden == 1:
                self.stack[-1].children.append(Node("picture"))
            return
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            self.hidden -= tag not in VOID
            return
        if tag not in VOID and len(self.stack) > 1 and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


class _Writer:
    """Writes Nodes into a document or a table cell, a paragraph at a time."""

    def __init__(self, container: Any, first: Paragraph | None = None) -> None:
        self.container = container  # a Document or a table cell: both add paragraphs
        self.in_cell = first is not None
        self.first = first  # a cell's own empty paragraph, used before adding one
        self.current: Paragraph | None = None
        self.pages = 0  # partner pages written: each after the first starts a new page

    def paragraph(self, style: str | None = None) -> Paragraph:
        if self.first is not None:
            paragraph, self.first = self.first, None
            if style:
                paragraph.style = style
        else:
            paragraph = self.container.add_paragraph(style=style)
        self.current = paragraph
        return paragraph

    def blocks(self, nodes: list[Node | str]) -> None:
        for node in nodes:
            if isinstance(node, str):
                if node.strip() or self.current is not None:
                    _inline(self.current or self.paragraph(), node)
            elif node.tag in BLOCKS or node.tag == "picture":
                self.current = None
                self.block(node)
                self.current = None
            else:
                _inline(self.current or self.paragraph(), node)

    def block(self, node: Node) -> None:
        tag, classes = node.tag, node.classes
        if tag in HEADINGS and not self.in_cell:
            self.current = self.container.add_heading(_text(node).strip(), HEADINGS[tag])
        elif tag in HEADINGS or tag == "dt":  # a heading inside a cell, a card's label
            _inline(self.paragraph(), node, bold=True)
        elif tag == "picture":
            run = self.paragraph().add_run(PICTURE_NOTE)
            run.italic = True
        elif "curve-card" in classes:  # its words say it: the status, the story
            self.blocks([c for c in node.children if getattr(c, "tag", "") != "picture"])
        elif "meta" in classes:  # facilitator, dates: "label: value" pairs on one line
            paragraph = self.paragraph()
            for pair in (c for c in node.children if isinstance(c, Node)):
                label, *value = pair.children
                paragraph.add_run(f"{_text(label)}: ").bold = True
                for child in value:
                    _inline(paragraph, child)
                paragraph.add_run("    ")
        elif tag in ("ul", "ol"):
            for item in node.children:
                if isinstance(item, Node) and item.tag == "li":
                    bullet = self.paragraph("List Bullet" if tag == "ul" else "List Number")
                    for child in item.children:
                        _inline(bullet, child)
        elif tag == "table":
            self.table(node)
        elif tag == "colgroup":
            return
        elif "partner-page" in classes:
            from docx.enum.text import WD_BREAK

            if self.pages:
                self.paragraph().add_run().add_break(WD_BREAK.PAGE)
            self.pages += 1
            self.blocks(node.children)
        elif tag == "p" or (tag == "div" and "result" in classes):
            paragraph = self.paragraph()
            for child in node.children:
                _inline(paragraph, child, bold="result" in classes)
        else:  # a section, an article, a card, a figure, a list of terms: their content
            self.blocks(node.children)

    def table(self, node: Node) -> None:
        rows = _all(node, "tr")
        if not rows:
            return
        width = max(len([c for c in r.children if isinstance(c, Node)]) for r in rows)
        table = self.container.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        longest = [0] * width  # each column's longest text, for the widths CSS leaves open
        for row in rows:
            for c, cell in enumerate(x for x in row.children if isinstance(x, Node)):
                longest[c] = max(longest[c], len(_text(cell)))
        shares = column_shares(node.attrs.get("class", ""), _all(node, "col"), longest)
        for r, row in enumerate(rows):
            cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("th", "td")]
            for c, cell in enumerate(cells):
                target = table.cell(r, c)
                writer = _Writer(target, target.paragraphs[0])
                if cell.tag == "th":
                    _inline(writer.paragraph(), cell, bold=True)
                else:
                    writer.blocks(cell.children)
            _row_property(table.rows[r], "w:cantSplit")  # as the page: a row stays whole
            if any(c.tag == "th" for c in cells):
                _row_property(table.rows[r], "w:tblHeader")
        if not self.in_cell:
            _set_widths(table, shares)


def column_shares(table_class: str, cols: list[Node], longest: list[int]) -> list[float]:
    """Each column's share of the width, as the handout's CSS gives it (`table.summary
    col.who { width: 21% }`); the columns it leaves open share the rest by the length of
    their longest text (as a browser would), each at least 8%."""
    import re

    from .html import CSS

    widths: dict[tuple[str, str], float] = {}
    for selectors, percent in re.findall(r"([^{}]+)\{\s*width:\s*(\d+)%;\s*\}", CSS):
        for table, col in re.findall(r"table\.([\w-]+) col\.([\w-]+)", selectors):
            widths[(table, col)] = float(percent)
    count = len(longest)
    given = [widths.get((table_class, c.attrs.get("class", ""))) for c in cols][:count]
    given += [None] * (count - len(given))
    rest = max(0.0, 100 - sum(w for w in given if w))
    weights = [max(n, 1) for n, w in zip(longest, given, strict=True) if w is None]
    shares = iter([max(8.0, rest * n / sum(weights)) for n in weights])
    found = [w if w is not None else next(shares) for w in given]
    return [w / sum(found) for w in found]


def _set_widths(table: Any, shares: list[float]) -> None:
    """Fixed column widths across the page (Word reads each cell's, LibreOffice the grid)."""
    from docx.shared import Cm

    table.autofit = False
    for column, share in zip(table.columns, shares, strict=True):
        width = Cm(TEXT_WIDTH_CM * share)
        column.width = width
        for cell in column.cells:
            cell.width = width


def _all(node: Node, tag: str) -> list[Node]:
    found = []
    for child in node.children:
        if isinstance(child, Node):
            found += [child] if child.tag == tag else _all(child, tag)
    return found


def _text(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    return "\n" if node.tag == "br" else "".join(_text(c) for c in node.children)


def _inline(paragraph: Paragraph, node: Node | str, *, bold: bool = False) -> None:
    """Text and inline markup as runs: bold, the hypothesized badge, muted notes, breaks."""
    from docx.shared import Pt, RGBColor

    if isinstance(node, str):
        if node:
            paragraph.add_run(node).bold = bold or None
        return
    classes = node.classes
    if node.tag == "br":
        paragraph.add_run().add_break()
        return
    if "badge" in classes:
        run = paragraph.add_run(f" [{_text(node).strip()}]")
        run.bold, run.italic = True, True
        return
    if "kind" in classes:
        paragraph.add_run().add_break()
    start = len(paragraph.runs)
    for child in node.children:
        _inline(paragraph, child, bold=bold or node.tag in ("b", "strong", "dt", "th"))
    if classes & {"source", "kind", "intro", "whose"}:
        for run in paragraph.runs[start:]:
            run.font.color.rgb = RGBColor(*MUTED)
            run.font.size = Pt(9)


def _row_property(row: Any, name: str) -> None:
    """Turn a row property on: w:cantSplit (kept on one page), w:tblHeader (repeated at
    the top of each page the table runs onto); in the schema's order, cantSplit first."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def document(html: str, *, title: str = "") -> bytes:
    """The page's body as a .docx, on landscape pages (the summary table's four columns)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = "measurekit"
    doc.styles["Normal"].font.size = Pt(10)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    tree = parse(html)
    body = next(iter(_all(tree, "body")), tree)
    _Writer(doc).blocks(body.children)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def table_document(ws: Worksheet, file: str, as_of: date) -> bytes:
    """`table --format docx`: the title, the result and the four-column summary table."""
    from . import handout

    page = handout.build(ws, file, as_of=as_of, sections=[handout.summary_section])
    return document(page, title=ws.title)
