"""Saved answers that are no longer valid: shown, and asked again, never dropped.

A file that other commands refuse (a bad date, a misspelt choice, a missing
required answer, a reference to a partner that is gone) can still be opened by the
interview when every problem is an answer it knows how to ask; each one is then
shown with its reason and asked again, with the saved text as the starting point.
Problems no question can fix (an unknown key, a duplicate id, broken YAML) make
the file refused as by every other command.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..core.errors import Problem, WorksheetInvalid
from ..core.fieldtypes import format_path
from ..core.integrity import integrity_problems
from ..core.model import READ_VERSIONS, Worksheet
from ..core.problems import describe
from ..core.schema_walk import KINDS, MODELS, asked, nested
from . import wording as w
from .flow import Flow, Obj

# (kind, where the object is, field, reason): one answer to ask again.
Askable = tuple[str, tuple[Any, ...], str, str]


def load(raw: bytes, name: str) -> tuple[Obj, list[Askable], bool, Worksheet | None]:
    """The saved worksheet as dicts, the answers to ask again, whether it has comments,
    and the worksheet as read when it is valid (None while answers must be asked again)."""
    from ..core import store

    try:
        loaded = store.parse(raw, name)
    except WorksheetInvalid as refused:
        data, has_comments = store.parse_data(raw, name)  # YAML problems are refused here
        if not isinstance(data, dict) or data.get("schema_version") not in READ_VERSIONS:
            raise
        problems = find(data)
        if not problems:
            raise refused from None
        return data, problems, has_comments, None
    return loaded.worksheet.model_dump(), [], loaded.has_comments, loaded.worksheet


def find(data: Obj) -> list[Askable] | None:
    """[] when `data` is a valid worksheet; the problems when each is askable; else None."""
    try:
        worksheet = Worksheet.model_validate(data)
    except ValidationError as exc:
        found = [_askable(tuple(e["loc"]), e["type"], describe(e)) for e in exc.errors()]
    else:
        found = [_askable(loc, "reference", message)
                 for loc, message in integrity_problems(worksheet)]
    if any(problem is None for problem in found):
        return None
    unique: dict[tuple[Any, ...], Askable] = {}
    for problem in found:
        assert problem is not None
        unique.setdefault(problem[1] + (problem[2],), problem)
    return list(unique.values())


def _askable(loc: tuple[Any, ...], kind: str, reason: str) -> Askable | None:
    if kind == "extra_forbidden" or (kind == "reference" and loc[-1] == "id"):
        return None  # unknown keys and duplicate ids are for a person with an editor
    # Follow the location down the models (a list of items, then an index), to a field
    # the interview asks about an item it knows.
    kind = "worksheet"
    where: tuple[Any, ...] = ()
    rest = list(loc)
    while rest:
        name = rest.pop(0)
        if not isinstance(name, str) or name not in MODELS[kind].model_fields:
            return None
        if name in asked(kind):
            return kind, where, name, reason
        inner = nested(MODELS[kind], name)
        if inner is None or inner[0] not in KINDS:
            return None
        kind, many = KINDS[inner[0]], inner[1]
        where += (name,)
        if many:
            if not rest or not isinstance(rest[0], int):
                return None
            where += (rest.pop(0),)
    return None


def ask_again(flow: Flow, problems: list[Askable]) -> None:
    """Show each invalid saved answer with its reason and ask for it again, until all are fixed."""
    flow.heading("repair")
    for _round in range(5):
        for kind, where, field, reason in problems:
            obj = _resolve(flow.ws, where)
            # An item inside another's list (a partner's measure) is asked about its owner.
            owner = _resolve(flow.ws, where[:-2]) if len(where) > 2 else None
            names = [o.get("name") or o.get("what") for o in (owner, obj) if o and where]
            place = " · ".join([str(n) for n in names if n] + [field.replace("_", " ")])
            place += f" ({format_path(where + (field,))})"
            value = repr(obj.get(field)) if field in obj else "(missing)"
            flow.say(w.INVALID_SAVED.format(where=place, value=value, reason=reason), "warn")
            flow.field(kind, obj, field, owner, quiet=True)
        remaining = find(flow.ws)
        if remaining == []:
            flow.ws = Worksheet.model_validate(flow.ws).model_dump()
            return
        if remaining is None:
            break
        problems = remaining
    raise WorksheetInvalid([Problem("the interview", "some saved answers could not be asked again; "
                                    "run `measurekit validate` on the file and fix them by hand")])


def _resolve(data: Obj, where: tuple[Any, ...]) -> Obj:
    obj: Any = data
    for part in where:
        obj = obj.setdefault(part, {}) if isinstance(part, str) else obj[part]
    return obj
