"""The worksheet the live page shows: a saved file as read, or the interview's answers so far.

The interview holds half-filled answers as plain dicts: a partner named a moment ago
has no kind yet, a measure no type. The page shows every item that is complete enough
to be a model, and nothing made up: an item that is not is left out here (the page's
"now" panel shows it as typed), and a reference to an item left out is dropped.

The interview's document may be read only while it waits at a prompt, so it is read
one item at a time through `guard`, which holds the interview off for that item only
and raises `Stale` once the consultant has answered (the next view starts again).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..core.fieldtypes import slugify
from ..core.model import (
    Measure,
    NextStep,
    Partner,
    Reflection,
    SharedMeasure,
    WorkItem,
    Worksheet,
)

T = TypeVar("T")
Guard = Callable[[Callable[[], T]], T]
M = TypeVar("M", bound=BaseModel)

# The header of a worksheet whose title or result is not written yet.
NO_TITLE = "A new worksheet"
NO_RESULT = "The result in the center is not written yet."


class Stale(Exception):
    """The interview moved on while its answers were being read: read them again later."""


def item_id(item: Any) -> str | None:
    """An item's id, or the one it will be given from its name (the interview makes it so)."""
    if not isinstance(item, dict):
        return None
    if item.get("id"):
        return str(item["id"])
    return slugify(str(item["name"])) if item.get("name") else None


def _valid(model: type[M], data: Any, **extra: Any) -> M | None:
    if not isinstance(data, dict):
        return None
    if "id" in model.model_fields and not data.get("id") and data.get("name"):
        data = {**data, "id": item_id(data)}
    try:
        return model.model_validate({**data, **extra})
    except ValidationError:
        return None


def _partner(data: Any) -> Partner | None:
    if not isinstance(data, dict):
        return None
    measures = [m for m in (_valid(Measure, d) for d in data.get("measures") or []) if m]
    partner = _valid(Partner, data, measures=[])
    return None if partner is None else partner.model_copy(update={"measures": measures})


def _items(document: dict[str, Any], name: str, read: Callable[[Any], T | None],
           guard: Guard[Any]) -> list[T]:
    count = guard(lambda: len(document.get(name) or []))
    out = []
    for i in range(count):
        item: T | None = guard(partial(_nth, document, name, i, read))
        if item is not None:
            out.append(item)
    return out


def _nth(document: dict[str, Any], name: str, i: int, read: Callable[[Any], T | None]) -> T | None:
    return read((document.get(name) or [])[i])


def from_answers(document: dict[str, Any], guard: Guard[Any]) -> Worksheet:
    """Every item of the interview's document that is complete enough to show.

    Example: from_answers({"title": "Reading", "partners": [{"name": "Library"}]},
    lambda read: read()) has no partner yet: the library has no kind or status.
    """
    top = guard(lambda: {k: v for k, v in document.items()
                         if k in Worksheet.model_fields and not isinstance(v, list | dict)})
    head = _valid(Worksheet, {**top, "title": top.get("title") or NO_TITLE,
                              "result": top.get("result") or NO_RESULT})
    if head is None:  # a version or a date the page cannot read: show the answers without it
        head = Worksheet(title=str(top.get("title") or NO_TITLE),
                         result=str(top.get("result") or NO_RESULT))
    partners = _items(document, "partners", _partner, guard)
    known = {p.id for p in partners}
    measures = {m.id for p in partners for m in p.measures}

    def shared(data: Any) -> SharedMeasure | None:
        if not isinstance(data, dict):
            return None
        sharers = [i for i in data.get("partners") or [] if i in known]
        feeds = [i for i in data.get("measures") or [] if i in measures]
        return _valid(SharedMeasure, data, partners=sharers, measures=feeds) if sharers else None

    def work(data: Any) -> WorkItem | None:
        if not isinstance(data, dict):
            return None
        return _valid(WorkItem, data, partners=[i for i in data.get("partners") or []
                                                if i in known])

    def step(data: Any) -> NextStep | None:
        if not isinstance(data, dict):
            return None
        partner = data.get("partner")
        return _valid(NextStep, data, partner=partner if partner in known else None)

    reflection = guard(lambda: _valid(Reflection, document.get("reflection") or {}))
    return head.model_copy(update={
        "partners": partners,
        "shared_measures": _items(document, "shared_measures", shared, guard),
        "work_plan": _items(document, "work_plan", work, guard),
        "next_steps": _items(document, "next_steps", step, guard),
        "reflection": reflection or Reflection(),
    })


def item_fields(item: Any) -> list[tuple[str, str]]:
    """The answers given so far for the item being filled in, for the page's "now" panel."""
    if not isinstance(item, dict):
        return []
    out = []
    for key, value in item.items():
        if key == "id" or value in (None, "", [], {}) or isinstance(value, dict):
            continue
        if isinstance(value, list):
            if not all(isinstance(v, str | int | float) for v in value):
                continue
            value = ", ".join(str(v) for v in value)
        out.append((key.replace("_", " "), str(value)))
    return out
