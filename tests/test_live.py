"""The live page's server and feeds, over real HTTP on loopback (`show`, `interview --show`)."""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from measurekit.interview.watch import Focus
from measurekit.live import page
from measurekit.live.feed import AnswersFeed, FileFeed
from measurekit.live.server import CSP, LiveServer, serve
from measurekit.live.view import Stale, from_answers

from .conftest import EXAMPLE

DAY = date(2027, 1, 15)


@pytest.fixture
def worksheet_file(tmp_path: Path) -> Path:
    path = tmp_path / "ws.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


@pytest.fixture
def live(worksheet_file: Path) -> Iterator[LiveServer]:
    feed = FileFeed(worksheet_file, today=lambda: DAY, interval=0.05)
    feed.start()
    server = serve(feed, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def get(server: LiveServer, target: str, method: str = "GET",
        host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    headers = {"Host": host} if host else {}
    connection.request(method, target, headers=headers)
    response = connection.getresponse()
    body = b"" if method == "HEAD" else response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_listens_on_loopback_by_default(live):
    assert live.server_address[0] == "127.0.0.1"
    assert live.token is None
    assert live.address == f"http://127.0.0.1:{live.port}/"


def test_every_answer_carries_the_strict_policy(live):
    for target in ("/", "/live.css", "/live.js", "/state", "/nothing-here"):
        status, headers, _ = get(live, target)
        assert headers["Content-Security-Policy"] == CSP, target
        assert "default-src 'none'" in CSP and "'unsafe-inline'" not in CSP
        assert headers["X-Content-Type-Options"] == "nosniff"
    assert get(live, "/nothing-here")[0] == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"])
def test_only_get_is_answered(live, worksheet_file, method):
    before = worksheet_file.read_bytes()
    status, headers, _ = get(live, "/", method=method)
    assert status == 405 and headers["Allow"] == "GET"
    assert worksheet_file.read_bytes() == before


def test_a_foreign_host_name_is_refused_on_loopback(live):
    """A web page elsewhere that rebinds its name to 127.0.0.1 cannot read the page."""
    assert get(live, "/", host="attacker.example")[0] == 403
    assert get(live, "/", host=f"localhost:{live.port}")[0] == 200


def test_another_address_needs_the_token(worksheet_file):
    feed = FileFeed(worksheet_file, today=lambda: DAY)
    feed.start()
    server = serve(feed, host="127.0.0.2", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert server.token and len(server.token) >= 16
        assert f"?t={server.token}" in server.address
        for target in ("/", "/state", "/events", "/live.js", f"/?t={server.token}x", "/?t="):
            connection = http.client.HTTPConnection("127.0.0.2", server.port, timeout=30)
            connection.request("GET", target)
            assert connection.getresponse().status == 403, target
        connection = http.client.HTTPConnection("127.0.0.2", server.port, timeout=30)
        connection.request("GET", f"/?t={server.token}")
        page_html = connection.getresponse().read().decode()
        assert f"/live.js?t={server.token}" in page_html  # the page's own requests carry it
    finally:
        server.shutdown()
        server.server_close()


def test_nothing_on_the_page_points_off_the_computer(live):
    texts = [get(live, target)[2].decode() for target in ("/", "/live.css", "/live.js", "/state")]
    for text in texts:
        # Every address written in the page, its style, its script and its content.
        for url in re.findall(r"""(?:src|href|action)\s*=\s*["']?([^"'\s>]+)""", text):
            assert url.startswith(("/", "data:", "#")), url
        assert "@import" not in text
        for url in re.findall(r"url\(([^)]*)\)", text):
            assert url.strip("'\" ").startswith(("data:", "#")), url
        # The only absolute URLs are XML namespaces, which load nothing.
        for url in re.findall(r"https?://[^\s\"'<>]+", text):
            assert url.startswith("http://www.w3.org/"), url


def test_the_state_is_the_handouts_sections(live):
    status, _, body = get(live, "/state?since=-1")
    state = json.loads(body)
    ids = [bid for bid, _ in state["blocks"]]
    assert ids == ["head", "chart", "plan", "population", "summary", "shared", "next-steps",
                   "doing"]
    assert get(live, f"/state?since={state['version']}")[0] == 204  # nothing new: no content


def test_a_change_to_the_file_is_sent_as_the_blocks_that_changed(live, worksheet_file):
    connection = http.client.HTTPConnection("127.0.0.1", live.port, timeout=30)
    connection.request("GET", "/events")
    stream = connection.getresponse()
    assert stream.headers["Content-Type"] == "text/event-stream"

    def event() -> dict:
        line = b""
        while not line.startswith(b"data: "):
            line = stream.readline()
        return json.loads(line[6:])

    first = event()
    assert all(html is not None for _, html in first["blocks"])
    text = worksheet_file.read_text()
    worksheet_file.write_text(text.replace("Youth Justice", "Youth Futures"))
    second = event()
    changed = {bid for bid, html in second["blocks"] if html is not None}
    assert "head" in changed and "summary" not in changed
    assert "Youth Futures" in dict(second["blocks"])["head"]
    connection.close()


def test_a_broken_file_keeps_the_last_view_with_a_banner(live, worksheet_file):
    good = json.loads(get(live, "/state?since=-1")[2])
    worksheet_file.write_text(worksheet_file.read_text().replace("partners:\n", "partners: [\n", 1))
    deadline = time.monotonic() + 30
    while True:
        state = json.loads(get(live, "/state?since=-1")[2])
        if state["banner"] or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert re.search(r"ws\.yaml: line \d+", state["banner"]), state["banner"]
    assert state["blocks"] == good["blocks"]  # the last good view stays
    worksheet_file.write_bytes(EXAMPLE.read_bytes())
    while json.loads(get(live, "/state?since=-1")[2])["banner"]:
        assert time.monotonic() < deadline, "the banner never went"
        time.sleep(0.05)


def test_half_filled_answers_show_what_is_complete_and_nothing_made_up():
    document = {
        "title": "Reads by Eight",
        "partners": [
            {"id": "library", "name": "Port Library", "kind": "external", "status": "current",
             "measures": [{"name": "Story times", "type": "how_much"}, {"name": "Half"}]},
            {"name": "School district"},  # named a moment ago: no kind, no status yet
        ],
        "shared_measures": [{"name": "Reading", "partners": ["library", "school-district"]},
                            {"name": "Only the school", "partners": ["school-district"]}],
        "next_steps": [{"who": "Sam", "what": "Call", "by_when": "2027-01-20",
                        "partner": "school-district"}],
    }
    worksheet = from_answers(document, lambda read: read())
    assert worksheet.result == "The result in the center is not written yet."
    assert [p.name for p in worksheet.partners] == ["Port Library"]
    assert [m.id for m in worksheet.partners[0].measures] == ["story-times"]
    assert [(s.name, s.partners) for s in worksheet.shared_measures] == [("Reading", ["library"])]
    assert worksheet.next_steps[0].partner is None
    blocks = dict(page.blocks(worksheet, "new.yaml", DAY))
    assert "Port Library" in blocks["summary"] and "School district" not in blocks["summary"]


def test_the_interview_is_never_kept_waiting_by_the_page():
    """The page reads the answers one item at a time, and stops once the consultant answers."""
    feed = AnswersFeed("ws.yaml", today=lambda: DAY)
    document = {"title": "T", "result": "R",
                "partners": [{"id": f"p{i}", "name": f"P {i}", "kind": "internal",
                              "status": "current"} for i in range(50)]}
    feed.asking(document, Focus(section="partners", heading="Step 1", question="Name?",
                                kind="partner", item=document["partners"][3]))
    reads = 0

    def answer_midway(read):
        nonlocal reads
        reads += 1
        if reads == 10:
            feed.answered()  # the consultant pressed Enter while the page was reading
        return feed._guard(generation)(read)

    generation = feed._generation
    with pytest.raises(Stale):
        from_answers(document, answer_midway)
    assert reads == 10  # the read under way when the answer came was refused, none after it
    feed.asking(document, Focus(section="partners", heading="Step 1 · Critical partners",
                                question="Partner's name", kind="partner",
                                item=document["partners"][3]))
    feed.refresh()
    view = feed.view
    assert view.focus == {"block": "summary", "select": '[data-partner="p3"]', "key": "partner:p3"}
    assert "Partner&#x27;s name" in view.now and "P 3" in view.now
    assert '<span data-partner="p3"><b>P 3</b>' in dict(view.blocks)["summary"]


def test_partners_in_the_room_see_no_answer_but_the_name():
    item = {"name": "County DA", "why_not_engaged": "short-staffed, measures case time"}
    team = page.now_panel("Step 3", "Why not engaged?", item, "team")
    partners = page.now_panel("Step 3", "Why not engaged?", item, "partners")
    assert "short-staffed" in team
    assert "short-staffed" not in partners and "County DA" in partners


def test_a_missing_file_is_a_banner_not_a_crash(tmp_path):
    path = tmp_path / "ws.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    feed = FileFeed(path, today=lambda: DAY)
    feed.refresh()
    path.unlink()
    feed.refresh()
    assert "ws.yaml: no such file" in feed.view.banner
    assert feed.view.blocks  # the last view stays


def _left_out(ignore: Any, prefix: str = "") -> list[str]:
    """Every path an ignore set leaves out of a key, as 'partners.*.measures.*.history'."""
    if ignore is True:
        return [prefix]
    entries = ignore.items() if isinstance(ignore, dict) else ((k, True) for k in ignore)
    paths = []
    for key, sub in entries:
        paths += _left_out(sub, f"{prefix}.{'*' if key == '__all__' else key}".lstrip("."))
    return paths


def _changed(value: Any) -> list[Any]:
    """Ways to change a value that a worksheet still accepts, the likeliest first."""
    text = "Changed <b>text</b>"
    if isinstance(value, list):
        return [value[:-1]] if value else []
    if isinstance(value, dict):
        return [{**value, key: text} for key, old in value.items() if isinstance(old, str)][:1]
    return [text, "2026-12-01"]


def _change_at(data: Any, path: list[str], way: int) -> int:
    """Changes every value at `path` in place, the `way`-th way; how many it changed."""
    head, rest = path[0], path[1:]
    if head == "*":
        return sum(_change_at(item, rest, way) for item in data)
    if not rest:
        ways = _changed(data.get(head))
        if way < len(ways):
            data[head] = ways[way]
            return 1
        return 0
    return _change_at(data.get(head) or [], rest, way)


@pytest.mark.parametrize("block,path", [
    (block, path) for block, ignore in page.KEPT.items() for path in _left_out(ignore)
])
def test_a_section_kept_between_renders_is_the_section_drawn_anew(block, path):
    """What a section's key leaves out (page.KEPT) never changes that section."""
    from pydantic import ValidationError

    from measurekit.core import store

    ws = store.load(EXAMPLE).worksheet
    renderer = page.Renderer()
    renderer.blocks(ws, "ws.yaml", DAY)  # every section, kept
    for way in range(2):  # a date field takes the second way, a date
        data = ws.model_dump(mode="json")
        assert _change_at(data, path.split("."), way), f"nothing at {path} to change"
        try:
            changed = type(ws).model_validate(data)
            break
        except ValidationError:
            continue
    assert changed != ws
    kept = dict(renderer.blocks(changed, "ws.yaml", DAY)).get(block)
    assert kept == dict(page.blocks(changed, "ws.yaml", DAY)).get(block)
    if kept is not None:
        assert kept is renderer.kept[block][1]  # not drawn again


def test_a_section_is_drawn_again_when_what_it_shows_changes():
    from measurekit.core import store

    ws = store.load(EXAMPLE).worksheet
    renderer = page.Renderer()
    before = dict(renderer.blocks(ws, "ws.yaml", DAY))
    data = ws.model_dump(mode="json")
    data["partners"][0]["name"] = "Renamed Partner"
    after = dict(renderer.blocks(type(ws).model_validate(data), "ws.yaml", DAY))
    for block in ("chart", "summary"):
        assert "Renamed Partner" in after[block] and "Renamed Partner" not in before[block]


def test_a_changed_point_draws_its_own_card_again_and_keeps_the_others(monkeypatch):
    from measurekit.core import store
    from measurekit.reports import doing

    ws = store.load(EXAMPLE).worksheet
    renderer = page.Renderer()
    before = dict(renderer.blocks(ws, "ws.yaml", DAY))["doing"]
    data = ws.model_dump(mode="json")
    measure = next(m for p in data["partners"] for m in p["measures"] if m["history"])
    measure["history"][-1]["value"] = 12345
    drawn: list[str] = []
    real = doing.curve_card

    def counting(whose: str, curve: Any, as_of: date) -> str:
        drawn.append(curve.name)
        return real(whose, curve, as_of)

    monkeypatch.setattr(doing, "curve_card", counting)
    after = dict(renderer.blocks(type(ws).model_validate(data), "ws.yaml", DAY))["doing"]
    assert drawn == [measure["name"]]
    assert after == dict(page.blocks(type(ws).model_validate(data), "ws.yaml", DAY))["doing"]
    assert after != before and ("12345" in after or "12,345" in after)


def test_an_indicator_asked_is_marked_on_its_curve_or_near_the_header():
    """An indicator is asked among the worksheet's details; the page marks its own curve
    in "Is the population better off?", and the header while it has no data yet."""
    from measurekit.core import store

    ws = store.load(EXAMPLE).worksheet
    indicator = ws.indicators[0]
    marks = page.focus("details", "indicator", {"id": indicator.id, "name": indicator.name})
    assert marks == {"block": "population", "near": "head",
                     "select": f'[data-curve="{indicator.id}"]', "key": f"indicator:{indicator.id}"}
    population = dict(page.blocks(ws, "ws.yaml", DAY))["population"]
    assert f'data-curve="{indicator.id}"' in population
