"""The steps of the worksheet, in order, and the lists of items each one fills.

`walk` goes through everything: a new worksheet from the first question to the
last, or a saved one again with its answers as defaults. Each step is also called
on its own by the update menu (menu.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ..core import operations
from ..core.schema_walk import MODELS, asked, asked_of, quick
from ..core.vocabulary import MEASURE_TYPE_LABELS, partner_label
from . import wording as w
from .flow import Cancelled, Flow, Listing, Obj
from .questions import shown

# A partner's fields before its contribution are step 1 (who they are, why they matter);
# from the contribution on, step 2 or 3 (what they bring, and how to make the most of it).
STEP_2_FROM = "contribution"
# The worksheet's fields before its partners are its first section (the details).
STEP_1_FROM = "partners"
# `done` is not asked: a work item or a next step is marked done from its list.
MARKED_FROM_LIST = "done"


def walk(flow: Flow) -> None:
    details(flow)
    critical_partners(flow, walk=True)
    current = flow.partners("current")
    for n, p in enumerate(current, 1):
        current_partner(flow, p, n, len(current), walk=True)
    shared_measures(flow, walk=True)
    if not flow.quick:  # the quick pass leaves the plan and the reflection for later
        work_plan(flow, walk=True)
        next_steps(flow, walk=True)
    desired = flow.partners("desired")
    for n, p in enumerate(desired, 1):
        desired_partner(flow, p, n, len(desired), walk=True)
    if not flow.quick:
        reflection(flow)


def details(flow: Flow) -> None:
    """The worksheet's first section, in the model's order: its own fields, and the lists
    held with them (the result's population indicators, right after the result).

    A list is offered as in the walk-through, from the menu too: Enter goes on to the
    next question. The quick pass asks only what the summary table shows, and the table
    has no indicators."""
    flow.heading("details")
    for name in details_fields():
        if name not in LISTINGS:
            flow.fields("worksheet", flow.ws, (name,))
        elif not flow.quick or quick("worksheet", name):
            flow.listing(LISTINGS[name](flow), walk=True)


def details_fields() -> tuple[str, ...]:
    """The first section: the worksheet's asked fields and its lists declared before its
    partners (step 1), in the model's order."""
    names = list(MODELS["worksheet"].model_fields)
    own = asked("worksheet")
    return tuple(n for n in names[:names.index(STEP_1_FROM)] if n in own or n in LISTINGS)


def indicator_listing(flow: Flow) -> Listing:
    """The result's population indicators: is the whole population better off?"""
    items = flow.ws.setdefault("indicators", [])
    add, edit = named_items(flow, "indicator", items, dict)
    return Listing(
        key="indicators", a="a population indicator", plural="population indicators",
        items=lambda: [(i, str(x.get("name"))) for i, x in enumerate(items)],
        add=add, edit=edit, remove=lambda i: _remove(flow, "indicator", items, i, "name"),
        # Often not chosen yet at a first meeting: Enter goes on, as it skips a question.
        first=w.ADD_FIRST_INDICATOR, more=w.ADD_INDICATOR, first_default=False,
    )


# The worksheet's lists asked in its first section, and how each is listed.
LISTINGS: dict[str, Callable[[Flow], Listing]] = {"indicators": indicator_listing}


# --- step 1: partners -----------------------------------------------------------------------


def critical_partners(flow: Flow, walk: bool, open_partner: Any = None) -> None:
    flow.heading("partners")
    flow.listing(partner_listing(flow, open_partner), walk)


def partner_listing(flow: Flow, open_partner: Any = None) -> Listing:
    return Listing(
        key="partners", a="a partner", plural="partners",
        items=lambda: [(i, partner_label(p.get("name"), p.get("kind"), p.get("status")))
                       for i, p in enumerate(flow.ws["partners"])],
        add=lambda: add_partner(flow),
        edit=lambda i: partner_basics(flow, flow.ws["partners"][i]),
        remove=lambda i: remove_partner(flow, i),
        first=w.ADD_FIRST_PARTNER, more=w.ADD_PARTNER,
        open=open_partner,
    )


def add_partner(flow: Flow) -> Obj:
    partner: Obj = {"measures": []}
    flow.named("partner", partner)
    flow.ws["partners"].append(partner)
    partner_basics(flow, partner, new=True)
    return partner


def partner_basics(flow: Flow, partner: Obj, new: bool = False) -> None:
    """Step 1 for one partner: who they are, and why they matter (or are missing)."""
    if not new:
        flow.named("partner", partner)
    # A saved partner changes status from its own menu, where that has consequences.
    partner_fields(flow, partner, step=1, skip=() if new else ("status",))


def partner_fields(flow: Flow, partner: Obj, step: int, skip: tuple[str, ...] = ()) -> None:
    """Ask the fields of step 1, or of step 2 or 3, about this partner (the name apart)."""
    names = asked("partner")
    split = names.index(STEP_2_FROM)
    for name in names[:split] if step == 1 else names[split:]:
        # Checked as each comes up: the status may have just been answered.
        if name != "name" and name not in skip and asked_of("partner", name, partner):
            flow.field("partner", partner, name)


def remove_partner(flow: Flow, index: int) -> bool:
    """Remove a partner after saying what else goes with it; ask about its next steps."""
    partner = flow.ws["partners"][index]
    gone = operations.cascade(flow.ws, partner["id"])
    parts = []
    if gone.emptied:
        parts.append(w.CONSEQ_EMPTIED.format(names=_names(gone.emptied)))
    if gone.shared:
        parts.append(w.CONSEQ_SHARED.format(names=_names(gone.shared)))
    if gone.work:
        parts.append(w.CONSEQ_WORK.format(n=len(gone.work)))
    consequences = f" ({'; '.join(parts)})" if parts else ""
    question = w.REMOVE_PARTNER.format(name=partner.get("name"), n=len(gone.measures),
                                       consequences=consequences)
    if not flow.confirm("partner.remove", question, default=False):
        return False
    drop = False
    if gone.next_steps:
        drop = "drop" == flow.select(
            "partner.remove_steps",
            w.NEXT_STEPS_OF_REMOVED.format(n=len(gone.next_steps), name=partner.get("name")),
            [("keep", w.NEXT_STEPS_KEEP), ("drop", w.NEXT_STEPS_DROP)])
    operations.remove_partner(flow.ws, partner["id"], drop_next_steps=drop)
    return True


def _names(items: list[Obj]) -> str:
    return ", ".join(f"'{i.get('name')}'" for i in items)


# --- steps 2 and 3: one partner -------------------------------------------------------------


def current_partner(flow: Flow, partner: Obj, n: int, total: int, walk: bool) -> None:
    flow.heading("current", explain=n == 1, n=n, total=total, name=partner.get("name"))
    flow.listing(measure_listing(flow, partner), walk)
    partner_fields(flow, partner, step=2)


def desired_partner(flow: Flow, partner: Obj, n: int, total: int, walk: bool) -> None:
    flow.heading("desired", explain=n == 1, n=n, total=total, name=partner.get("name"))
    flow.listing(measure_listing(flow, partner), walk)
    partner_fields(flow, partner, step=3)
    if not flow.quick:
        flow.listing(next_step_listing(flow, partner), walk)


def partner_step(flow: Flow, partner: Obj, walk: bool) -> None:
    """Step 2 or 3 for one partner, as its status says."""
    group = flow.partners(partner.get("status"))
    n = next(i for i, p in enumerate(group, 1) if p is partner)
    if partner.get("status") == "current":
        current_partner(flow, partner, n, len(group), walk)
    else:
        desired_partner(flow, partner, n, len(group), walk)


def measure_listing(flow: Flow, partner: Obj) -> Listing:
    name = partner.get("name")
    return Listing(
        key="measures", a="a performance measure", plural="performance measures",
        items=lambda: [(j, measure_label(m)) for j, m in enumerate(partner["measures"])],
        add=lambda: add_measure(flow, partner),
        edit=lambda j: edit_measure(flow, partner, partner["measures"][j]),
        remove=lambda j: remove_measure(flow, partner, j),
        first=w.ADD_FIRST_MEASURE.format(name=name), more=w.ADD_MEASURE.format(name=name),
        more_default=True, place=flow.place("partner", partner),
    )


def measure_label(m: Obj) -> str:
    label = MEASURE_TYPE_LABELS.get(str(m.get("type")))
    kind = label.lower() if label else str(m.get("type"))
    return f"{m.get('name')} · {kind}" + (", hypothesized" if m.get("hypothesized") else "")


def add_measure(flow: Flow, partner: Obj) -> None:
    measure: Obj = {}
    flow.named("measure", measure, owner=partner)
    partner["measures"].append(measure)
    flow.fields("measure", measure, unnamed("measure", measure), owner=partner)


def edit_measure(flow: Flow, partner: Obj, measure: Obj) -> None:
    flow.named("measure", measure, owner=partner)
    flow.fields("measure", measure, unnamed("measure", measure), owner=partner)


def unnamed(kind: str, item: Obj | None = None) -> list[str]:
    """The fields asked after an item's name (flow.named asks the name, and makes the id).

    Flow.fields skips, as each comes up, those this item is not asked (the story of a
    measure without data; which way is better, when baseline and target tell it)."""
    return [n for n in asked(kind) if n != "name"]


def remove_measure(flow: Flow, partner: Obj, index: int) -> None:
    measure = partner["measures"][index]
    refs = flow.references("measure", measure["id"])
    consequences = f" ({w.CONSEQ_MEASURE.format(where=', '.join(refs))})" if refs else ""
    question = w.REMOVE_MEASURE.format(name=measure.get("name"), consequences=consequences)
    if flow.confirm("measure.remove", question, default=False):
        operations.remove_measure(flow.ws, measure["id"])


# --- step 2: what partners do together ------------------------------------------------------


def shared_measures(flow: Flow, walk: bool) -> None:
    items = flow.ws["shared_measures"]
    if not flow.ws["partners"] and not items:
        if not walk:  # asked for from the menu: say why there is nothing to do
            flow.say(w.NO_PARTNERS_TO_SHARE)
        return
    flow.heading("shared")
    add, edit = named_items(flow, "shared", items, lambda: {"partners": [], "measures": []})
    flow.listing(Listing(
        key="shared", a="a shared measure", plural="shared measures",
        items=lambda: [(i, f"{s.get('name')} · {', '.join(s.get('partners', []))}")
                       for i, s in enumerate(items)],
        add=add, edit=edit, remove=lambda i: _remove(flow, "shared", items, i, "name"),
        first=w.ADD_FIRST_SHARED, more=w.ADD_SHARED,
    ), walk)


def named_items(flow: Flow, kind: str, items: list[Obj], new: Callable[[], Obj]
                ) -> tuple[Callable[[], None], Callable[[int], None]]:
    """Adding and changing items of the worksheet's own list that have a name and an id."""

    def add() -> None:
        item = new()
        flow.named(kind, item)
        items.append(item)
        flow.fields(kind, item, unnamed(kind, item))

    def edit(i: int) -> None:
        flow.named(kind, items[i])
        flow.fields(kind, items[i], unnamed(kind, items[i]))

    return add, edit


def work_plan(flow: Flow, walk: bool) -> None:
    flow.heading("work")
    items = flow.ws["work_plan"]
    first, *rest = [n for n in asked("work") if n != MARKED_FROM_LIST]

    def add() -> None:
        item: Obj = {}
        if flow.field("work", item, first, blank_cancels=True) is None:
            raise Cancelled  # Enter on its own: leaves the list, as in every other list
        items.append(item)
        flow.fields("work", item, rest)

    def edit(i: int) -> None:
        flow.fields("work", items[i], (first, *rest))

    flow.listing(Listing(
        key="work", a="a work plan item", plural="work plan items",
        items=lambda: [(i, _done_mark(it) + f"{it.get('what')}" + _when(" · due", it.get("due")))
                       for i, it in enumerate(items)],
        add=add, edit=edit, remove=lambda i: _remove(flow, "work", items, i, "what"),
        first=w.ADD_FIRST_WORK, more=w.ADD_WORK,
        done=lambda i: bool(items[i].get("done")),
        toggle=lambda i: _toggle(items[i], "work", flow.today),
    ), walk)


def next_steps(flow: Flow, walk: bool) -> None:
    """All next steps (step 2 asks for them; the update menu lists them all)."""
    flow.heading("next")
    flow.listing(next_step_listing(flow, None), walk)


def next_step_listing(flow: Flow, partner: Obj | None) -> Listing:
    """The next steps about one desired partner (step 3), or all of them."""
    steps = flow.ws["next_steps"]

    def mine() -> list[tuple[int, Obj]]:
        return [(i, n) for i, n in enumerate(steps)
                if partner is None or n.get("partner") == partner.get("id")]

    # Step 3 lists one partner's next steps: the partner is not asked, it is that one.
    fixed = {MARKED_FROM_LIST} | ({"partner"} if partner else set())
    first, *rest = [n for n in asked("next") if n not in fixed]

    def add() -> None:
        step: Obj = {}
        if partner:
            step = {"partner": partner["id"], "step": 3 if partner["status"] == "desired" else 2}
        if flow.field("next", step, first, blank_cancels=True) is None:
            raise Cancelled  # Enter on its own: no next step after all
        steps.append(step)
        flow.fields("next", step, rest)
        if not partner:
            about = flow.ws_partner(step.get("partner"))
            step["step"] = 3 if about and about.get("status") == "desired" else 2

    name = partner.get("name") if partner else ""
    return Listing(
        key="next", a="a next step", plural="next steps",
        items=lambda: [(i, _done_mark(n) + f"{n.get('who')}: {n.get('what')}"
                        + _when(" · by", n.get("by_when"))) for i, n in mine()],
        add=add, edit=lambda i: flow.fields("next", steps[i], (first, *rest)),
        remove=lambda i: _remove(flow, "next", steps, i, "what"),
        first=w.ADD_FIRST_NEXT_FOR.format(name=name) if partner else w.ADD_FIRST_NEXT,
        more=w.ADD_NEXT_FOR.format(name=name) if partner else w.ADD_NEXT,
        done=lambda i: bool(steps[i].get("done")),
        toggle=lambda i: _toggle(steps[i], "next", flow.today),
        place=flow.place("partner", partner) if partner else "worksheet",
    )


def reflection(flow: Flow) -> None:
    flow.heading("reflection")
    flow.fields("reflection", flow.ws.setdefault("reflection", {}), asked("reflection"))


def _remove(flow: Flow, kind: str, items: list[Obj], index: int, label: str) -> None:
    if flow.confirm(f"{kind}.remove", w.REMOVE_ITEM.format(name=items[index].get(label)), False):
        del items[index]


def _toggle(item: Obj, kind: str, today: date) -> None:
    """Mark done (a next step records the day) or open again."""
    operations.mark_done(item, not item.get("done"), today, model=MODELS[kind])


def _done_mark(item: Obj) -> str:
    return "[done] " if item.get("done") else ""


def _when(prefix: str, day: Any) -> str:
    return f"{prefix} {shown(day)}" if day else ""
