"""The worksheet being edited, and the ways of asking about it that every step shares.

The worksheet is held as plain dicts in the file's shape (a new one starts with no
title or result, which a model would refuse); it is validated into a `Worksheet`
when the consultant finishes. Steps (steps.py) and menus (menu.py) work through a
`Flow`: it asks one field at a time, edits lists of items, and keeps ids and the
references to them consistent.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ..core import operations
from ..core import schema_walk as fields
from ..core.fieldtypes import name_key, slugify
from ..core.model import Worksheet
from . import questions
from . import wording as w
from .asker import Asker, Confirm, Question, Select, Text
from .watch import Focus, Watcher

Obj = dict[str, Any]


class Cancelled(Exception):
    """A new item left without a name: the consultant changed their mind about adding it."""


class KeptOnce(Cancelled):
    """A new item that was one already listed (the same partner named twice): the list goes
    on, with "add another?" as after any item."""


def new_worksheet() -> Obj:
    """A worksheet with nothing in it yet, in the file's shape, as the model defines it.

    Required answers start as None (to be asked), lists empty, items such as the
    reflection as empty dicts, and fixed values such as the format version as written.
    """
    data: Obj = {}
    for name, info in Worksheet.model_fields.items():
        if info.is_required():
            data[name] = None
        elif info.default_factory is not None:
            data[name] = {}
        elif info.default is not None:
            data[name] = copy.copy(info.default)
    return data


@dataclass
class Listing:
    """A list of items the consultant can add to, change, remove from (and mark done)."""

    key: str  # names its questions in the draft
    a: str  # "a performance measure"
    plural: str  # "performance measures"
    items: Callable[[], list[tuple[int, str]]]  # (index in the underlying list, label)
    add: Callable[[], object]
    edit: Callable[[int], None]
    remove: Callable[[int], object]
    first: str  # the question that offers the first item, during the walk-through
    more: str  # the question that offers one more
    more_default: bool = False
    first_default: bool = True  # Enter on `first`: add one (False: Enter leaves it empty)
    done: Callable[[int], bool] | None = None  # items that can be marked done: is it done?
    toggle: Callable[[int], None] | None = None
    open: Callable[[int], None] | None = None  # replaces the item menu (partners have their own)
    place: str = "worksheet"  # what the list belongs to (Flow.place): its questions' place


PASS_KEY = "interview.pass"  # the draft's record of the pass chosen for a new worksheet

# The worksheet's list that holds each kind of item (a measure is in its partner's).
LISTS = {"partner": "partners", "measure": "measures", "shared": "shared_measures",
         "work": "work_plan", "next": "next_steps", "indicator": "indicators"}


class Flow:
    def __init__(self, asker: Asker, data: Obj, today: date, quick: bool = False,
                 watcher: Watcher | None = None):
        self.asker = asker
        self.watcher = watcher  # the live page of `interview --show`, if any (watch.py)
        self.focus = Focus()
        self.ws = data
        self.today = today
        self.quick = quick  # `interview --quick`: only what the summary table shows
        self.places: dict[int, tuple[str, Obj]] = {}  # id(item) -> its place, and the item
        self.by_place: dict[str, Obj] = {}
        self._added: dict[tuple[str, str], int] = {}  # items added so far, by owner and kind
        # Answers taken back by Shift+Tab that found no place again (session.py sets it).
        self.unplaced: Callable[[], list[dict[str, Any]]] = list
        self.filling: Obj | None = None  # the partner whose gaps are being filled (menu.py)

    def choose_pass(self) -> None:
        """A new worksheet: the full walk-through or the quick pass (Enter = full).

        Asked once; the answer is in the draft, so a resume keeps the pass chosen.
        `--quick` answers it in advance (session.py).
        """
        picked = self.select(PASS_KEY, w.PASS, w.PASS_CHOICES, default="full")
        self.quick = self.quick or picked == "quick"

    def snapshot(self) -> Obj:
        """The worksheet so far (the draft keeps a readable copy)."""
        return self.ws

    # --- asking -----------------------------------------------------------------------------

    def say(self, text: str, kind: str = "explain") -> None:
        self.asker.say(text, kind)

    def heading(self, key: str, explain: bool = True, **names: Any) -> None:
        text = w.HEADINGS[key].format(**names)
        self.focus = Focus(section=key, heading=text)
        self.say(text, "heading")
        if explain:
            self.say(w.EXPLAIN[key])

    def ask(self, question: Question) -> Any:
        if self.watcher is None:
            return self.asker.ask(question)
        self.focus = replace(self.focus, question=question.message)
        self.watcher.asking(self.ws, self.focus)
        try:
            return self.asker.ask(question)
        finally:
            self.watcher.answered()

    def confirm(self, key: str, message: str, default: bool = True, place: str = "") -> bool:
        return bool(self.ask(Confirm(key, message, default=default, place=place)))

    def select(self, key: str, message: str, choices: list[tuple[Any, str]],
               default: Any = None, transient: tuple[Any, ...] = (), place: str = "") -> Any:
        return self.ask(Select(key, message, choices=choices, default=default,
                               transient=transient, place=place))

    def place(self, kind: str, obj: Obj, owner: Obj | None = None) -> str:
        """What answers about `obj` are about, the same however the walk reaches it.

        An item from the file by its id ("partner:library"); one added in this session by
        its owner and the order it was added in ("worksheet/partner+2",
        "worksheet/partner+1/measure+1"), so that a rename or a changed status keeps it.
        """
        known = self.places.get(id(obj))
        if known is not None and known[1] is obj:
            return known[0]
        if kind in ("worksheet", "reflection"):
            where = kind
        elif isinstance(obj.get("id"), str):
            where = f"{kind}:{obj['id']}"
        else:
            about = owner if kind == "measure" else self.ws_partner(obj.get("partner"))
            above = self.place("partner", about) if about is not None else "worksheet"
            listed = (owner or {}).get("measures", []) if kind == "measure" \
                else self.ws.get(LISTS[kind], [])
            index = next((i for i, o in enumerate(listed) if o is obj), None)
            if index is not None:  # an item of the file without an id: by its position
                where = f"{above}/{kind}@{index}"
            else:
                n = self._added[above, kind] = self._added.get((above, kind), 0) + 1
                where = f"{above}/{kind}+{n}"
        self.places[id(obj)] = (where, obj)
        self.by_place[where] = obj
        return where

    def field(self, kind: str, obj: Obj, name: str, owner: Obj | None = None,
              quiet: bool = False, blank_cancels: bool = False) -> Any:
        """Ask one field, with the saved answer as the default, and store the answer."""
        self.focus = replace(self.focus, kind=kind, item=obj, owner=owner)
        question = questions.build(kind, name, obj, self.ws, self.today, owner)
        if question is None:
            return obj.get(name)
        question.place = self.place(kind, obj, owner)
        if self.filling is not None:  # a gap: the question says whose, and which measure
            question.message = self._whose(kind, obj, name, owner, question.message)
        if blank_cancels and isinstance(question, Text):
            question.required, question.hint = False, w.BLANK_CANCELS
        if self.quick and not fields.quick(kind, name):
            if isinstance(question, Select) and obj.get(name) is None:
                obj[name] = question.default  # a guess by status, as the prompt would offer
            return obj.get(name)
        if fields.facts(fields.MODELS[kind], name).person and isinstance(question, Text):
            question.suggestions = self.people()
        saved = obj.get(name)
        if (not quiet and isinstance(question, Select) and saved is not None
                and question.default not in question.values()):
            self.say(w.INVALID_CHOICE.format(value=repr(saved)), "warn")
        value = questions.stored(kind, name, self.ask(question))
        same = questions.shown(value) == questions.shown(saved)
        if saved is not None and value is not None and same:
            value = saved  # Enter on a saved answer keeps it exactly as the file has it
        obj[name] = value
        stamp = fields.facts(fields.MODELS[kind], name).stamps
        if stamp and not same:  # the story changed: the day it was written (none if cleared)
            obj[stamp] = None if value is None else self.today
        return value

    def _whose(self, kind: str, obj: Obj, name: str, owner: Obj | None, message: str) -> str:
        """A question asked to fill a gap, after 'Partner · measure: ' unless it names them."""
        partner = owner if kind == "measure" and owner is not None else self.filling or {}
        names = [str(n) for n in (partner.get("name"),
                                  obj.get("name") if kind == "measure" and name != "name"
                                  else None) if n]
        if all(n in message for n in names):
            return message
        return f"{' · '.join(names)}: {message}"

    def fields(self, kind: str, obj: Obj, names: tuple[str, ...] | list[str],
               owner: Obj | None = None) -> None:
        for name in names:
            # Checked as each comes up: an answer just given (a baseline) may settle it.
            if fields.asked_of(kind, name, obj):
                self.field(kind, obj, name, owner)

    def named(self, kind: str, obj: Obj, owner: Obj | None = None) -> None:
        """Ask an object's name; a new object gets an id made from it, a renamed one may too."""
        old_name, old_id = obj.get("name"), obj.get("id")
        # A new item's name may be left blank: after an accidental "add another",
        # Enter backs out instead of forcing the consultant to invent a name.
        while True:
            if self.field(kind, obj, "name", owner, blank_cancels=old_id is None) is None:
                obj.pop("name", None)
                raise Cancelled
            twin = self.namesake(kind, obj)
            if twin is None:
                break
            same = w.SAME_PARTNER.format(name=twin["name"], id=twin["id"])
            # One partner: keep it once.
            if self.confirm(f"{kind}.same", same, True, self.place(kind, obj, owner)):
                if old_id is None:
                    self.say(w.SAME_KEPT.format(name=twin["name"], id=twin["id"]), "note")
                    obj.pop("name", None)
                    raise KeptOnce
                obj["name"] = old_name
                return
            self.say(w.TELL_APART, "note")  # two partners: their names must tell them apart
            obj.pop("name", None)  # asked again in an empty box: typing replaces, not appends
        if old_id is None:
            obj["id"] = slugify(obj["name"], self.all_ids())
        elif obj["name"] != old_name:
            self.maybe_new_id(kind, obj)

    def people(self) -> list[str]:
        """Everyone named so far (the fields that name people: facilitator, who, lead, ...)."""
        names = fields.people(self.ws)
        found = (part.strip() for name in names if isinstance(name, str)
                 for part in name.split(","))
        return sorted({p for p in found if p}, key=str.casefold)

    def namesake(self, kind: str, obj: Obj) -> Obj | None:
        """Another partner with the same name as `obj` (ignoring case and spacing), if any."""
        if kind != "partner":
            return None
        key = name_key(obj.get("name"))
        return next((p for p in self.ws["partners"]
                     if p is not obj and name_key(p.get("name")) == key), None)

    # --- ids and references ----------------------------------------------------------------

    def partners(self, status: str | None = None) -> list[Obj]:
        return [p for p in self.ws["partners"] if status is None or p.get("status") == status]

    def ws_partner(self, ident: Any) -> Obj | None:
        return next((p for p in self.ws["partners"] if p.get("id") == ident), None)

    def all_ids(self) -> set[str]:
        """Every id in the worksheet: ids are unique in the whole file."""
        return {i for obj in fields.items(self.ws) if isinstance(i := obj.get("id"), str)}

    def references(self, kind: str, ident: str) -> list[str]:
        """Where other parts of the worksheet point at a partner or a measure, as labels."""
        found: dict[int, str] = {}  # one label per item, in the worksheet's order
        for ref, obj in operations.references_to(self.ws, ident):
            label = obj.get("name") or obj.get("what")
            found[id(obj)] = f"{w.REFERRING[ref.model.__name__]} '{label}'"
        return list(found.values())

    def maybe_new_id(self, kind: str, obj: Obj) -> None:
        """After a rename: offer the id made from the new name, carrying every reference."""
        old = obj["id"]
        new = slugify(obj["name"], self.all_ids() - {old})
        if new == old:
            return
        refs = self.references(kind, old)
        where = w.REFS_UPDATED.format(n=len(refs), where=", ".join(refs)) if refs else ""
        if self.confirm(f"{kind}.new_id", w.NEW_ID.format(old=old, new=new, refs=where), True):
            operations.rename_id(self.ws, old, new)

    # --- lists of items --------------------------------------------------------------------

    def listing(self, spec: Listing, walk: bool) -> None:
        """During the walk-through an empty list offers items one by one; otherwise a menu."""
        if walk and not spec.items():
            where = f"{spec.place}/{spec.key}"
            if not self.confirm(f"{spec.key}.add", spec.first, spec.first_default,
                                f"{where}.add"):
                return
            added = 0
            while True:
                try:
                    spec.add()
                    added += 1  # "add another" after the first item, the second...
                except KeptOnce:
                    pass
                except Cancelled:
                    return
                if not self.confirm(f"{spec.key}.more", spec.more, spec.more_default,
                                    f"{where}.more#{added}"):
                    return
        acted = False
        while True:
            choices: list[tuple[Any, str]] = [(f"item:{i}", label) for i, label in spec.items()]
            choices += [("add", w.ADD_A.format(what=spec.a)),
                        ("done", w.DONE_WITH.format(what=spec.plural))]
            choice = self.select(f"{spec.key}.list", w.LIST.format(what=spec.plural), choices,
                                 default="done" if walk or acted else None,
                                 place=f"{spec.place}/{spec.key}.list")
            acted = True
            if choice == "done":
                return
            if choice == "add":
                try:
                    spec.add()
                except Cancelled:
                    pass
                continue
            index = int(choice.split(":")[1])
            if spec.open:
                spec.open(index)
            else:
                self.item_menu(spec, index)

    def item_menu(self, spec: Listing, index: int) -> None:
        label = dict(spec.items()).get(index, "")
        choices: list[tuple[Any, str]] = []
        if spec.done and spec.toggle:
            choices.append(("toggle", w.MARK_OPEN if spec.done(index) else w.MARK_DONE))
        choices += [("edit", w.EDIT), ("remove", w.REMOVE), ("back", w.BACK)]
        choice = self.select(f"{spec.key}.item", w.ITEM_MENU.format(label=label), choices)
        if choice == "toggle" and spec.toggle:
            spec.toggle(index)
        elif choice == "edit":
            spec.edit(index)
        elif choice == "remove":
            spec.remove(index)
