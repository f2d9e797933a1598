"""What the interview asks, read from the models and their field facts (facts.py).

Each kind of item the interview asks about has a model; every field of that model
is asked, in the model's order, unless its facts say `asked=False` or it holds items
of its own (a list of partners, a history: each has its own listing). How a field is
asked follows from its type annotation (`spec`): a date, a choice among a Literal's
values, yes or no, a number or text, items to pick, or text. So a field added to
a model is asked with no change here; it only needs its wording (wording.QUESTIONS).

Example: asked("work") == ("what", "lead", "partners", "start", "due", "done")
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .facts import NO_FACTS, Facts, Refers
from .model import (
    Indicator,
    Measure,
    NextStep,
    Partner,
    Reflection,
    SharedMeasure,
    WorkItem,
    Worksheet,
)
from .progress import number, read_direction

# The kinds of item the interview asks about, and their models. The kind starts each
# question's key in the draft (such as "measure.target"), so a kind is never renamed.
MODELS: dict[str, type[BaseModel]] = {
    "worksheet": Worksheet,
    "partner": Partner,
    "measure": Measure,
    "shared": SharedMeasure,
    "indicator": Indicator,
    "work": WorkItem,
    "next": NextStep,
    "reflection": Reflection,
}
KINDS = {model: kind for kind, model in MODELS.items()}

@dataclass(frozen=True)
class Spec:
    """How one field is asked, as its type annotation says."""

    sort: str  # text, value (a number or text), date, choice, yesno, pick (several), pick_one
    required: bool
    default: Any = None  # the model's default
    choices: tuple[Any, ...] = ()  # a Literal's values, in order
    refers: str = ""  # what a pick offers: "partner" or "measure"
    at_least_one: bool = False  # a pick that needs one item ticked


def facts(model: type[BaseModel], name: str) -> Facts:
    """The facts of a model's field (facts.py): `Field(json_schema_extra=Facts(...))`."""
    extra = model.model_fields[name].json_schema_extra
    return extra if isinstance(extra, Facts) else NO_FACTS


def asked(kind: str) -> tuple[str, ...]:
    """The fields the interview asks about an item of `kind`, in the model's order."""
    model = MODELS[kind]
    return tuple(name for name in model.model_fields if not skipped(model, name))


def skipped(model: type[BaseModel], name: str) -> bool:
    """Never asked: its facts say so, or it holds items, which have listings of their own."""
    return not facts(model, name).asked or nested(model, name) is not None


def asked_of(kind: str, name: str, item: dict[str, Any]) -> bool:
    """Whether the field is asked of this item: `only` desired partners, or measures with data."""
    only = facts(MODELS[kind], name).only
    if only == "with_data":
        return bool(item.get("history"))
    if only == "no_direction":  # a numeric target or data to judge, no way to read which way
        judged = number(item.get("target")) is not None or bool(item.get("history"))
        return judged and read_direction(item.get("baseline"), item.get("target")) is None
    return only is None or item.get("status") == only


def quick(kind: str, name: str) -> bool:
    """Whether `interview --quick` asks the field: the summary table shows it."""
    return facts(MODELS[kind], name).quick


@cache
def people_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that name people (who, lead, with whom, the facilitator)."""
    return tuple(name for name in model.model_fields if facts(model, name).person)


def people(data: dict[str, Any], model: type[BaseModel] = Worksheet) -> list[Any]:
    """What every field that names people holds, anywhere in the worksheet (None included)."""
    found = [data.get(name) for name in people_fields(model)]
    for name, (inner, many) in _people_holders(model):
        held = data.get(name)
        for obj in (held or []) if many else [held]:
            if isinstance(obj, dict):
                found += people(obj, inner)
    return found


@cache
def _people_holders(model: type[BaseModel]) -> tuple[tuple[str, tuple[type[BaseModel], bool]], ...]:
    """The fields of a model whose items name people, at any depth (a partner's do not)."""
    found = []
    for name in model.model_fields:
        inner = nested(model, name)
        if inner and (people_fields(inner[0]) or _people_holders(inner[0])):
            found.append((name, inner))
    return tuple(found)


def wording_key(kind: str, field: str) -> str:
    """'measure', 'target' -> 'Measure.target': how wording.py names a field's question,
    by the model that declares the field (a subclass keeps its parent's wording); a block
    of fields that models share (measures.py's private `_Curve`...) words it per model."""
    declared = next(cls for cls in reversed(MODELS[kind].__mro__)
                    if field in getattr(cls, "__pydantic_fields__", {})
                    and not cls.__name__.startswith("_"))
    return f"{declared.__name__}.{field}"


def spec(kind: str, field: str) -> Spec:
    """How the field is asked. A type the interview cannot ask is a TypeError naming it."""
    return _spec(MODELS[kind], field)


@cache
def _spec(model: type[BaseModel], field: str) -> Spec:
    info = model.model_fields[field]
    required = info.is_required()
    default = None if required or info.default_factory else info.default
    bare, metadata, many = _parts(info)
    refers = next((m.to for m in metadata if isinstance(m, Refers)), "")
    if refers:
        at_least_one = any(getattr(m, "min_length", 0) for m in info.metadata)
        return Spec("pick" if many else "pick_one", required, default, refers=refers,
                    at_least_one=at_least_one)
    if not many and len(bare) == 1:
        only = bare[0]
        if get_origin(only) is Literal:
            return Spec("choice", required, default, choices=get_args(only))
        sort = {bool: "yesno", date: "date", str: "text"}.get(only)
        if sort:
            return Spec(sort, required, default)
    if not many and str in bare and int in bare:
        return Spec("value", required, default)
    if not many and set(bare) == {int, float}:
        return Spec("number", required, default)
    raise TypeError(f"the interview cannot ask {model.__name__}.{field} "
                    f"({info.annotation}): give it Facts(asked=False), or teach schema_walk.spec")


def _parts(info: FieldInfo) -> tuple[list[Any], list[Any], bool]:
    """A field's types (None, a list and Annotated taken off), their metadata, and if a list."""
    options = [arg for arg in _union(info.annotation) if arg is not type(None)]
    many = len(options) == 1 and get_origin(options[0]) is list
    if many:
        options = list(get_args(options[0]))
    metadata, bare = list(info.metadata), []
    for option in options:
        if get_origin(option) is Annotated:
            inner, *extra = get_args(option)
            bare.append(inner)
            metadata += extra
        else:
            bare.append(option)
    return bare, metadata, many


@cache
def refers_to(model: type[BaseModel], name: str) -> tuple[str, bool] | None:
    """What a field's ids point at ("partner" or "measure"), and if it holds a list of them."""
    _, metadata, many = _parts(model.model_fields[name])
    return next(((m.to, many) for m in metadata if isinstance(m, Refers)), None)


@dataclass(frozen=True)
class Reference:
    """A field of the items of one of the worksheet's lists that holds ids of other items.

    Example: Reference("work_plan", WorkItem, "partners", to="partner", many=True)
    """

    where: str  # the worksheet's list
    model: type[BaseModel]  # the model of its items
    field: str
    to: str  # "partner" or "measure"
    many: bool  # a list of ids, or one id


@cache
def references() -> tuple[Reference, ...]:
    """Every reference an item of the worksheet can hold, as the model's Refers marks say."""
    found = []
    for name in Worksheet.model_fields:
        inner = nested(Worksheet, name)
        if inner and inner[1]:
            for field, info in inner[0].model_fields.items():
                _, metadata, many = _parts(info)
                found += [Reference(name, inner[0], field, m.to, many)
                          for m in metadata if isinstance(m, Refers)]
    return tuple(found)


def items(data: Any, model: type[BaseModel] = Worksheet) -> Iterator[Any]:
    """Every item with an id in the worksheet's lists, at any depth: partners, their
    measures, shared measures; of a `Worksheet` or of the interview's dicts alike."""
    return (item for _, item, _ in located(data, model))


def located(data: Any, model: type[BaseModel] = Worksheet,
            path: tuple[str | int, ...] = ()
            ) -> Iterator[tuple[tuple[str | int, ...], Any, type[BaseModel]]]:
    """(field path, item, its model) for every item with an id, at any depth, in file order.

    `data` is a model or the file's shape as dicts (the interview's half-filled answers):
    anything else in a list (an invalid answer, still to be asked again) is passed over.
    """
    for name, inner in _id_lists(model):
        for i, obj in enumerate(value(data, name) or []):
            if isinstance(obj, dict | BaseModel):
                yield (*path, name, i), obj, inner
                yield from located(obj, inner, (*path, name, i))


def value(obj: Any, name: str) -> Any:
    """A field of an item, be it a model or a dict in the file's shape (None when absent)."""
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


@cache
def _id_lists(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel]], ...]:
    """The fields of `model` that list items with ids (or items holding such lists)."""
    found = []
    for name in model.model_fields:
        inner = nested(model, name)
        if inner and inner[1] and ("id" in inner[0].model_fields or _id_lists(inner[0])):
            found.append((name, inner[0]))
    return tuple(found)


@cache
def nested(model: type[BaseModel], name: str) -> tuple[type[BaseModel], bool] | None:
    """The model of the items a field holds, and whether it holds a list of them."""
    annotation = model.model_fields[name].annotation
    many = get_origin(annotation) is list
    inner = get_args(annotation)[0] if many else annotation
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return inner, many
    return None


@cache
def false_by_default(model: type[BaseModel] = Worksheet) -> frozenset[str]:
    """The names of the yes-or-no fields whose default is no, in the model at any depth."""
    found = {name for name, info in model.model_fields.items() if info.default is False}
    for name in model.model_fields:
        inner = nested(model, name)
        if inner:
            found |= false_by_default(inner[0])
    return frozenset(found)


def _union(annotation: Any) -> tuple[Any, ...]:
    if get_origin(annotation) in (Union, types.UnionType):
        return get_args(annotation)
    return (annotation,)
