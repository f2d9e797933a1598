"""Going back (Shift+Tab) and changing an answer loses nothing (issue 18, items 1-3).

Answers are kept by what they answer (an item and a field), not by their position in
the walk: after an answer that adds or removes questions, every later answer with a
place keeps it, and one whose place is gone is listed before the save to keep or drop.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from measurekit.core import store
from measurekit.interview.asker import Checkbox, Confirm, GoBack, Question, Select, Text

from .helpers import BACK, ENTER, REFLECTION, interview

OPENING = [("worksheet.title", "Reads"), ("worksheet.result", "Kids read"),
           ("indicators.add", False), ("worksheet.action_plan", ENTER),
           ("worksheet.facilitator", ENTER)]
# Alpha and Beta, then a measure M1 for Alpha, as in the issue.
ALPHA_BETA = [
    ("partners.add", True), ("partner.name", "Alpha"), ("partner.kind", ENTER),
    ("partner.status", "current"), ("partner.why_critical", "reads to kids"),
    ("partners.more", True), ("partner.name", "Beta"), ("partner.kind", "external"),
    ("partner.status", "current"), ("partner.why_critical", "has the books"),
    ("partners.more", False), ("measures.add", True), ("measure.name", "M1"),
    ("measure.type", "how_much"), ("measure.hypothesized", ENTER), ("measure.baseline", "3")]
# Shift+Tab from M1's target back to Alpha's status: 13 presses.
BACK_TO_ALPHAS_STATUS = [(key, BACK) for key in (
    "measure.target", "measure.baseline", "measure.hypothesized", "measure.type",
    "measure.name", "measures.add", "partners.more", "partner.why_critical",
    "partner.status", "partner.kind", "partner.name", "partners.more", "partner.why_critical")]
NOTHING_MORE = [("shared.add", False), ("work.add", False), ("next.add", False)]
REFLECT = [(f"reflection.{k}", ENTER) for k in REFLECTION]


def saved(path: Any) -> Any:
    return store.load(path).worksheet


def test_alpha_becomes_desired_and_beta_and_m1_are_kept(tmp_path):
    path = tmp_path / "w.yaml"
    script = [*OPENING, *ALPHA_BETA, *BACK_TO_ALPHAS_STATUS,
              ("partner.status", "desired"), ("partner.why_critical", ENTER),
              ("partner.why_not_engaged", "never asked"),
              ("partners.more", ENTER),  # the saved yes: Beta follows
              ("partner.name", ENTER), ("partner.kind", ENTER), ("partner.status", ENTER),
              ("partner.why_critical", ENTER), ("partners.more", ENTER),
              # Step 2: Beta alone is current now.
              ("measures.add", False), ("partner.contribution", ENTER),
              ("partner.strategy", ENTER), *NOTHING_MORE,
              # Step 3: Alpha, desired, with M1 as a hypothesized measure.
              ("measures.add", ENTER), ("measure.name", ENTER), ("measure.type", ENTER),
              ("measure.hypothesized", ENTER), ("measure.baseline", ENTER),
              ("measure.target", ENTER), ("measure.target_date", ENTER),
              ("measure.data_source", ENTER), ("measures.more", False),
              ("partner.contribution", ENTER), ("partner.strategy", ENTER),
              ("partner.engagement_plan", ENTER), ("next.add", False),
              *REFLECT, ("finish", "save")]
    seen: dict[str, Question] = {}
    code, asker = interview(path, script, on_ask=lambda q: seen.setdefault(q.place + q.key, q))
    assert code == 0
    ws = saved(path)
    assert [(p.name, p.status) for p in ws.partners] == [("Alpha", "desired"),
                                                         ("Beta", "current")]
    [m1] = ws.partners[0].measures
    assert (m1.name, m1.type, m1.hypothesized, m1.baseline) == ("M1", "how_much", True, 3)
    assert ws.partners[1].kind == "external" and ws.partners[1].why_critical == "has the books"
    assert "no question now" not in asker.text()  # every answer found its place


def _beta_taken_away(choice: str) -> list[tuple[str, Any]]:
    """Beta is named, then Shift+Tab back to "Add another partner?" answered no this time."""
    return [*OPENING, *ALPHA_BETA[:10],
            ("partners.more", BACK), ("partner.why_critical", BACK), ("partner.status", BACK),
            ("partner.kind", BACK), ("partner.name", BACK), ("partners.more", False),
            ("measures.add", False), ("partner.contribution", ENTER),
            ("partner.strategy", ENTER), *NOTHING_MORE, *REFLECT,
            ("unplaced", choice), ("finish", "save")]


def test_an_answer_whose_place_is_gone_is_listed_and_kept(tmp_path):
    path = tmp_path / "w.yaml"
    code, asker = interview(path, _beta_taken_away("keep"))
    assert code == 0
    listed = asker.text()
    assert "Partner's name Beta" in listed and "has the books" in listed
    ws = saved(path)
    assert [(p.id, p.name, p.kind, p.why_critical) for p in ws.partners][1] == (
        "beta", "Beta", "external", "has the books")


def test_or_dropped_when_the_consultant_says_so(tmp_path):
    path = tmp_path / "w.yaml"
    code, asker = interview(path, _beta_taken_away("drop"))
    assert code == 0 and "Partner's name Beta" in asker.text()
    assert [p.name for p in saved(path).partners] == ["Alpha"]


def test_desired_back_to_current_lists_why_not_engaged(tmp_path):
    path = tmp_path / "w.yaml"
    script = [*OPENING, ("partners.add", True), ("partner.name", "Alpha"),
              ("partner.kind", ENTER), ("partner.status", "desired"),
              ("partner.why_critical", ENTER), ("partner.why_not_engaged", "no time"),
              ("partners.more", BACK), ("partner.why_not_engaged", BACK),
              ("partner.why_critical", BACK), ("partner.status", "current"),
              ("partner.why_critical", ENTER), ("partners.more", ENTER),
              ("measures.add", False), ("partner.contribution", ENTER),
              ("partner.strategy", ENTER), *NOTHING_MORE, *REFLECT,
              ("unplaced", "keep"), ("finish", "save")]
    code, asker = interview(path, script)
    assert code == 0 and "no time" in asker.text()
    assert saved(path).partners[0].why_not_engaged == "no time"


# --- the property: random walks with random Shift+Tab edits ---------------------------------


class Room:
    """A consultant who answers every question from a plan, by what it asks about.

    At set moments they press Shift+Tab a number of times, then change the answer they
    reach (or not), and press Enter on every question answered before. `given` holds
    the last answer given to each place and field: what the worksheet must hold.
    """

    def __init__(self, partners: list[tuple[str, str, int]], edits: list[tuple[int, int, bool]]):
        self.partners = partners  # (kind, status, number of measures), one per partner
        self.edits = list(edits)  # (after how many answers, how many Shift+Tabs, change?)
        self.given: dict[tuple[str, str], Any] = {}
        self.count = 0
        self.backs = 0
        self.change = False

    def on_ask(self, q: Question) -> None:
        if self.backs == 0 and self.edits and self.edits[0][0] <= self.count:
            _, self.backs, self.change = self.edits.pop(0)
            self.backs = min(self.backs, self.count - 1)
        if self.backs > 0:
            self.backs -= 1
            self.count -= 1
            raise GoBack

    def answer(self, q: Question) -> Any:
        self.count += 1
        slot = (q.place, q.key)
        if slot in self.given and self.change and q.key != "unplaced":
            self.change = False  # the answer Shift+Tab came back to: changed
            value = self._other(q, self.given[slot])
        elif slot in self.given:
            value = ENTER
        else:
            value = self._planned(q)
        self.given[slot] = _value_of(q, value)
        return value

    def _planned(self, q: Question) -> Any:
        n, j = _numbers(q.place)
        plan = self.partners[n - 1] if 0 < n <= len(self.partners) else ("internal", "current", 0)
        plain = {"partners.add": True, "partners.more#": n < len(self.partners),
                 "measures.add": plan[2] > 0, "measures.more#": j < plan[2],
                 "partner.name": f"P{n}", "partner.kind": plan[0], "partner.status": plan[1],
                 "partner.why_critical": f"why {n}", "partner.why_not_engaged": f"not yet {n}",
                 "partner.contribution": f"gives {n}", "measure.name": f"M{n}-{j}",
                 "measure.type": "how_much" if j % 2 else "better_off",
                 "measure.baseline": f"base {n}-{j}", "worksheet.title": "T",
                 "worksheet.result": "R", "finish": "save", "unplaced": "keep"}
        for key, value in plain.items():
            if q.key == key or (key.endswith("#") and q.key + "#" == key):
                return value
        return False if q.key.endswith(".add") else ENTER

    @staticmethod
    def _other(q: Question, old: Any) -> Any:
        if isinstance(q, Confirm):
            return not old
        if isinstance(q, Select):
            return next((v for v in q.values() if v != old), ENTER)
        if isinstance(q, Text) and not q.parse:
            return f"{old or ''} edited".strip()
        return ENTER


def _numbers(place: str) -> tuple[int, int]:
    """The partner's and the measure's numbers in a place such as worksheet/partner+2/measure+1."""
    n = j = 0
    for part in place.split("/"):
        kind, _, number = part.partition("+")
        if kind == "partner" and number.isdigit():
            n = int(number)
        if kind == "measure" and number.isdigit():
            j = int(number)
        if part.startswith("measures.more#"):
            j = int(part.split("#")[1])
        if part.startswith("partners.more#"):
            n = int(part.split("#")[1])
    return n, j


def _value_of(q: Question, answer: Any) -> Any:
    if answer is ENTER:
        if isinstance(q, Select):
            return q.default if q.default in q.values() else q.values()[0]
        if isinstance(q, Text):
            return q.convert(q.default)
        if isinstance(q, Checkbox):
            return list(q.default)
        return q.default
    return q.convert(answer) if isinstance(q, Text) else answer


CHECKED = {"partner.name", "partner.kind", "partner.status", "partner.why_critical",
           "partner.why_not_engaged", "partner.contribution", "measure.name", "measure.type",
           "measure.baseline", "worksheet.title", "worksheet.result"}


def _found(ws: Any, room: Room, place: str) -> Any:
    """The saved item an answer's place names, found by the name last given to it."""
    if place == "worksheet":
        return ws
    owner, _, mine = place.rpartition("/")
    if mine.startswith("measure+"):
        partner = _found(ws, room, owner)
        name = room.given.get((place, "measure.name"))
        return next((m for m in partner.measures if m.name == name), None) if partner else None
    name = room.given.get((place, "partner.name"))
    return next((p for p in ws.partners if p.name == name), None)


# Found by hypothesis: Shift+Tab back to "Add a shared measure?", yes, Enter on its name (which
# leaves the list), then back again and no: the blank name was offered to keep, and kept as
# an empty shared measure the save refused.
@example(partners=[("internal", "current", 2)], edits=[(31, 2, True), (31, 2, True)])
@example(partners=[("internal", "current", 2)], edits=[(32, 2, True), (32, 2, True)])
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(partners=st.lists(st.tuples(st.sampled_from(["internal", "external"]),
                                   st.sampled_from(["current", "desired"]),
                                   st.integers(0, 2)), min_size=1, max_size=3),
       edits=st.lists(st.tuples(st.integers(3, 40), st.integers(1, 14), st.booleans()),
                      max_size=2))
def test_every_answer_that_still_applies_is_saved(tmp_path_factory, partners, edits):
    path = tmp_path_factory.mktemp("walk") / "w.yaml"
    room = Room(partners, sorted(edits))
    code, _ = interview(path, [], on_ask=room.on_ask, fallback=room.answer)
    assert code == 0
    ws = saved(path)
    for (place, key), value in room.given.items():
        if key not in CHECKED or value is None:
            continue
        item = _found(ws, room, place)
        assert item is not None, f"{place} is gone ({key} = {value!r})"
        assert getattr(item, key.split(".")[1]) == value, (place, key)


def test_an_indicator_left_behind_by_going_back_is_kept_with_its_id(tmp_path):
    """"Add a population indicator?" answered yes, the indicator typed, then Shift+Tab back
    to that question and no: the indicator is listed, and kept, it is saved whole."""
    path = tmp_path / "w.yaml"
    indicator = [("indicators.add", True), ("indicator.name", "Third graders on level"),
                 ("indicator.baseline", "43%"), ("indicator.target", "60%"),
                 ("indicator.target_date", "2028-06-30"), ("indicator.data_source", "State test")]
    back = [(key, BACK) for key, _ in reversed(indicator[1:])]
    script = [*OPENING[:2], *indicator, ("indicators.more", BACK), *back,
              ("indicators.add", False), *OPENING[3:], *ALPHA_BETA[:5],
              ("partners.more", False), ("measures.add", False), ("partner.contribution", ENTER),
              ("partner.strategy", ENTER), *NOTHING_MORE, *REFLECT,
              ("unplaced", "keep"), ("finish", "save")]
    code, asker = interview(path, script)
    assert code == 0, asker.text()
    assert "Third graders on level" in asker.text()  # listed before the save
    [kept] = saved(path).indicators
    assert (kept.id, kept.name, kept.target) == ("third-graders-on-level",
                                                 "Third graders on level", "60%")


def test_ctrl_c_after_going_back_keeps_the_answers_gone_back_over(tmp_path):
    """Shift+Tab over two answers, then Ctrl-C: the draft still holds them, and the
    resumed interview gives them back in their places."""
    import pytest

    from measurekit.interview.draft import Draft, path_for

    path = tmp_path / "w.yaml"
    opening = [*OPENING[:3], ("worksheet.action_plan", "Action plan text"),
               ("worksheet.facilitator", "Sam")]
    with pytest.raises(KeyboardInterrupt):
        interview(path, [*opening, ("partners.add", BACK), ("worksheet.facilitator", BACK)],
                  interrupt=True)
    kept = [(a["key"], a["value"]) for a in Draft.load(path_for(path)).answers]
    assert ("worksheet.action_plan", "Action plan text") in kept
    assert ("worksheet.facilitator", "Sam") in kept
    code, _ = interview(path, [("draft", "resume"), ("partners.add", True),
                               *ALPHA_BETA[1:5], ("partners.more", False),
                               ("measures.add", False), ("partner.contribution", ENTER),
                               ("partner.strategy", ENTER), *NOTHING_MORE, *REFLECT,
                               ("finish", "save")])
    ws = saved(path)
    assert code == 0 and (ws.action_plan, ws.facilitator) == ("Action plan text", "Sam")
