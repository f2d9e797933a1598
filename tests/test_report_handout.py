"""`measurekit report`: the self-contained HTML handout, parsed back with the standard library."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from measurekit.reports.handout import paragraphs_html

from .conftest import EXAMPLE, STARTER
from .report_support import partner, run, worksheet, write_worksheet

VOID = {"meta", "br", "img", "link", "input", "hr", "col", "area", "base", "source", "wbr"}
SVG_SELF_CLOSING = {"rect", "line", "ellipse", "path", "circle", "polyline", "polygon"}


class Page(HTMLParser):
    """Checks that every element is closed in order; collects ids, tags, attributes and text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.rows: list[tuple[str | None, list[str]]] = []  # (class, cell texts) of table rows
        self._row: tuple[str | None, list[str]] | None = None
        self.feed(html)
        self.close()
        assert self.stack == [], f"unclosed elements: {self.stack}"

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]
        self.ids += [v for k, v in attrs if k == "id" and v]
        if tag == "tr":
            self._row = (dict(attrs).get("class"), [])
        if tag in ("td", "th") and self._row is not None:
            self._row[1].append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        self.text.append(data)
        if self._row is not None and self._row[1]:
            self._row[1][-1] += data

    @property
    def all_text(self) -> str:
        return "".join(self.text)


SECTION_IDS = (
    "result",
    "chart",
    "summary",
    "partners",
    "current",
    "shared",
    "matrix",
    "work-plan",
    "next-steps",
    "desired",
    "reflection",
    "gaps",
)


def handout(*args) -> tuple[str, Page]:
    result = run("report", *args)
    assert result.exit_code == 0, result.output
    return result.stdout, Page(result.stdout)


def test_example_handout_has_every_part_in_order():
    html, page = handout(EXAMPLE, "--as-of", "2026-12-15")
    assert html.startswith("<!DOCTYPE html>")
    sections = [i for i in page.ids if i in SECTION_IDS]
    assert sections == list(SECTION_IDS)
    text = page.all_text
    assert "Alder County Youth Justice and Graduation Partnership" in text
    assert "Young people in Alder County stay out of the juvenile justice system" in text
    curves = html.count('<svg class="curve"')  # "How are we doing?" (test_report_doing.py)
    assert page.tags.count("svg") == 1 + curves and "tspan" in page.tags  # the chart, inline
    # Summary table and matrix: every partner, in both.
    assert text.count("Tri-Valley Workforce Development Board") >= 3
    # Actions, with the status of each row as a class: overdue first, done last.
    action_rows = [
        (cls, cells)
        for cls, cells in page.rows
        if cls in ("overdue", "due_soon", "later", "no_date", "done")
    ]
    statuses = [cls for cls, _ in action_rows]
    assert statuses == ["later"] * 4 + ["done"] + ["overdue", "due_soon"] + ["later"] * 4 + ["done"]
    action_rows = action_rows[5:]  # the next steps, after the work plan
    assert action_rows[0][1][0] == "OVERDUE5 days late"  # <br> between the two
    assert "Ask the District Attorney" in action_rows[0][1][3]
    # Gaps, without the interview commands (the handout goes to the partners).
    assert "Placements completed: no baseline" in text and "measurekit interview" not in html
    # Reflection: hand-made line breaks of a | block are joined into one paragraph.
    assert (
        "Each agency counts young people in its own system and by its own year (school year, "
        "fiscal year, calendar year)."
    ) in text


def test_self_contained_no_network_no_script():
    html, page = handout(EXAMPLE, "--as-of", "2026-12-15")
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert not [a for a in page.attrs if a[1] in ("src", "href") or a[1].startswith("on")]
    assert "url(" not in html and "@import" not in html
    csp = [
        v
        for tag, k, v in page.attrs
        if tag == "meta" and k == "content" and "default-src" in (v or "")
    ]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]
    assert "@page" in html and "@media print" in html


def test_user_text_is_escaped(tmp_path):
    nasty = '<script>alert("x")</script> & <b onclick="x">bold</b> \x1b[2J'
    data = worksheet(
        title=nasty,
        result=nasty,
        facilitator=nasty,
        partners=[
            partner("a", name=nasty, contribution=nasty, strategy=nasty),
            partner("b", "external"),
        ],
        shared_measures=[{"id": "s", "name": nasty, "partners": ["a", "b"]}],
        next_steps=[{"who": nasty, "what": nasty, "with_whom": nasty, "by_when": "2026-01-01"}],
        work_plan=[{"what": nasty, "lead": nasty}],
        reflection={"competition": nasty, "notes": nasty},
    )
    html, page = handout(write_worksheet(tmp_path, data), "--as-of", "2026-06-01")
    assert "<script" not in html and "<b " not in html and "\x1b" not in html
    assert "script" not in page.tags
    assert not [a for a in page.attrs if a[1].startswith("on")]
    assert page.all_text.count('<script>alert("x")</script>') >= 8  # shown, as text
    assert "\\x1b[2J" in page.all_text


def test_unfinished_worksheet_and_stdout_or_file(tmp_path):
    html, page = handout(STARTER)  # --as-of defaults to today
    assert page.all_text.count("Not answered yet.") == 6
    assert "no measures shared across partners yet" in page.all_text
    out = tmp_path / "handout.html"
    result = run("report", STARTER, "--as-of", "2026-12-01", "--output", out)
    assert result.exit_code == 0 and result.stdout == "" and f"Wrote {out}" in result.stderr
    Page(out.read_text(encoding="utf-8"))
    assert run("report", STARTER, "--as-of", "01-12-2026").exit_code == 2


def test_paragraphs_keep_lists_and_blank_lines():
    assert paragraphs_html("one\ntwo") == '<p class="answer">one two</p>'
    assert paragraphs_html("a\n\nb") == '<p class="answer">a</p><p class="answer">b</p>'
    assert paragraphs_html("Items:\n- x\n- y") == '<p class="answer">Items:<br>- x<br>- y</p>'
    assert paragraphs_html("<i>&") == '<p class="answer">&lt;i&gt;&amp;</p>'


@pytest.mark.parametrize("command", ["actions", "matrix", "gaps", "chart", "report"])
def test_no_report_changes_the_worksheet_or_leaves_files(tmp_path, command):
    source = tmp_path / "ws.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    result = run(command, source)
    assert result.exit_code == 0 and result.stdout
    assert source.read_bytes() == EXAMPLE.read_bytes()
    assert list(tmp_path.iterdir()) == [source]
    missing = run(command, tmp_path / "nope.yaml")
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    assert "Traceback" not in missing.output
    invalid = tmp_path / "bad.yaml"
    invalid.write_text("schema_version: 1\ntitle: Only a title\n", encoding="utf-8")
    refused = run(command, invalid)
    assert refused.exit_code == 1 and "result" in refused.stderr and refused.stdout == ""
