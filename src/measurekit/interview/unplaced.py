"""Answers that lost their place after Shift+Tab: shown before the save, kept or dropped.

Going back and changing an answer can take questions away: "Add another partner?"
answered no this time leaves the next partner's answers with nowhere to go, a
partner now current is no longer asked why it is not engaged. Those answers are
never dropped silently: before the review, each is listed with its question, and
the consultant keeps them all (each goes back into the item it was about, the item
made again if it is gone) or drops them all.

Example: an answer {"key": "partner.kind", "value": "external",
"place": "worksheet/partner+2", "said": "Is Beta inside or outside ...? External"} whose
partner was not added again is kept by adding that partner back with kind external.
"""

from __future__ import annotations

from typing import Any

from ..core.fieldtypes import slugify
from ..core.schema_walk import MODELS, asked
from . import wording as w
from .flow import LISTS, Flow, Obj
from .recorder import Recorder


def offer(flow: Flow) -> None:
    """List the answers taken back that found no place, and keep or drop them."""
    if not isinstance(flow.asker, Recorder):
        return
    # A blank answer holds nothing to keep (Enter on a new item's name left the list):
    # putting it back would only make an empty item again.
    records = [r for r in flow.asker.unplaced()
               if _is_field(r.get("key")) and r.get("value") not in (None, "", [])]
    if not records:
        return
    flow.say(w.UNPLACED, "warn")
    flow.say("\n".join(f"  {r.get('said', r['key'])}" for r in records), "block")
    choice = flow.select("unplaced", w.UNPLACED_QUESTION,
                         [("keep", w.UNPLACED_KEEP), ("drop", w.UNPLACED_DROP)],
                         default="keep")
    if choice == "keep":
        for record in records:
            put(flow, record)
        _name_new_items(flow)
    flow.asker.settle(records)


def _is_field(key: Any) -> bool:
    """An answer to a field of the worksheet (not "add another?" or a menu's choice)."""
    kind, _, field = str(key).partition(".")
    return kind in MODELS and field in asked(kind)


def put(flow: Flow, record: dict[str, Any]) -> None:
    """Put one answer back into the item it was about, making that item again if gone."""
    kind, _, field = record["key"].partition(".")
    obj = item(flow, kind, record["place"])
    if obj is not None:
        obj[field] = record["value"]


def item(flow: Flow, kind: str, place: str) -> Obj | None:
    """The item at `place`; an item added in this session and gone since is added again."""
    found = flow.by_place.get(place)
    if found is not None:
        return found
    if kind == "worksheet":
        return flow.ws
    if kind == "reflection":
        return flow.ws.setdefault("reflection", {})
    above, _, mine = place.rpartition("/")
    if "+" not in mine:  # an item of the file (by id or position) that was removed
        return None
    owner_kind = above.rpartition("/")[2].split("+")[0].split(":")[0].split("@")[0]
    owner = flow.ws if kind != "measure" else item(flow, owner_kind, above)
    if owner is None:
        return None
    obj: Obj = {"measures": []} if kind == "partner" else {}
    if kind == "next" and above != "worksheet":
        about = item(flow, "partner", above)
        if about is not None and about.get("id"):
            obj["partner"] = about["id"]
    owner.setdefault(LISTS[kind], []).append(obj)
    flow.places[id(obj)] = (place, obj)
    flow.by_place[place] = obj
    return obj


def _name_new_items(flow: Flow) -> None:
    """Items made again get their ids from their names, as when they were first added."""
    for obj in [o for _, o in flow.places.values()]:
        if "name" in obj and obj.get("name") and not obj.get("id") and \
                any(obj is p for p in _named_lists(flow)):
            obj["id"] = slugify(obj["name"], flow.all_ids())


# The kinds of item whose id is made from their name (read from the models, so a new
# list of named items is not forgotten here, as the indicators once were).
_NAMED = [kind for kind, model in MODELS.items()
          if kind in LISTS and {"id", "name"} <= model.model_fields.keys()]


def _named_lists(flow: Flow) -> list[Obj]:
    partners = flow.ws.get("partners", [])
    return [obj for kind in _NAMED for obj in (
        (m for p in partners for m in p.get("measures", [])) if kind == "measure"
        else flow.ws.get(LISTS[kind], []))]
