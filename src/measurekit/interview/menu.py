"""The order of a whole interview, and the menu that takes a consultant straight to a change.

A new worksheet is walked through from start to end; a saved one opens on the
menu (or on the section or partner asked for on the command line). Either way
the interview ends on the summary table and one last question: save, go back to
the menu, or quit keeping the answers in the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from ..core.errors import Problem, WorksheetInvalid
from ..core.fieldtypes import format_path
from ..core.gaps import Gap, find_gaps
from ..core.integrity import integrity_problems
from ..core.model import Worksheet
from ..core.problems import describe
from . import repair, steps, unplaced
from . import wording as w
from .asker import fit
from .flow import Cancelled, Flow, Obj
from .review import session_changes


@dataclass
class Ending:
    """What the end of the interview needs from outside the flow."""

    file: str  # the worksheet file, as the consultant named it
    notes: Callable[[], list[str]]  # warnings to show before saving (comments, file changed)
    table: Callable[[Worksheet], str]  # the summary table as text
    before: Worksheet | None = None  # the file as the interview opened it (None: a new one)


def interview(flow: Flow, ending: Ending, *, new: bool, section: str | None = None,
              partner: int | None = None,
              problems: list[repair.Askable] | None = None) -> Worksheet | None:
    """Run the interview; the finished worksheet to save, or None to quit without saving."""
    if new:
        flow.say(w.WELCOME, "note")
        flow.choose_pass()
        steps.walk(flow)
    else:
        title = flow.ws.get("title")
        flow.say(w.UPDATE.format(title=f"'{title}'" if title else "the worksheet",
                                 file=ending.file), "note")
    if problems:
        repair.ask_again(flow, problems)
    if partner is not None:
        partner_menu(flow, partner)
    elif section:
        open_section(flow, section)
    show_menu = not (new or section or partner is not None)
    while True:
        if show_menu:
            main_menu(flow)
        unplaced.offer(flow)  # answers that lost their place going back: never dropped unseen
        worksheet = finished(flow)
        flow.say(w.HEADINGS["summary"], "heading")
        flow.say(summary(worksheet))  # a few lines; the whole table only when asked for
        done = session_changes(ending.before, worksheet)  # what this session did to it
        flow.say("\n".join([w.SESSION_CHANGES, *(f"  {line}" for line in done)]) if done
                 else w.SESSION_UNCHANGED)
        for note in ending.notes():
            flow.say(note, "warn")
        choice = "table"
        while choice == "table":
            choice = flow.select(
                "finish", w.FINISH,
                [("save", w.FINISH_SAVE.format(file=ending.file)), ("table", w.FINISH_TABLE),
                 ("menu", w.FINISH_MENU), ("quit", w.FINISH_QUIT)],
                default="save", transient=("save", "quit", "table"),
            )
            if choice == "table":
                flow.say(ending.table(worksheet), "page")  # a pager when it is tall
        if choice == "save":
            return worksheet
        if choice == "quit":
            return None
        show_menu = True


def summary(ws: Worksheet) -> str:
    """The closing review in a few lines: what the worksheet holds, and how many gaps."""
    current = sum(1 for p in ws.partners if p.status == "current")
    open_steps = sum(1 for n in ws.next_steps if not n.done)
    return w.SUMMARY.format(
        indicators=len(ws.indicators), partners=len(ws.partners), current=current,
        desired=len(ws.partners) - current,
        measures=sum(len(p.measures) for p in ws.partners), shared=len(ws.shared_measures),
        work=len(ws.work_plan), open=open_steps, gaps=len(find_gaps(ws)))


def finished(flow: Flow) -> Worksheet:
    """The answers as a valid worksheet; anything still invalid is asked again first."""
    try:  # the usual case, validated once: at 1,000 partners a validation is a second
        worksheet = Worksheet.model_validate(flow.ws)
    except ValidationError:
        pass
    else:
        if next(integrity_problems(worksheet), None) is None:
            return worksheet
    problems = repair.find(flow.ws)
    if problems:
        repair.ask_again(flow, problems)
    try:
        worksheet = Worksheet.model_validate(flow.ws)
    except ValidationError as exc:  # only for problems no question can fix
        raise WorksheetInvalid([Problem("the answers", describe(e), format_path(e["loc"]))
                                for e in exc.errors()]) from None
    integrity = list(integrity_problems(worksheet))
    if integrity:
        raise WorksheetInvalid([Problem("the answers", message, format_path(loc))
                                for loc, message in integrity])
    return worksheet


def main_menu(flow: Flow) -> None:
    default = None
    while True:
        ws = flow.ws
        open_steps = sum(1 for n in ws["next_steps"] if not n.get("done"))
        asked = ", ".join(name.replace("_", " ") for name in steps.details_fields())
        choices = [("details", w.MENU_DETAILS.format(fields=asked))]
        choices += [(f"partner:{i}", _partner_entry(p)) for i, p in enumerate(ws["partners"])]
        choices += [
            ("add-partner", w.MENU_ADD_PARTNER),
            ("shared-measures", w.MENU_SHARED.format(n=len(ws["shared_measures"]))),
            ("work-plan", w.MENU_WORK.format(n=len(ws["work_plan"]))),
            ("next-steps", w.MENU_NEXT.format(open=open_steps,
                                              done=len(ws["next_steps"]) - open_steps)),
            ("reflection", w.MENU_REFLECTION),
            ("walk", w.MENU_WALK),
            ("finish", w.MENU_FINISH),
        ]
        choice = flow.select("menu", w.MENU, choices, default=default)
        if choice == "finish":
            return
        if choice.startswith("partner:"):
            partner_menu(flow, int(choice.split(":")[1]))
        else:
            open_section(flow, choice)
        default = "finish"


def _partner_entry(partner: Obj) -> str:
    """A partner in the menu, with its id; without it when the line would be shortened
    (the id is made from the name: cut in two, the name would show twice)."""
    entry = w.MENU_PARTNER.format(name=partner["name"], status=partner["status"],
                                  id=partner["id"])
    if fit(entry) == entry:
        return entry
    return w.MENU_PARTNER_SHORT.format(name=partner["name"], status=partner["status"])


def open_section(flow: Flow, name: str) -> None:
    """One part of the worksheet; `name` is a `--section` name or a main-menu choice."""
    if name == "details":
        steps.details(flow)
    elif name == "partners":
        steps.critical_partners(flow, walk=False, open_partner=lambda i: partner_menu(flow, i))
    elif name == "add-partner":
        add_partner(flow)
    elif name == "shared-measures":
        steps.shared_measures(flow, walk=False)
    elif name == "work-plan":
        steps.work_plan(flow, walk=False)
    elif name == "next-steps":
        steps.next_steps(flow, walk=False)
    elif name == "reflection":
        steps.reflection(flow)
    elif name == "walk":
        steps.walk(flow)
    else:
        raise ValueError(f"unknown section {name!r}")


def add_partner(flow: Flow) -> None:
    flow.heading("partners", explain=False)
    try:
        partner = steps.add_partner(flow)
    except Cancelled:
        return
    offer_step(flow, partner)


def offer_step(flow: Flow, partner: Obj) -> None:
    step = 2 if partner.get("status") == "current" else 3
    if flow.confirm("partner.walk_step", w.STATUS_WALK.format(name=partner["name"], step=step)):
        steps.partner_step(flow, partner, walk=True)


def partner_menu(flow: Flow, index: int) -> None:
    """Everything about one partner: its measures, its answers, its name, status, removal."""
    partner = flow.ws["partners"][index]
    default = None
    while True:
        other = "desired" if partner["status"] == "current" else "current"
        missing = partner_gaps(flow, partner)
        choices = [("missing", w.PARTNER_MISSING.format(
            n=len(missing), what="; ".join(g.message.split(": ", 1)[-1] for g in missing)))
            ] if missing else []
        n_steps = sum(1 for n in flow.ws["next_steps"] if n.get("partner") == partner["id"])
        choices += [
            ("measures", w.PARTNER_MEASURES.format(n=len(partner["measures"]))),
            ("next", w.PARTNER_NEXT.format(n=n_steps)),
            ("walk", w.PARTNER_WALK), ("rename", w.PARTNER_RENAME),
            ("status", w.PARTNER_STATUS.format(status=other)),
            ("remove", w.PARTNER_REMOVE), ("back", w.PARTNER_BACK)]
        choice = flow.select(
            "partner.menu", w.PARTNER_MENU.format(name=partner["name"]),
            choices, default=default,
        )
        default = "back"
        if choice == "missing":
            fill_gaps(flow, partner, missing)
        elif choice == "next":
            flow.listing(steps.next_step_listing(flow, partner), walk=False)
        elif choice == "measures":
            flow.listing(steps.measure_listing(flow, partner), walk=False)
        elif choice == "walk":
            steps.partner_basics(flow, partner)
            steps.partner_step(flow, partner, walk=False)
        elif choice == "rename":
            flow.named("partner", partner)
        elif choice == "status":
            change_status(flow, partner, other)
        elif choice == "remove":
            if steps.remove_partner(flow, flow.ws["partners"].index(partner)):
                return
        else:
            return


def change_status(flow: Flow, partner: Obj, status: str) -> None:
    """A desired partner joins (or a current one leaves); its hypotheses may now be known."""
    partner["status"] = status
    guesses = [m for m in partner["measures"] if m.get("hypothesized")]
    if status == "current" and guesses:
        question = w.STATUS_NOW_CURRENT.format(name=partner["name"], n=len(guesses))
        if flow.confirm("partner.confirm_measures", question, default=False):
            for m in guesses:
                m["hypothesized"] = False
    if status == "desired":
        flow.field("partner", partner, "why_not_engaged")
    offer_step(flow, partner)




def partner_gaps(flow: Flow, partner: Obj) -> list[Gap]:
    """What `gaps` reports about this partner (none while the answers are not yet valid)."""
    try:
        worksheet = Worksheet.model_validate(flow.ws)
    except ValidationError:
        return []
    return [g for g in find_gaps(worksheet) if g.partner == partner.get("id")
            and g.command == "interview"]  # a measure's data points are for `record`


def fill_gaps(flow: Flow, partner: Obj, missing: list[Gap]) -> None:
    """Ask exactly what each gap lacks: an answer, a measure's numbers, a measure, a step.

    Every question names the partner (and the measure): they come one after another,
    about different measures, with nothing else on the screen to say whose.
    """
    flow.filling = partner
    try:
        _fill(flow, partner, missing)
    finally:
        flow.filling = None


def _fill(flow: Flow, partner: Obj, missing: list[Gap]) -> None:
    added: set[str] = set()
    for gap in missing:
        if gap.kind == "duplicate_name":
            flow.named("partner", partner)
        elif gap.fields and gap.item is None:  # the partner's own empty fields
            flow.fields("partner", partner, gap.fields)
        elif gap.fields:  # a measure's empty fields
            measure = next((m for m in partner["measures"] if m.get("id") == gap.item), None)
            if measure is not None:
                flow.fields("measure", measure, gap.fields, owner=partner)
        elif gap.kind in ("no_measures", "no_better_off", "no_next_step"):
            what = "next" if gap.kind == "no_next_step" else "measure"
            if what in added:
                continue
            added.add(what)
            listing = (steps.next_step_listing(flow, partner) if what == "next"
                       else steps.measure_listing(flow, partner))
            try:
                listing.add()
            except Cancelled:
                pass
